package io.fideliza.generate;

import io.fideliza.contract.Columns;
import io.fideliza.contract.InputDataset;
import io.fideliza.generate.Catalogue.Product;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a realistic data set in the contract: customers with planted behaviours ({@link Prototype}),
 * product families with complements and consumables bought on a cadence, orders, browsing, support
 * tickets and surveys, and optionally a few deliberately broken rows. The same seed gives the same files.
 */
public final class SampleDataGenerator {
    /**
     * What to generate. {@code parts} > 1 writes each dataset as a folder of gzipped parts. {@code activity}
     * scales how much each customer buys and browses; at 1 (the default) the files are exactly those of
     * earlier versions, above 1 each customer also draws a heavy-tailed appetite (a few heavy buyers).
     */
    public record Spec(int customers, int products, long seed, LocalDate endDate, int historyDays, int parts,
                       boolean brokenRows, double activity) {
        public Spec(int customers, int products, long seed, LocalDate endDate, int historyDays, int parts,
                    boolean brokenRows) {
            this(customers, products, seed, endDate, historyDays, parts, brokenRows, 1.0);
        }

        public static Spec of(int customers, long seed) {
            return new Spec(customers, defaultProducts(customers), seed, LocalDate.of(2026, 6, 30), 540, 1, true);
        }

        /**
         * The benchmark sizes: S is 100,000 customers (about 20 order lines and 100 events each, 20,000
         * products), M is ten times the customers and 50,000 products; gzipped parts so reading parallelises.
         */
        public static Spec ofSize(String size, long seed) {
            int customers = switch (size.toUpperCase(Locale.ROOT)) {
                case "XS" -> 10_000;
                case "S" -> 100_000;
                case "M" -> 1_000_000;
                default -> throw new IllegalArgumentException("unknown size " + size + " (XS, S or M)");
            };
            return new Spec(customers, defaultProducts(customers), seed, LocalDate.of(2026, 6, 30), 540,
                    Math.max(4, customers / 25_000), true, SCALE_ACTIVITY);
        }

        static int defaultProducts(int customers) {
            return Math.max(60, Math.min(50_000, customers / 5));
        }
    }

    /** Rows written per dataset, for the caller to report. */
    public record Written(Map<String, Long> rows) {
    }

    /** The activity of the benchmark sizes: about 20 order lines and 100 events per customer (docs/benchmarks.md). */
    static final double SCALE_ACTIVITY = 1.7;
    private final Spec spec;
    private final Catalogue catalogue;
    private final LocalDateTime end;
    private final Prices prices = new Prices();

    public SampleDataGenerator(Spec spec) {
        this.spec = spec;
        this.catalogue = new Catalogue(spec.products(), new SplittableRandom(spec.seed()));
        this.end = spec.endDate().atTime(20, 0);
    }

    public Written writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Long> counts = new LinkedHashMap<>();
        try (CsvSink products = sink(dir, InputDataset.PRODUCTS, 1, false)) {
            for (Product p : catalogue.products) {
                products.row(0, p.id(), p.name(), p.category(), prices.format(p.price()), p.consumable(),
                        p.replenishDays() == null ? "" : p.replenishDays(), p.available());
            }
            if (spec.brokenRows()) {
                products.row(0, "P-BAD-PRICE", "Gift card, misc", "misc", "-3.00", "false", "", "true");
            }
            counts.put("products", products.count);
        }
        // Each product's family and role, for checking recommendations (the planted audit, scripts/evaluate-planted).
        try (CsvSink families = new CsvSink(dir.resolve(TruthFiles.FOLDER), "products", 1, false,
                List.of(Columns.PRODUCT_ID, "family", "role"))) {
            for (Catalogue.Family f : catalogue.families) {
                families.row(0, f.base().id(), f.index(), TruthFiles.DEVICE);
                for (Product p : f.complements()) {
                    families.row(0, p.id(), f.index(), TruthFiles.ACCESSORY);
                }
                for (Product p : f.consumables()) {
                    families.row(0, p.id(), f.index(), TruthFiles.CONSUMABLE);
                }
            }
        }
        int parts = spec.parts();
        boolean gz = parts > 1;
        try (CsvSink customers = sink(dir, InputDataset.CUSTOMERS, parts, gz);
             CsvSink orders = sink(dir, InputDataset.ORDERS, parts, gz);
             CsvSink events = sink(dir, InputDataset.EVENTS, parts, gz);
             CsvSink support = sink(dir, InputDataset.SUPPORT, parts, gz);
             CsvSink surveys = sink(dir, InputDataset.SURVEYS, parts, gz);
             CsvSink truth = new CsvSink(dir.resolve(TruthFiles.FOLDER), "prototypes", 1, false,
                     List.of(Columns.CUSTOMER_ID, "prototype"))) {
            for (int i = 0; i < spec.customers(); i++) {
                int part = (int) ((long) i * parts / spec.customers());
                new CustomerHistory(spec, catalogue, end, prices, i, part, customers, orders, events, support, surveys,
                        truth).write();
            }
            if (spec.brokenRows()) {
                writeBrokenRows(orders, events, support, surveys);
            }
            counts.put("customers", customers.count);
            counts.put("orders", orders.count);
            counts.put("events", events.count);
            counts.put("support", support.count);
            counts.put("surveys", surveys.count);
        }
        return new Written(counts);
    }

    /** A dataset's writer, its header the contract's columns in their declared order. */
    private static CsvSink sink(Path dir, InputDataset dataset, int parts, boolean gzip) throws IOException {
        return new CsvSink(dir, dataset.datasetName(), parts, gzip, dataset.columnNames());
    }

    /** A handful of rows that break the contract, one rule each, so every run shows its quarantine. */
    private void writeBrokenRows(CsvSink orders, CsvSink events, CsvSink support, CsvSink surveys) throws IOException {
        String p = catalogue.products.get(0).id();
        DateTimeFormatter iso = CustomerHistory.ISO_Z;
        String day = iso.format(end.minusDays(3));
        orders.row(0, "O-BAD-1", "C0000001", p, "31/12/2025 10:00", 1, "9.99", "web", "completed");
        orders.row(0, "O-BAD-2", "C0000001", "P-UNKNOWN", day, 1, "9.99", "web", "completed");
        orders.row(0, "O-BAD-3", "C0000002", p, day, 0, "9.99", "web", "completed");
        orders.row(0, "O-BAD-4", "", p, day, 1, "9.99", "web", "completed");
        orders.row(0, "O-BAD-5", "C0000003", p, day, "two", "9.99", "web", "completed");
        // An exact duplicate of the previous good line, and two rows dated after the data's end.
        orders.row(0, "O-DUP-1", "C0000004", p, day, 1, "19.99", "web", "completed");
        orders.row(0, "O-DUP-1", "C0000004", p, day, 1, "19.99", "web", "completed");
        orders.row(0, "O-LATE-1", "C0000005", p, iso.format(end.plusDays(2)), 1, "9.99", "app", "completed");
        orders.row(0, "O-LATE-2", "C0000005", p, iso.format(end.plusDays(5)), 1, "9.99", "app", "completed");
        events.row(0, "C0000006", "hover", CustomerHistory.PLAIN.format(end.minusDays(1)), p, "S-BAD", "web");
        events.row(0, "C0000006", "view", CustomerHistory.PLAIN.format(end.minusDays(1)), "", "S-BAD", "web");
        support.row(0, "T-BAD-1", "C0000007", iso.format(end.minusDays(4)), iso.format(end.minusDays(4).plusHours(2)),
                iso.format(end.minusDays(5)), "email", "billing", 1, 3, "4.50");
        surveys.row(0, "C0000008", iso.format(end.minusDays(2)), "nps", 11);
    }
}
