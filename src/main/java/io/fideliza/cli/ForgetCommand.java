package io.fideliza.cli;

import io.fideliza.contract.InputError;
import io.fideliza.erasure.Erasure;
import io.fideliza.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fideliza forget}: erases customers from an output folder (a right-to-be-forgotten request). */
@Command(name = "forget", mixinStandardHelpOptions = true,
        description = "Removes customers from every published partition, export, model and history in the output "
                + "folder. Remove them from the inputs too: the next night then holds nothing of them.")
final class ForgetCommand implements Callable<Integer> {
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "The output folder.")
    String output;

    @Option(names = "--customers", required = true, paramLabel = "FILE",
            description = "One customer_id a line (blank lines and lines starting with # are skipped).")
    Path customers;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master when not under spark-submit (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--verbose", description = "Spark's own log and stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(customers)) {
            throw new InputError("customers file not found or not readable: " + customers);
        }
        Set<String> ids = Erasure.readIds(customers);
        SparkSession spark = SparkSessions.create(master, 4, "UTC");
        boolean failed = true;
        try {
            Erasure.Result r = new Erasure(spark, output).forget(ids);
            r.repairs().forEach(line -> System.out.println("repaired: " + line));
            System.out.println(r.summary());
            failed = false;
        } finally {
            SparkSessions.stop(spark, failed, verbose);
        }
        return ExitCodes.OK;
    }
}
