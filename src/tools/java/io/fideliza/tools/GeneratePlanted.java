package io.fideliza.tools;

import io.fideliza.generate.LifecycleGenerator;
import io.fideliza.generate.PlantedCampaign;
import io.fideliza.generate.PlantedComplements;
import io.fideliza.generate.SampleDataGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * For scripts/generate-planted: data with a known truth planted in it, for tests and measurements (recommender
 * scenarios, customers who join and lapse, a win-back campaign with a known effect); the product's
 * {@code generate} writes only the sample.
 */
@Command(name = "generate-planted", mixinStandardHelpOptions = true,
        description = "Generate planted data: one of --scenario, --shape or --campaign-date.")
public final class GeneratePlanted implements Callable<Integer> {
    /** Exactly one kind of planted data. */
    static final class Kind {
        @Option(names = "--scenario", paramLabel = "NAME", description = "Planted recommender data (products, "
                + "customers, orders and the truth in _truth/): complements, heavy-repeat, few-orders, gift-shop, fillers "
                + "or intent; --customers (default 3000), --seed, --end-date and --history-days (default 365) apply.")
        String scenario;

        @Option(names = "--shape", paramLabel = "lifecycles|waves", description = "lifecycles: customers who join, "
                + "lapse and come back over the history, for watching segments week by week; waves: customers who "
                + "join in waves, the last a new kind of customer (bargain hunters, 3 to 4 weeks before the end date), "
                + "while a segment empties out (unhappy customers whose tickets are resolved over the last 7 to 3 "
                + "weeks). --customers (required), --seed, --end-date and --history-days (default 540) apply.")
        String shape;

        @Option(names = "--campaign-date", paramLabel = "DATE", description = "The sample's shape (as fideliza "
                + "generate writes it) with a win-back campaign planned on DATE with a known effect, and contacts.csv "
                + "(the emails sent the day after): customers lapsed 90 days or more then convert within the win-back "
                + "window at --campaign-rates; no other action gets an effect. --customers (required), --seed, "
                + "--products, --end-date, --history-days (default 540), --activity and --no-broken-rows apply.")
        LocalDate campaignDate;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Kind kind;

    @Option(names = "--customers", description = "Number of customers.")
    Integer customers;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder to write.")
    Path output;

    @Option(names = "--end-date", defaultValue = "2026-06-30",
            description = "Last day of the history (default: ${DEFAULT-VALUE}).")
    LocalDate endDate;

    @Option(names = "--history-days", description = "Days of history (default: 540, or 365 with --scenario).")
    Integer historyDays;

    @Option(names = "--products", description = "With --campaign-date: number of products (default: customers/5).")
    Integer products;

    @Option(names = "--activity", description = "With --campaign-date: orders and browsing per customer relative to "
            + "the sample data (default: 1).")
    Double activity;

    @Option(names = "--no-broken-rows", negatable = false,
            description = "With --campaign-date: leave out the deliberately broken rows.")
    boolean noBrokenRows;

    @Option(names = "--campaign-rates", paramLabel = "TREATED,CONTROL", split = ",", defaultValue = "0.30,0.10",
            description = "Win-back conversion of the customers sent and of those held out (default: ${DEFAULT-VALUE}).")
    double[] campaignRates;

    @Option(names = "--control-share", defaultValue = "0.10",
            description = "The win-back control share the pipeline will use (the playbook's; default: ${DEFAULT-VALUE}).")
    double controlShare;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GeneratePlanted()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        if (kind.scenario != null) {
            PlantedComplements.Spec spec;
            try {
                PlantedComplements.Scenario s = PlantedComplements.Scenario.of(kind.scenario);
                PlantedComplements.Spec base = PlantedComplements.Spec.of(s, customers != null ? customers : 3000, seed);
                spec = new PlantedComplements.Spec(s, base.customers(), base.families(), base.fillers(), seed, endDate,
                        historyDays == null ? base.historyDays() : historyDays);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
            }
            var written = new PlantedComplements(spec).writeTo(output);
            System.out.printf("generated %s scenario %s in %s (%.1f s)%n", spec.scenario().code(), written, output,
                    (System.nanoTime() - t0) / 1e9);
            return 0;
        }
        if (customers == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--shape and --campaign-date need --customers");
        }
        int days = historyDays == null ? 540 : historyDays;
        if (kind.shape != null) {
            if (!kind.shape.equals("lifecycles") && !kind.shape.equals("waves")) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--shape must be lifecycles or waves, not '" + kind.shape + "'");
            }
            SampleDataGenerator.Written written = new LifecycleGenerator(new LifecycleGenerator.Spec(customers, seed,
                    endDate, days, kind.shape.equals("waves"))).writeTo(output);
            System.out.printf("generated %s in %s (%.1f s)%n", written.rows(), output, (System.nanoTime() - t0) / 1e9);
            return 0;
        }
        SampleDataGenerator.Spec base = SampleDataGenerator.Spec.of(customers, seed);
        SampleDataGenerator.Spec spec = new SampleDataGenerator.Spec(customers,
                products != null ? products : base.products(), seed, endDate, days, 1, !noBrokenRows,
                activity != null ? activity : base.activity());
        SampleDataGenerator.Written written = new SampleDataGenerator(spec).writeTo(output);
        System.out.printf("generated %s in %s (%.1f s)%n", written.rows(), output, (System.nanoTime() - t0) / 1e9);
        System.out.println("planted: " + new PlantedCampaign(kind.campaignDate, campaignRates[0], campaignRates[1],
                controlShare, seed).plantInto(output));
        return 0;
    }
}
