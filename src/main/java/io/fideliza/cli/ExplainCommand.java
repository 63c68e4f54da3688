package io.fideliza.cli;

import io.fideliza.config.JobConfig;
import io.fideliza.explain.CustomerExplanation;
import io.fideliza.spark.SparkSessions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fideliza explain}: why one customer got their plan on a published date, read-only. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Print one customer's features, segment and why (distance to each centroid), recommendations "
                + "with their evidence, care queue, and each playbook step taken or skipped with the reason. Reads the "
                + "date's published outputs; writes nothing.")
final class ExplainCommand implements Callable<Integer> {
    @Option(names = "--output", paramLabel = "DIR", description = "Output folder (default: config 'output').")
    String output;

    @Option(names = "--run-date", required = true, paramLabel = "YYYY-MM-DD", description = "A published run date.")
    LocalDate runDate;

    @Option(names = "--customer", required = true, paramLabel = "ID", description = "The customer_id.")
    String customer;

    @Option(names = "--personal", description = "Also show personal data (contact details); off by default.")
    boolean personal;

    @Option(names = "--config", paramLabel = "FILE", description = "Job config (its playbook names the steps).")
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
        SparkSession spark = SparkSessions.create(master != null ? master : c.spark().master(),
                c.spark().shufflePartitions(), c.timezone());
        boolean failed = true;
        List<String> lines;
        try {
            lines = new CustomerExplanation(spark, output != null ? output : c.output(), runDate, c.playbook(),
                    personal).explain(customer);
            failed = false;
        } finally {
            SparkSessions.stop(spark, failed, verbose);
        }
        lines.forEach(spec.commandLine().getOut()::println);
        return ExitCodes.OK;
    }
}
