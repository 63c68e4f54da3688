package io.fideliza.cli;

import io.fideliza.generate.PlantedComplements;
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

    @Option(names = "--history-days", description = "Days of history (default: 540, or 365 with --scenario).")
    Integer historyDays;

    @Option(names = "--parts",
            description = "Files per dataset; above 1 each dataset is a folder of gzipped parts (default: 1, "
                    + "or one per 25,000 customers with --size).")
    Integer parts;

    @Option(names = "--no-broken-rows", negatable = false, description = "Leave out the deliberately broken rows.")
    boolean noBrokenRows;

    @Option(names = "--shape", defaultValue = "prototypes", paramLabel = "prototypes|lifecycles|waves",
            description = "prototypes (default): planted behaviours seen at the end date, as in sample-data; "
                    + "lifecycles: customers who join, lapse and come back over the history (only --customers, "
                    + "--seed, --end-date and --history-days apply), for watching segments week by week; "
                    + "waves: customers who join in waves, the last a new kind of customer (bargain hunters, 3 to 4 "
                    + "weeks before the end date), while a segment empties out (unhappy customers whose tickets are "
                    + "resolved over the last 7 to 3 weeks); the same options as lifecycles.")
    String shape;

    @Option(names = "--campaign-date", paramLabel = "DATE", description = "Plant a win-back campaign planned on DATE "
            + "with a known effect, and write contacts.csv (the emails sent the day after): customers lapsed 90 days "
            + "or more then convert within the win-back window at --campaign-rates; no other action gets an effect.")
    LocalDate campaignDate;

    @Option(names = "--campaign-rates", paramLabel = "TREATED,CONTROL", split = ",", defaultValue = "0.30,0.10",
            description = "Win-back conversion of the customers sent and of those held out (default: ${DEFAULT-VALUE}).")
    double[] campaignRates;

    @Option(names = "--control-share", defaultValue = "0.10",
            description = "The win-back control share the pipeline will use (the playbook's; default: ${DEFAULT-VALUE}).")
    double controlShare;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Planted recommender data instead of the sample "
            + "(products, customers, orders and the truth in _truth/): complements, heavy-repeat, few-orders, "
            + "gift-shop or fillers; --customers (default 3000), --seed, --end-date and --history-days (default 365) apply.")
    String scenario;

    @Override
    public Integer call() throws Exception {
        if (scenario != null) {
            return planted();
        }
        if (shape.equals("lifecycles") || shape.equals("waves")) {
            if (customers == null) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--shape " + shape + " needs --customers");
            }
            long t0 = System.nanoTime();
            SampleDataGenerator.Written written = new io.fideliza.generate.LifecycleGenerator(
                    new io.fideliza.generate.LifecycleGenerator.Spec(customers, seed, endDate,
                            historyDays == null ? 540 : historyDays, shape.equals("waves")))
                    .writeTo(output);
            System.out.printf("generated %s in %s (%.1f s)%n", written.rows(), output, (System.nanoTime() - t0) / 1e9);
            return ExitCodes.OK;
        }
        if (!shape.equals("prototypes")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--shape must be prototypes, lifecycles or waves, not '" + shape + "'");
        }
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
        if (campaignDate != null) {
            if (spec.parts() > 1) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--campaign-date needs single CSV files: leave out --parts and --size");
            }
            System.out.println("planted: " + new io.fideliza.generate.PlantedCampaign(campaignDate, campaignRates[0],
                    campaignRates[1], controlShare, seed).plantInto(output));
        }
        return ExitCodes.OK;
    }

    private Integer planted() throws Exception {
        PlantedComplements.Spec spec;
        try {
            PlantedComplements.Scenario s = PlantedComplements.Scenario.of(scenario);
            PlantedComplements.Spec base = PlantedComplements.Spec.of(s, customers != null ? customers : 3000, seed);
            spec = new PlantedComplements.Spec(s, base.customers(), base.families(), base.fillers(), seed, endDate,
                    historyDays == null ? base.historyDays() : historyDays);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
        }
        long t0 = System.nanoTime();
        var written = new PlantedComplements(spec).writeTo(output);
        System.out.printf("generated %s scenario %s in %s (%.1f s)%n", spec.scenario().code(), written, output,
                (System.nanoTime() - t0) / 1e9);
        return ExitCodes.OK;
    }
}
