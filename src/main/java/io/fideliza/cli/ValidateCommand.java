package io.fideliza.cli;

import io.fideliza.config.JobConfig;
import io.fideliza.ingest.InputValidation;
import io.fideliza.run.RunContext;
import io.fideliza.spark.InputReader;
import io.fideliza.spark.SparkSessions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fideliza validate}: checks the inputs and their accounting as ingest does, and publishes nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the inputs as ingest does (quarantine, duplicates, rows after the run date, the guards) "
                + "and print the counts and the first quarantined rows; writes nothing. Exit 0, or 3 when a guard "
                + "would refuse the inputs.")
final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--input", paramLabel = "DIR", description = "Folder of input datasets (default: config 'input').")
    String input;

    @Option(names = "--run-date", paramLabel = "YYYY-MM-DD", description = "The day a run would describe (default: today, UTC).")
    LocalDate runDate;

    @Option(names = "--timezone", paramLabel = "ZONE", description = "Zone for timestamps without an offset (default: config).")
    String timezone;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: config 'spark.master').")
    String master;

    @Option(names = "--config", paramLabel = "FILE", description = "Job config over the defaults (see jobs/nightly.yaml).")
    Path config;

    @Option(names = "--examples", paramLabel = "N", description = "Quarantined rows to show (default: 20).")
    int examples = 20;

    @Option(names = "--verbose", description = "Spark's own log and stack traces on errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        JobConfig c = JobConfig.load(config);
        RunOptions zone = new RunOptions();
        zone.timezone = timezone;
        RunContext run = zone.runContext(c, runDate);
        String dir = input != null ? input : c.input();
        InputReader.checkFolder(dir);
        SparkSession spark = SparkSessions.create(master != null ? master : c.spark().master(),
                c.spark().shufflePartitions(), run.zone().getId());
        boolean failed = true;
        InputValidation.Report report;
        try {
            report = InputValidation.validate(spark, run, c.ingest(), dir, examples);
            failed = false;
        } finally {
            SparkSessions.stop(spark, failed, verbose);
        }
        spec.commandLine().getOut().println("fideliza validate: input " + dir + ", run date " + run.runDate());
        report.lines().forEach(spec.commandLine().getOut()::println);
        return report.refusal() == null ? ExitCodes.OK : ExitCodes.DATA_REFUSED;
    }
}
