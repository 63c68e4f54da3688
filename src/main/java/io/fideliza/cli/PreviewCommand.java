package io.fideliza.cli;

import io.fideliza.config.JobConfig;
import io.fideliza.config.Playbook;
import io.fideliza.contract.InputError;
import io.fideliza.preview.PlaybookPreview;
import io.fideliza.run.RunContext;
import io.fideliza.spark.SparkSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fideliza preview}: what an edited playbook would change on a published date, read-only. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Apply an edited playbook to a published date's features, segments and recommendations and "
                + "print (and with --to, write as CSV) what would change per action, channel and segment. Writes "
                + "nothing into the output folder.")
final class PreviewCommand implements Callable<Integer> {
    @Option(names = "--output", paramLabel = "DIR", description = "Output folder (default: config 'output').")
    String output;

    @Option(names = "--run-date", required = true, paramLabel = "YYYY-MM-DD", description = "A published run date.")
    LocalDate runDate;

    @Option(names = "--playbook", required = true, paramLabel = "FILE", description = "The edited playbook.")
    Path playbook;

    @Option(names = "--to", paramLabel = "DIR", description = "Also write preview-DATE.csv here (not in the output).")
    Path to;

    @Option(names = "--config", paramLabel = "FILE", description = "Job config (its playbook is the current one).")
    Path config;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: config 'spark.master').")
    String master;

    @Option(names = "--verbose", description = "Spark's own log and stack traces on errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        JobConfig c = JobConfig.load(config);
        Playbook edited;
        try {
            edited = Playbook.fromYaml(Files.readString(playbook), playbook.toString());
        } catch (IOException e) {
            throw new InputError("cannot read the playbook " + playbook + ": " + e.getMessage(), e);
        }
        String out = output != null ? output : c.output();
        SparkSession spark = SparkSessions.create(master != null ? master : c.spark().master(),
                c.spark().shufflePartitions(), c.timezone());
        boolean failed = true;
        List<PlaybookPreview.Change> changes;
        PlaybookPreview preview = new PlaybookPreview(spark, out, new RunContext(runDate, ZoneId.of(c.timezone())),
                c.plan().contactCapDays());
        try {
            changes = preview.compare(c.playbook(), edited);
            failed = false;
        } finally {
            SparkSessions.stop(spark, failed, verbose);
        }
        PlaybookPreview.lines(changes).forEach(spec.commandLine().getOut()::println);
        if (to != null) {
            Path file = to.resolve("preview-" + runDate + ".csv");
            preview.write(changes, file);
            spec.commandLine().getOut().println("written: " + file);
        }
        return ExitCodes.OK;
    }
}
