package io.fideliza.cli;

import io.fideliza.config.JobConfig;
import io.fideliza.contract.InputError;
import io.fideliza.evaluate.EvaluationReport;
import io.fideliza.evaluate.OfflineEvaluation;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.ingest.IngestStage;
import io.fideliza.ingest.InputCheckStage;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.DiscardedOutputs;
import io.fideliza.run.Progress;
import io.fideliza.run.RunContext;
import io.fideliza.run.StageResults;
import io.fideliza.run.StageRunner;
import io.fideliza.spark.InputReader;
import io.fideliza.spark.SparkSessions;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Offline evaluation of the recommender on a temporal split; the logic lives in {@code io.fideliza.evaluate}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measure the recommender (cross-sell and replenishment) against popularity and item co-occurrence "
                + "baselines on a temporal split.")
final class EvaluateCommand implements Callable<Integer> {
    /** --input, --output (results go to evaluation/cutoff=D/), --timezone, --master, --config, --verbose. */
    @picocli.CommandLine.Mixin
    RunOptions options;

    @Option(names = "--cutoff", required = true, paramLabel = "YYYY-MM-DD",
            description = "Last day of the training history.")
    LocalDate cutoff;

    @Option(names = "--test-weeks", defaultValue = "4", description = "Weeks after the cut-off to test on (default: ${DEFAULT-VALUE}).")
    int testWeeks;

    @Option(names = "--k", defaultValue = "10", description = "Recommendations per customer measured (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--search", description = "Choose the model's parameters (recommend.training's grid) on a validation split first.")
    boolean search;

    @Override
    public Integer call() throws Exception {
        if (testWeeks < 1 || k < 1) {
            throw new InputError("--test-weeks and --k must be at least 1");
        }
        JobConfig c = options.loadConfig();
        String in = options.input(c);
        String out = options.output(c);
        // Ingest as of the test window's last day: later rows are ignored.
        RunContext last = options.runContext(c, cutoff.plusDays(7L * testWeeks));
        InputReader.checkFolder(in);
        Progress progress = new Progress(System.out);
        progress.event(String.format("fideliza evaluate: cut-off %s, %d test weeks, k %d, input %s, output %s", cutoff,
                testWeeks, k, in, out));
        long t0 = System.nanoTime();
        SparkSession spark = SparkSessions.create(options.master(c),
                c.spark().shufflePartitions(), last.zone().getId());
        boolean failed = true;
        try {
            // The nightly run's own ingest stages, as of the test window's last day, publishing nothing.
            StageResults ingested = new StageRunner(progress, new Manifest(last.runDate()), stage -> { })
                    .run(List.of(new IngestStage(spark, last, c.ingest(), in), new InputCheckStage(last, c.ingest())),
                            new DiscardedOutputs(), null);
            CleanInputs clean = ingested.get(CleanInputs.class);
            OfflineEvaluation evaluation = new OfflineEvaluation(spark, c.recommend(), last.zone(), progress);
            List<OfflineEvaluation.Result> results = evaluation.run(clean, cutoff, testWeeks, k, search);
            OfflineEvaluation.Replenishment replenishment = evaluation.replenishment(clean, cutoff, testWeeks);
            String markdown = EvaluationReport.markdown(results, replenishment, testWeeks);
            var folder = EvaluationReport.write(spark, out, results, replenishment, markdown);
            progress.line("");
            progress.line(markdown);
            progress.line("results in " + folder);
            failed = false;
        } finally {
            SparkSessions.stop(spark, failed, options.verbose);
        }
        progress.event(String.format(java.util.Locale.ROOT, "total %.1f s", (System.nanoTime() - t0) / 1e9));
        return ExitCodes.OK;
    }
}
