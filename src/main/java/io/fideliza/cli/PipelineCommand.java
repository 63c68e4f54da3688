package io.fideliza.cli;

import io.fideliza.config.JobConfig;
import io.fideliza.pipeline.Pipeline;
import io.fideliza.run.Progress;
import io.fideliza.run.RunContext;
import io.fideliza.spark.InputReader;
import io.fideliza.spark.SparkSessions;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;

/** A command that runs the pipeline from ingest up to one stage and publishes what those stages make. */
abstract class PipelineCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @picocli.CommandLine.Option(names = "--run-date", paramLabel = "YYYY-MM-DD",
            description = "The day the run describes (default: today, UTC).")
    java.time.LocalDate runDate;

    @picocli.CommandLine.Option(names = "--accept", split = ",", paramLabel = "GUARD",
            description = "Run even though these input guards fail, for this run only (recorded in the manifest): "
                    + "quarantine_share, empty_input, volume_drop, stale_data.")
    java.util.Set<String> accept = java.util.Set.of();

    @picocli.CommandLine.Option(names = "--refit", description = "Refit the segment model tonight, whatever its age "
            + "and drift (the refit still keeps the current model unless a candidate is clearly better; see the manifest).")
    boolean refit;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The last stage this command runs (null: all of them). */
    abstract String lastStage();

    @Override
    public Integer call() {
        for (String guard : accept) {
            if (!JobConfig.Guards.NAMES.contains(guard)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--accept: no guard called '"
                        + guard + "' (the guards: " + String.join(", ", JobConfig.Guards.NAMES) + ")");
            }
        }
        JobConfig loaded = options.loadConfig().accepting(accept);
        JobConfig config = refit ? loaded.withSegment(loaded.segment().withModel(loaded.segment().model().withRefit(true)))
                : loaded;
        RunContext run = options.runContext(config, runDate);
        InputReader.checkFolder(options.input(config));
        Progress progress = new Progress(System.out);
        progress.event(String.format("fideliza %s: run date %s (%s), input %s, output %s", spec.name(),
                run.runDate(), run.zone().getId(), options.input(config), options.output(config)));
        long t0 = System.nanoTime();
        SparkSession spark = SparkSessions.create(options.master(config), config.spark().shufflePartitions(),
                run.zone().getId());
        progress.stage("spark", "Spark " + spark.version() + " on " + spark.sparkContext().master() + ", "
                + spark.conf().get("spark.sql.shuffle.partitions") + " shuffle partitions",
                (System.nanoTime() - t0) / 1e9);
        boolean failed = true;
        try {
            new Pipeline(spark, config, run, progress).run(options.input(config), options.output(config), lastStage());
            failed = false;
        } finally {
            SparkSessions.stop(spark, failed, options.verbose);
        }
        progress.event(String.format(java.util.Locale.ROOT, "total %.1f s", (System.nanoTime() - t0) / 1e9));
        return ExitCodes.OK;
    }
}
