package io.fideliza.cli;

import io.fideliza.generate.SampleDataGenerator;
import io.fideliza.generate.SampleDataGenerator.Spec;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a realistic data set in the contract; the same seed gives the same files. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate sample data in the contract (customers, products, orders, events, support, surveys).")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--customers", required = true, description = "Number of customers.")
    int customers;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder to write.")
    Path output;

    @Option(names = "--products", description = "Number of products (default: customers/5, 60 to 50,000).")
    Integer products;

    @Option(names = "--end-date", defaultValue = "2026-06-30",
            description = "Last day of the history (default: ${DEFAULT-VALUE}).")
    LocalDate endDate;

    @Option(names = "--history-days", defaultValue = "540", description = "Days of history (default: ${DEFAULT-VALUE}).")
    int historyDays;

    @Option(names = "--parts", defaultValue = "1",
            description = "Files per dataset; above 1 each dataset is a folder of gzipped parts (default: ${DEFAULT-VALUE}).")
    int parts;

    @Option(names = "--no-broken-rows", negatable = false, description = "Leave out the deliberately broken rows.")
    boolean noBrokenRows;

    @Override
    public Integer call() throws Exception {
        Spec base = Spec.of(customers, seed);
        Spec spec = new Spec(customers, products != null ? products : base.products(), seed, endDate, historyDays,
                Math.max(1, parts), !noBrokenRows);
        long t0 = System.nanoTime();
        SampleDataGenerator.Written written = new SampleDataGenerator(spec).writeTo(output);
        System.out.printf("generated %s in %s (%.1f s)%n", written.rows(), output, (System.nanoTime() - t0) / 1e9);
        return ExitCodes.OK;
    }
}
