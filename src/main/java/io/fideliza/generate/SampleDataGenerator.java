package io.fideliza.generate;

import io.fideliza.generate.Catalogue.Family;
import io.fideliza.generate.Catalogue.Product;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

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

    /**
     * The activity of the benchmark sizes: about 20 order lines and 100 events per customer. Measured on XS
     * (10,000 customers): 1.6 gives 19.9 lines and 93 events, 1.8 gives 22.3 and 104. It was 2.6, set before
     * the prototypes got their purchase rhythms, and had grown to 31 lines and 146 events.
     */
    static final double SCALE_ACTIVITY = 1.7;
    private static final DateTimeFormatter ISO_Z = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String[] COUNTRIES = {"ES", "ES", "ES", "PT", "FR", "DE", "MX", "AR"};
    private static final String[] ORDER_CHANNELS = {"web", "web", "web", "web", "app", "app", "store", "phone"};
    private static final String[] SUPPORT_CHANNELS = {"email", "chat", "phone", "social", "whatsapp"};
    private static final String[] TOPICS = {"delivery", "defect", "billing", "return", "how-to"};

    private final Spec spec;
    private final Catalogue catalogue;
    private final LocalDateTime end;

    public SampleDataGenerator(Spec spec) {
        this.spec = spec;
        this.catalogue = new Catalogue(spec.products(), new SplittableRandom(spec.seed()));
        this.end = spec.endDate().atTime(20, 0);
    }

    public Written writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Sink products = new Sink(dir, "products", 1, false,
                "product_id", "name", "category", "price", "consumable", "replenish_days", "available")) {
            for (Product p : catalogue.products) {
                products.row(0, p.id(), p.name(), p.category(), money(p.price()), p.consumable(),
                        p.replenishDays() == null ? "" : p.replenishDays(), p.available());
            }
            if (spec.brokenRows()) {
                products.row(0, "P-BAD-PRICE", "Gift card, misc", "misc", "-3.00", "false", "", "true");
            }
            counts.put("products", products.count);
        }
        boolean gz = spec.parts() > 1;
        try (Sink customers = new Sink(dir, "customers", spec.parts(), gz,
                "customer_id", "signup_date", "country", "email", "marketing_opt_in");
             Sink orders = new Sink(dir, "orders", spec.parts(), gz,
                     "order_id", "customer_id", "product_id", "ordered_at", "quantity", "unit_price", "channel", "status");
             Sink events = new Sink(dir, "events", spec.parts(), gz,
                     "customer_id", "event_type", "occurred_at", "product_id", "session_id", "channel");
             Sink support = new Sink(dir, "support", spec.parts(), gz,
                     "ticket_id", "customer_id", "opened_at", "first_response_at", "resolved_at", "channel", "topic",
                     "contacts", "csat", "cost");
             Sink surveys = new Sink(dir, "surveys", spec.parts(), gz, "customer_id", "answered_at", "kind", "score");
             Sink truth = new Sink(dir.resolve("_truth"), "prototypes", 1, false, "customer_id", "prototype")) {
            for (int i = 0; i < spec.customers(); i++) {
                int part = (int) ((long) i * spec.parts() / spec.customers());
                new CustomerStory(i, part, customers, orders, events, support, surveys, truth).write();
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

    /** A handful of rows that break the contract, one rule each, so every run shows its quarantine. */
    private void writeBrokenRows(Sink orders, Sink events, Sink support, Sink surveys) throws IOException {
        String p = catalogue.products.get(0).id();
        String day = ISO_Z.format(end.minusDays(3));
        orders.row(0, "O-BAD-1", "C0000001", p, "31/12/2025 10:00", 1, "9.99", "web", "completed");
        orders.row(0, "O-BAD-2", "C0000001", "P-UNKNOWN", day, 1, "9.99", "web", "completed");
        orders.row(0, "O-BAD-3", "C0000002", p, day, 0, "9.99", "web", "completed");
        orders.row(0, "O-BAD-4", "", p, day, 1, "9.99", "web", "completed");
        orders.row(0, "O-BAD-5", "C0000003", p, day, "two", "9.99", "web", "completed");
        // An exact duplicate of the previous good line, and two rows dated after the data's end.
        orders.row(0, "O-DUP-1", "C0000004", p, day, 1, "19.99", "web", "completed");
        orders.row(0, "O-DUP-1", "C0000004", p, day, 1, "19.99", "web", "completed");
        orders.row(0, "O-LATE-1", "C0000005", p, ISO_Z.format(end.plusDays(2)), 1, "9.99", "app", "completed");
        orders.row(0, "O-LATE-2", "C0000005", p, ISO_Z.format(end.plusDays(5)), 1, "9.99", "app", "completed");
        events.row(0, "C0000006", "hover", PLAIN.format(end.minusDays(1)), p, "S-BAD", "web");
        events.row(0, "C0000006", "view", PLAIN.format(end.minusDays(1)), "", "S-BAD", "web");
        support.row(0, "T-BAD-1", "C0000007", ISO_Z.format(end.minusDays(4)), ISO_Z.format(end.minusDays(4).plusHours(2)),
                ISO_Z.format(end.minusDays(5)), "email", "billing", 1, 3, "4.50");
        surveys.row(0, "C0000008", ISO_Z.format(end.minusDays(2)), "nps", 11);
    }

    /** One customer's whole history, drawn from its own random stream so customers are independent. */
    private final class CustomerStory {
        private final String id;
        private final int part;
        private final SplittableRandom random;
        private final Prototype prototype;
        private final Sink customers;
        private final Sink orders;
        private final Sink events;
        private final Sink support;
        private final Sink surveys;
        private final Sink truth;
        private final String orderChannel;
        /** How much more than a typical customer of its prototype this one buys and browses. */
        private final double appetite;
        private int sessionSeq;

        CustomerStory(int index, int part, Sink customers, Sink orders, Sink events, Sink support, Sink surveys,
                      Sink truth) {
            this.id = String.format("C%07d", index + 1);
            this.part = part;
            this.random = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + index);
            this.prototype = Prototype.pick(random.nextDouble());
            this.customers = customers;
            this.orders = orders;
            this.events = events;
            this.support = support;
            this.surveys = surveys;
            this.truth = truth;
            this.orderChannel = ORDER_CHANNELS[random.nextInt(ORDER_CHANNELS.length)];
            // At activity 1 no extra draw is made, so the default data set keeps its exact bytes.
            this.appetite = spec.activity() == 1.0 ? 1.0 : spec.activity() * heavyTail(random.nextDouble());
        }

        /** Pareto with mean 1 (shape 3), capped at 8: most customers near 1, a few heavy buyers. */
        private static double heavyTail(double u) {
            return Math.min(8.0, (2.0 / 3.0) / Math.cbrt(1.0 - u));
        }

        private int scaled(int n) {
            return appetite == 1.0 ? n : Math.max(1, (int) Math.round(n * appetite));
        }

        record Purchase(LocalDateTime at, Product product, int quantity) {
        }

        void write() throws IOException {
            int history = spec.historyDays();
            int tenure = switch (prototype) {
                case NEW -> 10 + random.nextInt(25);
                case WINDOW_SHOPPER, CART_ABANDONER -> 20 + random.nextInt(history - 20);
                default -> 200 + random.nextInt(Math.max(1, history - 200));
            };
            LocalDateTime signup = end.minusDays(tenure).withHour(9 + random.nextInt(10));
            // The span in which this customer buys: from first to last order.
            int lastOrderAgo = switch (prototype) {
                case CHAMPION -> random.nextInt(12);
                case LOYAL -> 3 + random.nextInt(28);
                case NEW -> 2 + random.nextInt(Math.max(1, tenure - 4));
                case AT_RISK -> 120 + random.nextInt(100);
                case HIBERNATING -> 250 + random.nextInt(Math.max(1, tenure - 250));
                case UNHAPPY -> 10 + random.nextInt(40);
                case WINDOW_SHOPPER, CART_ABANDONER -> -1;
            };
            List<Purchase> purchases = new ArrayList<>();
            if (lastOrderAgo >= 0) {
                LocalDateTime first = prototype == Prototype.NEW || prototype == Prototype.HIBERNATING
                        ? end.minusDays(lastOrderAgo) : signup.plusDays(1 + random.nextInt(20));
                LocalDateTime last = end.minusDays(lastOrderAgo);
                if (first.isAfter(last)) {
                    first = last;
                }
                purchases = plan(first, last);
            }
            String email = id.toLowerCase(Locale.ROOT) + "@example.com";
            double optIn = random.nextDouble();
            customers.row(part, id, signup.toLocalDate(), COUNTRIES[random.nextInt(COUNTRIES.length)], email,
                    optIn < 0.82 ? "true" : optIn < 0.95 ? "false" : "");
            truth.row(0, id, prototype.name().toLowerCase(Locale.ROOT));
            writeOrders(purchases);
            writeBrowsing(purchases);
            writeSupport(purchases);
            writeSurveys();
        }

        /** Bases, then complements and consumables on their cadence, until the last active day. */
        private List<Purchase> plan(LocalDateTime first, LocalDateTime last) {
            List<Purchase> out = new ArrayList<>();
            int familyCount = switch (prototype) {
                case CHAMPION -> 2 + random.nextInt(2);
                case UNHAPPY, AT_RISK -> 1 + random.nextInt(2);
                default -> 1;
            };
            familyCount = scaled(familyCount);
            long span = Math.max(0, java.time.Duration.between(first, last).toDays());
            for (int f = 0; f < familyCount; f++) {
                Family family = catalogue.popularFamily(random);
                LocalDateTime baseAt = f == 0 ? first : first.plusDays(span == 0 ? 0 : random.nextLong(span + 1));
                out.add(new Purchase(baseAt, family.base(), 1));
                boolean oneShot = prototype == Prototype.NEW || prototype == Prototype.HIBERNATING;
                for (Product c : family.complements()) {
                    if (!oneShot && random.nextDouble() < 0.5) {
                        long after = Math.max(0, java.time.Duration.between(baseAt, last).toDays());
                        out.add(new Purchase(baseAt.plusDays(after == 0 ? 0 : random.nextLong(after + 1)), c, 1));
                    } else if (oneShot && random.nextDouble() < 0.3) {
                        out.add(new Purchase(baseAt, c, 1));
                    }
                }
                for (Product c : family.consumables()) {
                    if (random.nextDouble() < 0.15) {
                        continue; // Not everyone buys supplies here.
                    }
                    int cadence = c.trueReplenishDays();
                    LocalDateTime at = baseAt.plusDays(oneShot ? 0 : Math.max(1, cadence / 3));
                    while (!at.isAfter(last)) {
                        out.add(new Purchase(at.withHour(8 + random.nextInt(12)), c, 1 + random.nextInt(2)));
                        if (oneShot) {
                            break;
                        }
                        int jitter = (int) Math.round(cadence * 0.08 * (random.nextDouble() * 2 - 1));
                        at = at.plusDays(cadence + jitter);
                    }
                }
            }
            // Each behaviour has its own buying rhythm up to its last order, so that the planted
            // prototypes differ in frequency and recency, not only in what they buy.
            int rhythm = switch (prototype) {
                case CHAMPION -> 10;
                case LOYAL -> 40;
                case AT_RISK -> 45;
                case UNHAPPY -> 50;
                default -> 0;
            };
            // Heavier customers (benchmark sizes) buy more often.
            rhythm = appetite == 1.0 || rhythm == 0 ? rhythm : Math.max(4, (int) Math.round(rhythm / appetite));
            if (rhythm > 0) {
                for (LocalDateTime at = last; !at.isBefore(first); at = at.minusDays(rhythm - 3 + random.nextInt(7))) {
                    Family family = catalogue.popularFamily(random);
                    // Champions treat themselves to big-ticket items; the others buy accessories.
                    boolean bigTicket = prototype == Prototype.CHAMPION && random.nextBoolean();
                    Product p = bigTicket || family.complements().isEmpty() ? family.base()
                            : family.complements().get(random.nextInt(family.complements().size()));
                    out.add(new Purchase(at.withHour(8 + random.nextInt(12)), p, 1));
                }
            }
            out.sort(Comparator.comparing(Purchase::at));
            return out;
        }

        private void writeOrders(List<Purchase> purchases) throws IOException {
            int seq = 0;
            LocalDate orderDay = null;
            String orderId = null;
            for (Purchase p : purchases) {
                if (!p.at().toLocalDate().equals(orderDay)) {
                    orderDay = p.at().toLocalDate();
                    orderId = "O" + id.substring(1) + "-" + (++seq);
                }
                boolean cancelled = random.nextDouble() < 0.02;
                orders.row(part, orderId, id, p.product().id(), ISO_Z.format(p.at()), p.quantity(),
                        money(p.product().price()), orderChannel, cancelled ? "cancelled" : "completed");
                if (!cancelled && !p.product().consumable() && random.nextDouble() < 0.03) {
                    LocalDateTime back = p.at().plusDays(3 + random.nextInt(10));
                    if (back.isBefore(end)) {
                        orders.row(part, orderId + "-R", id, p.product().id(), ISO_Z.format(back), -p.quantity(),
                                money(p.product().price()), orderChannel, "returned");
                    }
                }
            }
        }

        private void writeBrowsing(List<Purchase> purchases) throws IOException {
            String channel = orderChannel.equals("app") ? "app" : "web";
            for (Purchase p : purchases) {
                String session = session();
                LocalDateTime at = p.at().minusMinutes(5 + random.nextInt(30));
                events.row(part, id, "view", PLAIN.format(at), p.product().id(), session, channel);
                events.row(part, id, "cart_add", PLAIN.format(at.plusMinutes(2)), p.product().id(), session, channel);
                events.row(part, id, "checkout", PLAIN.format(p.at().minusMinutes(1)), "", session, channel);
            }
            int sessions = switch (prototype) {
                case CHAMPION -> 14;
                case LOYAL -> 9;
                case WINDOW_SHOPPER -> 16;
                case CART_ABANDONER -> 6;
                case NEW, UNHAPPY -> 4;
                case AT_RISK -> 3;
                case HIBERNATING -> 1;
            };
            sessions = scaled(sessions);
            int recentDays = switch (prototype) {
                case AT_RISK -> 200;
                case HIBERNATING -> 400;
                default -> 60;
            };
            for (int s = 0; s < sessions; s++) {
                String session = session();
                LocalDateTime at = end.minusDays(random.nextInt(recentDays)).minusMinutes(random.nextInt(600));
                int views = 1 + random.nextInt(5);
                for (int v = 0; v < views; v++) {
                    Product product = catalogue.popularFamily(random).base();
                    events.row(part, id, "view", PLAIN.format(at.plusMinutes(v)), product.id(), session, channel);
                }
            }
            if (prototype == Prototype.CART_ABANDONER || (prototype == Prototype.WINDOW_SHOPPER
                    && random.nextDouble() < 0.2)) {
                int carts = prototype == Prototype.CART_ABANDONER ? 2 + random.nextInt(3) : 1;
                for (int c = 0; c < carts; c++) {
                    String session = session();
                    LocalDateTime at = end.minusDays(random.nextInt(10)).minusMinutes(random.nextInt(600));
                    Family family = catalogue.popularFamily(random);
                    events.row(part, id, "view", PLAIN.format(at), family.base().id(), session, channel);
                    events.row(part, id, "cart_add", PLAIN.format(at.plusMinutes(3)), family.base().id(), session,
                            channel);
                }
            }
        }

        private String session() {
            return "S" + id.substring(1) + "-" + (++sessionSeq);
        }

        private void writeSupport(List<Purchase> purchases) throws IOException {
            int tickets = prototype == Prototype.UNHAPPY ? 2 + random.nextInt(3)
                    : random.nextDouble() < 0.18 && !purchases.isEmpty() ? 1 : 0;
            for (int t = 0; t < tickets; t++) {
                boolean angry = prototype == Prototype.UNHAPPY;
                LocalDateTime opened = angry ? end.minusDays(1 + random.nextInt(40))
                        : purchases.get(random.nextInt(purchases.size())).at().plusDays(2 + random.nextInt(10));
                if (opened.isAfter(end)) {
                    opened = end.minusHours(6);
                }
                LocalDateTime response = opened.plusMinutes(angry ? 600 + random.nextInt(3000) : 20 + random.nextInt(400));
                boolean open = angry && t == 0;
                LocalDateTime resolved = open ? null
                        : response.plusHours(angry ? 48 + random.nextInt(200) : 1 + random.nextInt(40));
                if (resolved != null && resolved.isAfter(end)) {
                    resolved = null;
                }
                int contacts = angry ? 2 + random.nextInt(3) : random.nextDouble() < 0.8 ? 1 : 2;
                String channel = SUPPORT_CHANNELS[random.nextInt(SUPPORT_CHANNELS.length)];
                double perContact = switch (channel) {
                    case "phone" -> 6.5;
                    case "chat" -> 2.5;
                    default -> 3.5;
                };
                String csat = resolved == null ? "" : String.valueOf(angry ? 1 + random.nextInt(2) : 4 + random.nextInt(2));
                support.row(part, "T" + id.substring(1) + "-" + (t + 1), id, ISO_Z.format(opened),
                        response.isAfter(end) ? "" : ISO_Z.format(response),
                        resolved == null ? "" : ISO_Z.format(resolved), channel, TOPICS[random.nextInt(TOPICS.length)],
                        contacts, csat, money(perContact * contacts));
            }
        }

        private void writeSurveys() throws IOException {
            if (random.nextDouble() < (prototype == Prototype.UNHAPPY ? 0.8 : 0.4)) {
                int score = switch (prototype) {
                    case CHAMPION -> 9 + random.nextInt(2);
                    case LOYAL -> 8 + random.nextInt(3);
                    case UNHAPPY -> random.nextInt(5);
                    default -> random.nextDouble() < 0.15 ? 5 + random.nextInt(2) : 7 + random.nextInt(4);
                };
                surveys.row(part, id, ISO_Z.format(end.minusDays(random.nextInt(60))), "nps", score);
            }
            if (random.nextDouble() < 0.2) {
                int ces = prototype == Prototype.UNHAPPY ? 5 + random.nextInt(3) : 1 + random.nextInt(3);
                surveys.row(part, id, ISO_Z.format(end.minusDays(random.nextInt(90))), "ces", ces);
            }
        }
    }

    /** Prices repeat (one per product): formatting each once keeps large data sets fast to write. */
    private static final Map<Double, String> MONEY = new java.util.concurrent.ConcurrentHashMap<>();

    private static String money(double v) {
        return MONEY.computeIfAbsent(v, x -> String.format(Locale.ROOT, "%.2f", x));
    }

    /** One dataset's CSV writer: a single NAME.csv, or NAME/part-NNNNN.csv.gz when parts > 1. */
    private static final class Sink implements AutoCloseable {
        private final CSVPrinter[] printers;
        long count;

        Sink(Path dir, String name, int parts, boolean gzip, String... header) throws IOException {
            Files.createDirectories(dir);
            printers = new CSVPrinter[parts];
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader(header).setRecordSeparator("\n").get();
            for (int i = 0; i < parts; i++) {
                Path file;
                if (parts == 1 && !gzip) {
                    file = dir.resolve(name + ".csv");
                } else {
                    Files.createDirectories(dir.resolve(name));
                    file = dir.resolve(name).resolve(String.format("part-%05d.csv%s", i, gzip ? ".gz" : ""));
                }
                OutputStream out = Files.newOutputStream(file);
                if (gzip) {
                    // Fastest compression: generating large data sets is bound by deflate otherwise.
                    out = new GZIPOutputStream(out, 1 << 16) {
                        {
                            def.setLevel(java.util.zip.Deflater.BEST_SPEED);
                        }
                    };
                }
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                printers[i] = new CSVPrinter(w, format);
            }
        }

        void row(int part, Object... values) throws IOException {
            printers[part].printRecord(values);
            count++;
        }

        @Override
        public void close() throws IOException {
            for (CSVPrinter p : printers) {
                p.close(true);
            }
        }
    }

}
