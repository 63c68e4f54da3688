package io.fideliza.generate;

import io.fideliza.contract.EventType;
import io.fideliza.contract.InputDataset;
import io.fideliza.contract.OrderStatus;
import io.fideliza.contract.SurveyKind;
import io.fideliza.generate.Catalogue.Family;
import io.fideliza.generate.Catalogue.Product;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a data set in the contract whose customers live in calendar time: each joins on a day of its own, buys
 * and browses by its habit while active, lapses after a while, and may come back later. Seen at any run date
 * the population looks alike, while from week to week customers join, lapse and return: the shape for watching
 * segments over time ({@code scripts/segment-weeks}). {@link SampleDataGenerator} instead anchors each planted
 * behaviour at its end date. The waves shape ({@link Spec#waves}) has customers join in waves instead, one of
 * them a new kind of customer, while a segment empties out (docs/segmentation.md). The same seed gives the same
 * files.
 */
public final class LifecycleGenerator {
    /**
     * What to generate: customers joining evenly over {@code historyDays} before {@code endDate}; with
     * {@code waves}, joining in waves instead ({@link Wave}).
     */
    public record Spec(int customers, long seed, LocalDate endDate, int historyDays, boolean waves) {
        public Spec(int customers, long seed, LocalDate endDate, int historyDays) {
            this(customers, seed, endDate, historyDays, false);
        }
    }

    /**
     * The waves shape: who joins when, in days before the end date, and how they shop. Two waves of ordinary
     * customers (no unhappy habit); a cohort of regular buyers with a ticket each, left open since before the
     * last eight weeks and resolved (well) one by one over the first four of them, so the segment they make
     * empties out; and, three to four weeks before the end, a wave of bargain hunters, a kind of customer the
     * history had not seen: they visit almost daily, leave most carts, and order once or not at all.
     */
    enum Wave {
        FIRST(0.50, 540, 430),
        SECOND(0.28, 260, 225),
        CRISIS(0.10, 250, 200),
        BARGAIN(0.12, 27, 22);

        final double share;
        final int joinFrom;
        final int joinTo;

        Wave(double share, int joinFrom, int joinTo) {
            this.share = share;
            this.joinFrom = joinFrom;
            this.joinTo = joinTo;
        }

        static Wave pick(double u) {
            double acc = 0;
            for (Wave w : values()) {
                acc += w.share;
                if (u < acc) {
                    return w;
                }
            }
            return BARGAIN;
        }
    }

    /** The crisis cohort's tickets open this many days before the end, and are resolved between these two. */
    static final int CRISIS_OPENED = 70;
    static final int CRISIS_RESOLVED_FROM = 49;
    static final int CRISIS_RESOLVED_TO = 22;

    /** How a customer shops while active: days between orders and between visits, and how often carts are left. */
    enum Habit {
        FREQUENT(0.10, 8, 14, 4, 0.05, 0.03),
        REGULAR(0.30, 25, 45, 8, 0.08, 0.04),
        OCCASIONAL(0.25, 70, 140, 20, 0.10, 0.04),
        BROWSER(0.20, 0, 0, 5, 0.30, 0.02),
        UNHAPPY(0.15, 30, 60, 10, 0.08, 0.35);

        final double share;
        final int minOrderGap;
        final int maxOrderGap;
        final int visitGap;
        final double abandonPerVisit;
        final double ticketPerOrder;

        Habit(double share, int minOrderGap, int maxOrderGap, int visitGap, double abandonPerVisit,
              double ticketPerOrder) {
            this.share = share;
            this.minOrderGap = minOrderGap;
            this.maxOrderGap = maxOrderGap;
            this.visitGap = visitGap;
            this.abandonPerVisit = abandonPerVisit;
            this.ticketPerOrder = ticketPerOrder;
        }

        static Habit pick(double u) {
            double acc = 0;
            for (Habit h : values()) {
                acc += h.share;
                if (u < acc) {
                    return h;
                }
            }
            return UNHAPPY;
        }
    }

    /** Mean days a customer stays active, first time and after coming back; the chance of coming back. */
    static final double MEAN_ACTIVE_DAYS = 300;
    static final double MEAN_RETURN_DAYS = 120;
    static final double COMEBACK_CHANCE = 0.35;

    private final Spec spec;
    private final Catalogue catalogue;
    private final Prices prices = new Prices();
    private final LocalDateTime end;

    public LifecycleGenerator(Spec spec) {
        this.spec = spec;
        this.catalogue = new Catalogue(Math.max(60, spec.customers() / 5), new SplittableRandom(spec.seed()));
        this.end = spec.endDate().atTime(20, 0);
    }

    public SampleDataGenerator.Written writeTo(Path dir) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (CsvSink products = sink(dir, InputDataset.PRODUCTS)) {
            for (Product p : catalogue.products) {
                products.row(0, p.id(), p.name(), p.category(), prices.format(p.price()), p.consumable(),
                        p.replenishDays() == null ? "" : p.replenishDays(), p.available());
            }
            counts.put("products", products.count);
        }
        try (CsvSink customers = sink(dir, InputDataset.CUSTOMERS); CsvSink orders = sink(dir, InputDataset.ORDERS);
             CsvSink events = sink(dir, InputDataset.EVENTS); CsvSink support = sink(dir, InputDataset.SUPPORT);
             CsvSink surveys = sink(dir, InputDataset.SURVEYS);
             CsvSink truth = new CsvSink(dir.resolve("_truth"), "habits", 1, false, List.of("customer_id", "habit"))) {
            for (int i = 0; i < spec.customers(); i++) {
                new Customer(i, customers, orders, events, support, surveys, truth).write();
            }
            counts.put("customers", customers.count);
            counts.put("orders", orders.count);
            counts.put("events", events.count);
            counts.put("support", support.count);
            counts.put("surveys", surveys.count);
        }
        return new SampleDataGenerator.Written(counts);
    }

    private static CsvSink sink(Path dir, InputDataset dataset) throws IOException {
        return new CsvSink(dir, dataset.datasetName(), 1, false, dataset.columnNames());
    }

    /** One customer's life, from its own random stream. */
    private final class Customer {
        private final String id;
        private final SplittableRandom random;
        private final Habit habit;
        private final Wave wave;
        private final CsvSink customers;
        private final CsvSink orders;
        private final CsvSink events;
        private final CsvSink support;
        private final CsvSink surveys;
        private final CsvSink truth;
        private int sessions;
        private int orderSeq;
        private int tickets;

        Customer(int index, CsvSink customers, CsvSink orders, CsvSink events, CsvSink support, CsvSink surveys,
                 CsvSink truth) {
            this.id = String.format("C%07d", index + 1);
            this.random = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + index);
            Habit h = Habit.pick(random.nextDouble());
            this.wave = spec.waves() ? Wave.pick(random.nextDouble()) : null;
            if (wave == Wave.CRISIS) {
                h = Habit.REGULAR;
            } else if (wave == Wave.BARGAIN) {
                h = Habit.BROWSER;
            } else if (wave != null && h == Habit.UNHAPPY) {
                h = Habit.REGULAR;
            }
            this.habit = h;
            this.customers = customers;
            this.orders = orders;
            this.events = events;
            this.support = support;
            this.surveys = surveys;
            this.truth = truth;
        }

        void write() throws IOException {
            LocalDateTime joined = (wave == null ? end.minusDays(random.nextInt(spec.historyDays()))
                    : end.minusDays(wave.joinTo + random.nextInt(wave.joinFrom - wave.joinTo + 1)))
                    .withHour(9 + random.nextInt(10));
            customers.row(0, id, joined.toLocalDate(), "ES", id.toLowerCase(Locale.ROOT) + "@example.com",
                    random.nextDouble() < 0.85 ? "true" : "false", Phones.of(id), FirstNames.of(id),
                    FirstNames.language("ES"));
            truth.row(0, id, wave == Wave.CRISIS ? "crisis" : wave == Wave.BARGAIN ? "bargain"
                    : habit.name().toLowerCase(Locale.ROOT));
            if (wave == Wave.BARGAIN) {
                bargainHunter(joined);
                return;
            }
            if (wave == Wave.CRISIS) {
                LocalDateTime opened = end.minusDays(CRISIS_OPENED - random.nextInt(7)).withHour(10);
                LocalDateTime resolved = end.minusDays(CRISIS_RESOLVED_TO
                        + random.nextInt(CRISIS_RESOLVED_FROM - CRISIS_RESOLVED_TO)).withHour(15);
                support.row(0, "T" + id.substring(1) + "-" + (++tickets), id, CustomerHistory.ISO_Z.format(opened),
                        CustomerHistory.ISO_Z.format(opened.plusHours(30)), CustomerHistory.ISO_Z.format(resolved),
                        "email", "delivery", 3, 4 + random.nextInt(2), prices.format(12.0));
                // Active throughout: they keep buying while they wait, so only the ticket sets them apart.
                active(joined, end);
                return;
            }
            LocalDateTime lapse = joined.plusDays(exponential(MEAN_ACTIVE_DAYS));
            active(joined, lapse);
            if (random.nextDouble() < COMEBACK_CHANCE) {
                LocalDateTime back = lapse.plusDays(60 + random.nextInt(180));
                active(back, back.plusDays(exponential(MEAN_RETURN_DAYS)));
            }
        }

        /** A bargain hunter: visits every day or two, leaves a cart on most visits, orders once at most. */
        private void bargainHunter(LocalDateTime joined) throws IOException {
            if (random.nextDouble() < 0.5) {
                order(joined.plusDays(random.nextInt(5)).withHour(8 + random.nextInt(12)));
            }
            for (LocalDateTime at = joined; !at.isAfter(end); at = at.plusDays(1 + random.nextInt(2))) {
                visit(at.withHour(8 + random.nextInt(14)));
                if (random.nextDouble() < 0.7 && !at.isAfter(end)) {
                    Product p = catalogue.popularFamily(random).base();
                    events.row(0, id, EventType.CART_ADD.code(), CustomerHistory.PLAIN.format(at.withHour(23)), p.id(),
                            "S" + id.substring(1) + "-" + sessions, "web");
                }
            }
        }

        private long exponential(double mean) {
            return Math.max(1, Math.round(-mean * Math.log(1 - random.nextDouble())));
        }

        /** Orders and visits from {@code from} to {@code to} (or the end of the history). */
        private void active(LocalDateTime from, LocalDateTime to) throws IOException {
            LocalDateTime until = to.isAfter(end) ? end : to;
            if (from.isAfter(until)) {
                return;
            }
            List<LocalDateTime> orderTimes = new ArrayList<>();
            if (habit == Habit.BROWSER) {
                if (random.nextDouble() < 0.1) {
                    orderTimes.add(from.plusDays(random.nextInt(30)));
                }
            } else {
                for (LocalDateTime at = from.plusDays(random.nextInt(Math.max(1, habit.minOrderGap)));
                     !at.isAfter(until); at = at.plusDays(habit.minOrderGap
                        + random.nextInt(habit.maxOrderGap - habit.minOrderGap + 1))) {
                    orderTimes.add(at.withHour(8 + random.nextInt(12)));
                }
            }
            for (LocalDateTime at : orderTimes) {
                if (!at.isAfter(end)) {
                    order(at);
                }
            }
            for (LocalDateTime at = from.plusDays(random.nextInt(habit.visitGap)); !at.isAfter(until);
                 at = at.plusDays(1 + random.nextInt(2 * habit.visitGap))) {
                visit(at.withHour(8 + random.nextInt(14)));
            }
            if (random.nextDouble() < 0.3) {
                int score = habit == Habit.UNHAPPY ? random.nextInt(6) : 6 + random.nextInt(5);
                LocalDateTime at = from.plusDays(random.nextLong(Math.max(1,
                        java.time.Duration.between(from, until).toDays() + 1)));
                surveys.row(0, id, CustomerHistory.ISO_Z.format(at), SurveyKind.NPS.code(), score);
            }
        }

        private void order(LocalDateTime at) throws IOException {
            Family family = catalogue.popularFamily(random);
            List<Product> basket = new ArrayList<>();
            basket.add(orderSeq == 0 || family.complements().isEmpty() ? family.base()
                    : family.complements().get(random.nextInt(family.complements().size())));
            if (!family.consumables().isEmpty() && random.nextBoolean()) {
                basket.add(family.consumables().get(random.nextInt(family.consumables().size())));
            }
            String orderId = "O" + id.substring(1) + "-" + (++orderSeq);
            String session = "S" + id.substring(1) + "-" + (++sessions);
            for (Product p : basket) {
                LocalDateTime viewed = at.minusMinutes(5 + random.nextInt(20));
                events.row(0, id, EventType.VIEW.code(), CustomerHistory.PLAIN.format(viewed), p.id(), session, "web");
                events.row(0, id, EventType.CART_ADD.code(), CustomerHistory.PLAIN.format(viewed.plusMinutes(2)), p.id(),
                        session, "web");
                orders.row(0, orderId, id, p.id(), CustomerHistory.ISO_Z.format(at), 1 + random.nextInt(2),
                        prices.format(p.price()), "web", OrderStatus.COMPLETED.code());
            }
            if (random.nextDouble() < habit.ticketPerOrder) {
                ticket(at.plusDays(1 + random.nextInt(5)));
            }
        }

        private void visit(LocalDateTime at) throws IOException {
            if (at.isAfter(end)) {
                return;
            }
            String session = "S" + id.substring(1) + "-" + (++sessions);
            int views = 1 + random.nextInt(5);
            Product last = null;
            for (int v = 0; v < views; v++) {
                last = catalogue.popularFamily(random).base();
                events.row(0, id, EventType.VIEW.code(), CustomerHistory.PLAIN.format(at.plusMinutes(v)), last.id(),
                        session, "web");
            }
            if (random.nextDouble() < habit.abandonPerVisit) {
                events.row(0, id, EventType.CART_ADD.code(), CustomerHistory.PLAIN.format(at.plusMinutes(views + 1)),
                        last.id(), session, "web");
            }
        }

        private void ticket(LocalDateTime opened) throws IOException {
            if (opened.isAfter(end)) {
                return;
            }
            boolean angry = habit == Habit.UNHAPPY;
            LocalDateTime response = opened.plusMinutes(angry ? 600 + random.nextInt(2000) : 30 + random.nextInt(300));
            boolean open = angry && random.nextDouble() < 0.3;
            LocalDateTime resolved = open ? null : response.plusHours(angry ? 48 + random.nextInt(150) : 2 + random.nextInt(30));
            String csat = resolved == null ? "" : String.valueOf(angry ? 1 + random.nextInt(2) : 4 + random.nextInt(2));
            support.row(0, "T" + id.substring(1) + "-" + (++tickets), id, CustomerHistory.ISO_Z.format(opened),
                    response.isAfter(end) ? "" : CustomerHistory.ISO_Z.format(response),
                    resolved == null || resolved.isAfter(end) ? "" : CustomerHistory.ISO_Z.format(resolved), "email",
                    "delivery", angry ? 2 + random.nextInt(3) : 1, csat, prices.format(angry ? 12.0 : 3.5));
        }
    }
}
