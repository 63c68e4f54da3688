package io.fideliza.cli;

import io.fideliza.generate.SampleDataGenerator;
import io.fideliza.generate.SampleDataGenerator.Spec;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a realistic data set in the contract; the same seed gives the same files. Planted data (scenarios,
 * lifecycles, a campaign with a known effect) is test tooling: scripts/generate-planted.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate sample data in the contract (customers, products, orders, events, support, surveys).")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--customers", description = "Number of customers (required unless --size).")
    Integer customers;

    @Option(names = "--size", paramLabel = "S|M",
            description = "Benchmark preset: S = 100,000 customers (~2M order lines, ~10M events, 20,000 products), "
                    + "M = 1,000,000 customers (50,000 products); gzipped parts, heavy buyers, no other option needed.")
    String size;

    @Option(names = "--activity", description = "Orders and browsing per customer relative to the sample data "
            + "(default: 1, or 1.7 with --size); above 1 customers also differ in appetite (a few heavy buyers).")
    Double activity;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder to write.")
    Path output;

    @Option(names = "--products", description = "Number of products (default: customers/5, 60 to 50,000).")
    Integer products;

    @Option(names = "--end-date", defaultValue = "2026-06-30",
            description = "Last day of the history (default: ${DEFAULT-VALUE}).")
    LocalDate endDate;

    @Option(names = "--history-days", description = "Days of history (default: 540).")
    Integer historyDays;

    @Option(names = "--parts",
            description = "Files per dataset; above 1 each dataset is a folder of gzipped parts (default: 1, "
                    + "or one per 25,000 customers with --size).")
    Integer parts;

    @Option(names = "--no-broken-rows", negatable = false, description = "Leave out the deliberately broken rows.")
    boolean noBrokenRows;

    @Override
    public Integer call() throws Exception {
        Spec base;
        if (size != null) {
            try {
                base = Spec.ofSize(size, seed);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
            }
        } else if (customers != null) {
            base = Spec.of(customers, seed);
        } else {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "either --customers or --size is required");
        }
        int n = customers != null ? customers : base.customers();
        Spec spec = new Spec(n, products != null ? products : size == null ? Spec.of(n, seed).products() : base.products(),
                seed, endDate, historyDays == null ? 540 : historyDays, Math.max(1, parts != null ? parts : base.parts()), !noBrokenRows,
                activity != null ? activity : base.activity());
        long t0 = System.nanoTime();
        SampleDataGenerator.Written written = new SampleDataGenerator(spec).writeTo(output);
        System.out.printf("generated %s in %s (%.1f s)%n", written.rows(), output, (System.nanoTime() - t0) / 1e9);
        return ExitCodes.OK;
    }
}
