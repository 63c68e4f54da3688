package io.fideliza.generate;

import io.fideliza.contract.EventType;
import io.fideliza.contract.OrderChannel;
import io.fideliza.contract.OrderStatus;
import io.fideliza.contract.SupportChannel;
import io.fideliza.contract.SurveyKind;
import io.fideliza.generate.Catalogue.Family;
import io.fideliza.generate.Catalogue.Product;
import io.fideliza.generate.SampleDataGenerator.Spec;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** One customer's whole history, drawn from its own random stream so customers are independent. */
final class CustomerHistory {
    static final DateTimeFormatter ISO_Z = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String[] COUNTRIES = {"ES", "ES", "ES", "PT", "FR", "DE", "MX", "AR"};
    private static final String[] ORDER_CHANNELS = codes(OrderChannel::code, OrderChannel.WEB, OrderChannel.WEB,
            OrderChannel.WEB, OrderChannel.WEB, OrderChannel.APP, OrderChannel.APP, OrderChannel.STORE, OrderChannel.PHONE);
    private static final String[] SUPPORT_CHANNELS = codes(SupportChannel::code, SupportChannel.EMAIL,
            SupportChannel.CHAT, SupportChannel.PHONE, SupportChannel.SOCIAL, SupportChannel.WHATSAPP);
    private static final String[] TOPICS = {"delivery", "defect", "billing", "return", "how-to"};

    private final Spec spec;
    private final Catalogue catalogue;
    private final LocalDateTime end;
    private final Prices prices;
    private final String id;
    private final int part;
    private final SplittableRandom random;
    private final Prototype prototype;
    private final CsvSink customers;
    private final CsvSink orders;
    private final CsvSink events;
    private final CsvSink support;
    private final CsvSink surveys;
    private final CsvSink truth;
    private final String orderChannel;
    /** How much more than a typical customer of its prototype this one buys and browses. */
    private final double appetite;
    private int sessionSeq;

    /** The customer at {@code index}, written to file {@code part} of each dataset. */
    CustomerHistory(Spec spec, Catalogue catalogue, LocalDateTime end, Prices prices, int index, int part,
                    CsvSink customers, CsvSink orders, CsvSink events, CsvSink support, CsvSink surveys, CsvSink truth) {
        this.spec = spec;
        this.catalogue = catalogue;
        this.end = end;
        this.prices = prices;
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

    /** Channels drawn from with these weights (a channel listed twice is twice as likely). */
    @SafeVarargs
    private static <T> String[] codes(java.util.function.Function<T, String> code, T... values) {
        return java.util.Arrays.stream(values).map(code).toArray(String[]::new);
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
        String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
        customers.row(part, id, signup.toLocalDate(), country, email,
                optIn < 0.82 ? "true" : optIn < 0.95 ? "false" : "", Phones.of(id), FirstNames.of(id),
                FirstNames.language(country));
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
                    prices.format(p.product().price()), orderChannel, cancelled ? OrderStatus.CANCELLED.code() : OrderStatus.COMPLETED.code());
            if (!cancelled && !p.product().consumable() && random.nextDouble() < 0.03) {
                LocalDateTime back = p.at().plusDays(3 + random.nextInt(10));
                if (back.isBefore(end)) {
                    orders.row(part, orderId + "-R", id, p.product().id(), ISO_Z.format(back), -p.quantity(),
                            prices.format(p.product().price()), orderChannel, OrderStatus.RETURNED.code());
                }
            }
        }
    }

    private void writeBrowsing(List<Purchase> purchases) throws IOException {
        String channel = orderChannel.equals(OrderChannel.APP.code()) ? OrderChannel.APP.code() : OrderChannel.WEB.code();
        for (Purchase p : purchases) {
            String session = session();
            LocalDateTime at = p.at().minusMinutes(5 + random.nextInt(30));
            events.row(part, id, EventType.VIEW.code(), PLAIN.format(at), p.product().id(), session, channel);
            events.row(part, id, EventType.CART_ADD.code(), PLAIN.format(at.plusMinutes(2)), p.product().id(), session, channel);
            events.row(part, id, EventType.CHECKOUT.code(), PLAIN.format(p.at().minusMinutes(1)), "", session, channel);
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
                events.row(part, id, EventType.VIEW.code(), PLAIN.format(at.plusMinutes(v)), product.id(), session, channel);
            }
        }
        if (prototype == Prototype.CART_ABANDONER || (prototype == Prototype.WINDOW_SHOPPER
                && random.nextDouble() < 0.2)) {
            int carts = prototype == Prototype.CART_ABANDONER ? 2 + random.nextInt(3) : 1;
            for (int c = 0; c < carts; c++) {
                String session = session();
                LocalDateTime at = end.minusDays(random.nextInt(10)).minusMinutes(random.nextInt(600));
                Family family = catalogue.popularFamily(random);
                events.row(part, id, EventType.VIEW.code(), PLAIN.format(at), family.base().id(), session, channel);
                events.row(part, id, EventType.CART_ADD.code(), PLAIN.format(at.plusMinutes(3)), family.base().id(), session,
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
                    contacts, csat, prices.format(perContact * contacts));
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
            surveys.row(part, id, ISO_Z.format(end.minusDays(random.nextInt(60))), SurveyKind.NPS.code(), score);
        }
        if (random.nextDouble() < 0.2) {
            int ces = prototype == Prototype.UNHAPPY ? 5 + random.nextInt(3) : 1 + random.nextInt(3);
            surveys.row(part, id, ISO_Z.format(end.minusDays(random.nextInt(90))), SurveyKind.CES.code(), ces);
        }
    }
}
