package io.fideliza.generate;

import static io.fideliza.contract.Columns.CUSTOMER_ID;
import static io.fideliza.contract.Columns.PRODUCT_ID;

import io.fideliza.contract.EventType;
import io.fideliza.contract.InputDataset;
import io.fideliza.contract.OrderChannel;
import io.fideliza.contract.OrderStatus;
import java.io.IOException;
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

/**
 * Writes a planted data set for the recommender (issue 15): device families (a device, two durable accessories,
 * one consumable bought again every few weeks) among filler products, with a popularity skew, and the truth in
 * {@code _truth/}: each product's family and role, and per device owner the accessory planted as lacking and
 * the consumable they never bought. Scenarios change the shape of the buying, not the truth's meaning.
 * The same spec gives the same files.
 */
public final class PlantedComplements {
    /** Shapes of data the recommender must cope with. */
    public enum Scenario {
        /** The case: owners buy accessories once and the consumable every few weeks; filler noise. */
        COMPLEMENTS,
        /** Wholesale-like: consumables every one to two weeks, filler products re-bought again and again. */
        HEAVY_REPEAT,
        /** One to three orders per customer: the device, maybe an accessory and a first refill, little else. */
        FEW_ORDERS,
        /** A gift shop: no devices nor consumables, products in themes, heavy repeat buying (no planted pairs). */
        GIFT_SHOP,
        /**
         * The complements' families among cheap filler products that most customers buy now and then, at random
         * (40 fillers of nearly equal popularity, 6 to 11 per customer): what customers buy next is mostly a filler
         * they did not have yet, whatever they own (issue 25).
         */
        FILLERS,
        /**
         * The complements' shape where one customer in four looks at a product again and again in the last three
         * weeks (three to six views over up to four sessions) without buying it, truth in {@code viewed.csv}; many
         * customers lapse from the family they used to buy, as in every scenario (issue 25).
         */
        INTENT;

        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Scenario of(String code) {
            for (Scenario s : values()) {
                if (s.code().equals(code) || s.name().equalsIgnoreCase(code)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown scenario '" + code + "' (complements, heavy-repeat, "
                    + "few-orders, gift-shop, fillers or intent)");
        }
    }

    /** What to generate; {@code families} device families and {@code fillers} filler products. */
    public record Spec(Scenario scenario, int customers, int families, int fillers, long seed, LocalDate endDate,
                       int historyDays) {
        public static Spec of(Scenario scenario, int customers, long seed) {
            return new Spec(scenario, customers, scenario == Scenario.GIFT_SHOP ? 0 : 12,
                    scenario == Scenario.GIFT_SHOP ? 400 : scenario == Scenario.FILLERS ? 40 : 60, seed,
                    LocalDate.of(2026, 6, 30), 365);
        }
    }

    public static final String TRUTH = TruthFiles.FOLDER;
    private static final String WEB = OrderChannel.WEB.code();
    public static final String TRUTH_PRODUCTS = TruthFiles.PRODUCTS;
    public static final String TRUTH_LACKING = "lacking.csv";
    public static final String TRUTH_VIEWED = "viewed.csv";
    public static final String DEVICE = TruthFiles.DEVICE;
    public static final String ACCESSORY = TruthFiles.ACCESSORY;
    public static final String CONSUMABLE = TruthFiles.CONSUMABLE;
    public static final String FILLER = "filler";

    /** Family kinds: device, two durable accessories, a consumable and its cadence in days. */
    private record Kind(String device, String accessory1, String accessory2, String consumable, int cadence) {
    }

    private static final Kind[] KINDS = {
        new Kind("Inkjet Printer", "Printer Cable", "Paper Tray", "Ink Cartridges", 28),
        new Kind("Coffee Machine", "Milk Frother", "Cup Warmer", "Coffee Capsules x50", 14),
        new Kind("Electric Razor", "Travel Case", "Charging Stand", "Razor Blades", 35),
        new Kind("Water Filter Jug", "Glass Carafe", "Fridge Door Rack", "Filter Cartridges x3", 30),
        new Kind("Espresso Grinder", "Tamper", "Dosing Cup", "Coffee Beans 1kg", 21),
        new Kind("Dog Bed", "Dog Bowl", "Leash", "Dog Food 10kg", 30),
        new Kind("Electric Toothbrush", "Toothbrush Charger", "Toothbrush Stand", "Brush Heads x4", 42),
        new Kind("Robot Vacuum", "Docking Station", "Virtual Wall", "Dust Bags x6", 30),
        new Kind("Soda Maker", "Glass Bottle", "Bottle Rack", "CO2 Cylinder", 28),
        new Kind("Instant Camera", "Camera Bag", "Tripod", "Instant Film x10", 21),
        new Kind("Cat Tree", "Cat Carrier", "Scratching Post", "Cat Litter 10L", 14),
        new Kind("Aquarium", "Aquarium Heater", "LED Lamp", "Fish Food", 21),
    };
    private static final String[] FILLER_NAMES = {"Mug", "Notebook", "Scented Candle", "Tea Towel", "Photo Frame",
        "Umbrella", "Water Bottle", "Desk Lamp", "Cushion", "Picnic Blanket", "Phone Stand", "Lunch Box",
        "Plant Pot", "Wall Clock", "Key Ring", "Tote Bag", "Puzzle", "Board Game", "Socks", "Bath Towel"};
    private static final String[] THEMES = {"Retrospot", "Vintage Paisley", "Spaceboy", "Woodland", "Regency",
        "Polkadot", "Christmas", "Gingham", "Doily", "Union Jack"};
    private static final DateTimeFormatter ISO_Z = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    record Product(String id, String name, String category, double price, boolean consumable, String role,
                   int family, int cadence) {
    }

    private record Purchase(LocalDateTime at, Product product, int quantity) {
    }

    private final Spec spec;
    private final List<Product> products = new ArrayList<>();
    /** Per family: device, accessory 1, accessory 2, consumable. */
    private final List<Product[]> families = new ArrayList<>();
    private final List<Product> fillers = new ArrayList<>();
    private final double[] familyWeights;
    private final double[] fillerWeights;
    private final LocalDateTime end;

    public PlantedComplements(Spec spec) {
        this.spec = spec;
        this.end = spec.endDate().atTime(20, 0);
        SplittableRandom random = new SplittableRandom(spec.seed());
        int n = 0;
        for (int f = 0; f < spec.families(); f++) {
            Kind k = KINDS[f % KINDS.length];
            String model = f < KINDS.length ? "" : " " + (f / KINDS.length + 1);
            double price = 60 + random.nextInt(400);
            String device = k.device + model;
            Product[] family = {
                new Product(id(++n), device, "devices", price, false, DEVICE, f, 0),
                new Product(id(++n), k.accessory1 + " for " + device, "accessories", 8 + price * 0.1, false, ACCESSORY, f, 0),
                new Product(id(++n), k.accessory2 + " for " + device, "accessories", 6 + price * 0.08, false, ACCESSORY, f, 0),
                new Product(id(++n), k.consumable + " for " + device, "supplies", 4 + price * 0.04, true, CONSUMABLE, f,
                        k.cadence),
            };
            families.add(family);
            products.addAll(List.of(family));
        }
        for (int i = 0; i < spec.fillers(); i++) {
            String name = spec.scenario() == Scenario.GIFT_SHOP
                    ? THEMES[i % THEMES.length] + " " + FILLER_NAMES[(i / THEMES.length) % FILLER_NAMES.length]
                    + suffix(i / (THEMES.length * FILLER_NAMES.length))
                    : FILLER_NAMES[i % FILLER_NAMES.length] + " " + (i / FILLER_NAMES.length + 1);
            // In the gift shop a theme is a family: customers who like a theme buy several of its products.
            int theme = spec.scenario() == Scenario.GIFT_SHOP ? i % THEMES.length : -1;
            double price = spec.scenario() == Scenario.FILLERS ? 2 + random.nextInt(5) : 3 + random.nextInt(30);
            Product p = new Product(id(++n), name, "home", price, false, FILLER, theme, 0);
            fillers.add(p);
            products.add(p);
        }
        familyWeights = zipf(spec.families(), 0.9);
        fillerWeights = zipf(spec.fillers(), spec.scenario() == Scenario.FILLERS ? 0.3 : 1.0);
    }

    private static String suffix(int i) {
        return i == 0 ? "" : " " + (i + 1);
    }

    private static String id(int n) {
        return String.format("P%04d", n);
    }

    private static double[] zipf(int n, double s) {
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 1 / Math.pow(i + 1, s);
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= sum;
        }
        return w;
    }

    private static int draw(double[] weights, SplittableRandom random) {
        double u = random.nextDouble();
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            if (u < acc) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Writes products, customers, orders and the truth; returns rows written per file. */
    public Map<String, Long> writeTo(Path dir) throws IOException {
        Files.createDirectories(dir.resolve(TRUTH));
        Map<String, Long> counts = new LinkedHashMap<>();
        try (CsvSink out = sink(dir, InputDataset.PRODUCTS);
             CsvSink truth = truth(dir, TRUTH_PRODUCTS, PRODUCT_ID, "family", "role")) {
            for (Product p : products) {
                // Half the consumables declare their cadence; the others must be learnt from history.
                boolean declared = p.consumable() && p.family() % 2 == 0;
                out.row(0, p.id(), p.name(), p.category(), money(p.price()), p.consumable(), declared ? p.cadence() : "",
                        "true");
                truth.row(0, p.id(), p.family() < 0 ? "" : p.family(), p.role());
            }
            counts.put("products", out.count);
        }
        try (CsvSink customers = sink(dir, InputDataset.CUSTOMERS);
             CsvSink orders = sink(dir, InputDataset.ORDERS);
             CsvSink events = sink(dir, InputDataset.EVENTS);
             CsvSink lacking = truth(dir, TRUTH_LACKING, CUSTOMER_ID, "device_id", PRODUCT_ID, "role");
             CsvSink viewed = truth(dir, TRUTH_VIEWED, CUSTOMER_ID, PRODUCT_ID)) {
            for (int i = 0; i < spec.customers(); i++) {
                customer(i, customers, orders, events, lacking, viewed);
            }
            counts.put("viewed", viewed.count);
            counts.put("events", events.count);
            counts.put("customers", customers.count);
            counts.put("orders", orders.count);
            counts.put("lacking", lacking.count);
        }
        return counts;
    }

    private void customer(int index, CsvSink customers, CsvSink orders, CsvSink events, CsvSink lacking,
                          CsvSink viewed) throws IOException {
        String id = String.format("C%06d", index + 1);
        SplittableRandom random = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + index);
        int history = spec.historyDays();
        boolean few = spec.scenario() == Scenario.FEW_ORDERS;
        boolean heavy = spec.scenario() == Scenario.HEAVY_REPEAT || spec.scenario() == Scenario.GIFT_SHOP;
        // Active from start to stop (days before the end); few-orders customers buy within a couple of weeks.
        int start = 15 + random.nextInt(history - 15);
        int span = few ? random.nextInt(15) : 60 + random.nextInt(Math.max(1, history - 60));
        int stop = Math.max(0, start - span);
        List<Purchase> buys = new ArrayList<>();
        if (spec.scenario() == Scenario.GIFT_SHOP) {
            giftShop(random, start, stop, buys);
        } else {
            double u = random.nextDouble();
            int devices = u < 0.2 ? 0 : u < 0.8 ? 1 : 2;
            List<Integer> owned = new ArrayList<>();
            for (int d = 0; d < devices; d++) {
                int f = draw(familyWeights, random);
                if (!owned.contains(f)) {
                    owned.add(f);
                    family(id, random, families.get(f), d == 0 ? start : start - random.nextInt(Math.max(1, start - stop + 1)),
                            stop, few, heavy, buys, lacking);
                }
            }
            if (spec.scenario() == Scenario.FILLERS) {
                // Most customers buy several of the few fillers, again and again, on no schedule.
                fillers(random, start, stop, 6 + random.nextInt(6), 0.5, buys);
            } else {
                fillers(random, start, stop, few ? 1 + random.nextInt(2) : 2 + random.nextInt(5), heavy ? 0.6 : 0.25,
                        buys);
            }
        }
        LocalDate signup = end.minusDays(start + random.nextInt(30)).toLocalDate();
        customers.row(0, id, signup, "ES", id.toLowerCase(Locale.ROOT) + "@example.com", "true", Phones.of(id),
                FirstNames.of(id), FirstNames.language("ES"));
        buys.sort(Comparator.comparing(Purchase::at));
        int seq = 0;
        LocalDate day = null;
        String orderId = null;
        for (Purchase p : buys) {
            if (!p.at().toLocalDate().equals(day)) {
                day = p.at().toLocalDate();
                orderId = "O" + id.substring(1) + "-" + (++seq);
            }
            orders.row(0, orderId, id, p.product().id(), ISO_Z.format(p.at()), p.quantity(), money(p.product().price()),
                    WEB, OrderStatus.COMPLETED.code());
        }
        browse(id, random, start, stop, buys, events);
        if (spec.scenario() == Scenario.INTENT && random.nextDouble() < 0.25) {
            lookAgainAndAgain(id, random, buys, events, viewed);
        }
    }

    /** Three to six views of one product the customer never bought, over up to four sessions in the last 20 days. */
    private void lookAgainAndAgain(String id, SplittableRandom random, List<Purchase> buys, CsvSink events,
                                   CsvSink viewed) throws IOException {
        Product p;
        do {
            p = random.nextDouble() < 0.6 ? families.get(draw(familyWeights, random))[random.nextInt(3)]
                    : fillers.get(random.nextInt(fillers.size()));
        } while (owns(buys, p));
        int views = 3 + random.nextInt(4);
        int sessions = 1 + random.nextInt(Math.min(4, views));
        for (int v = 0; v < views; v++) {
            int session = v % sessions;
            LocalDateTime at = end.minusDays(1 + (session * 5 + random.nextInt(5)) % 20).withHour(9 + session)
                    .withMinute(v * 3 % 60);
            events.row(0, id, EventType.VIEW.code(), ISO_Z.format(at), p.id(), "V" + id.substring(1) + "-" + session,
                    WEB);
        }
        viewed.row(0, id, p.id());
    }

    private static boolean owns(List<Purchase> buys, Product p) {
        return buys.stream().anyMatch(b -> b.product().equals(p));
    }

    /**
     * A view and a cart add before each purchase, and window shopping: sessions viewing the popular devices (or,
     * in the gift shop, popular products), as shoppers look at big-ticket items they do not buy.
     */
    private void browse(String id, SplittableRandom random, int start, int stop, List<Purchase> buys, CsvSink events)
            throws IOException {
        int session = 0;
        for (Purchase p : buys) {
            String s = "S" + id.substring(1) + "-" + (++session);
            events.row(0, id, EventType.VIEW.code(), ISO_Z.format(p.at().minusMinutes(12)), p.product().id(), s, WEB);
            events.row(0, id, EventType.CART_ADD.code(), ISO_Z.format(p.at().minusMinutes(5)), p.product().id(), s, WEB);
        }
        int sessions = random.nextInt(8);
        for (int i = 0; i < sessions; i++) {
            String s = "S" + id.substring(1) + "-" + (++session);
            LocalDateTime at = at(stop + random.nextInt(Math.max(1, start - stop + 1)), random);
            int views = 1 + random.nextInt(4);
            for (int v = 0; v < views; v++) {
                Product p = spec.families() > 0 && random.nextDouble() < 0.7
                        ? families.get(draw(familyWeights, random))[0] : fillers.get(draw(fillerWeights, random));
                events.row(0, id, EventType.VIEW.code(), ISO_Z.format(at.plusMinutes(v)), p.id(), s, WEB);
            }
        }
    }

    /** A device, its accessories (one possibly planted as lacking), and its consumable on its cadence. */
    private void family(String customer, SplittableRandom random, Product[] f, int deviceAgo, int stop, boolean few,
                        boolean heavy, List<Purchase> buys, CsvSink lacking) throws IOException {
        LocalDateTime deviceAt = at(deviceAgo, random);
        buys.add(new Purchase(deviceAt, f[0], 1));
        // Half the owners lack one accessory for good (planted: never bought); the others buy each one mostly.
        int planted = random.nextDouble() < 0.5 ? 1 + random.nextInt(2) : 0;
        for (int a = 1; a <= 2; a++) {
            if (a == planted) {
                lacking.row(0, customer, f[0].id(), f[a].id(), ACCESSORY);
                continue;
            }
            if (random.nextDouble() < (few ? 0.5 : 0.85)) {
                // Often in the same order as the device, else within weeks (never after the customer stops).
                int after = random.nextDouble() < (few ? 0.7 : 0.35) ? 0 : 1 + random.nextInt(few ? 10 : 45);
                buys.add(new Purchase(at(Math.max(stop, deviceAgo - after), random), f[a], 1));
            }
        }
        // One owner in five never buys the consumable here (planted: lacking).
        if (random.nextDouble() < 0.2) {
            lacking.row(0, customer, f[0].id(), f[3].id(), CONSUMABLE);
            return;
        }
        int cadence = heavy ? Math.max(7, f[3].cadence() / 2) : f[3].cadence();
        int ago = deviceAgo - (random.nextDouble() < 0.4 ? 0 : 1 + random.nextInt(14));
        int refills = 0;
        while (ago >= stop && ago >= 0) {
            buys.add(new Purchase(at(ago, random), f[3], 1 + (heavy ? random.nextInt(4) : random.nextInt(2))));
            refills++;
            if (few && refills >= 1 + random.nextInt(2)) {
                break;
            }
            ago -= Math.max(3, (int) Math.round(cadence * (1 + 0.15 * (random.nextDouble() * 2 - 1))));
        }
    }

    /** Products nobody needs together: drawn by popularity, some bought again. */
    private void fillers(SplittableRandom random, int start, int stop, int n, double repeat, List<Purchase> buys) {
        for (int i = 0; i < n; i++) {
            Product p = fillers.get(draw(fillerWeights, random));
            int ago = stop + random.nextInt(Math.max(1, start - stop + 1));
            buys.add(new Purchase(at(ago, random), p, 1 + random.nextInt(3)));
            while (random.nextDouble() < repeat) {
                ago = Math.max(stop, ago - 7 - random.nextInt(40));
                if (ago == stop) {
                    break;
                }
                buys.add(new Purchase(at(ago, random), p, 1 + random.nextInt(3)));
            }
        }
    }

    /** One to three favourite themes, several products of each, reordered like a small shop restocking. */
    private void giftShop(SplittableRandom random, int start, int stop, List<Purchase> buys) {
        int themes = 1 + random.nextInt(3);
        for (int t = 0; t < themes; t++) {
            int theme = random.nextInt(THEMES.length);
            List<Product> inTheme = fillers.stream().filter(p -> p.family() == theme).toList();
            int n = 2 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                // Popular products of the theme first: the skew within a theme follows the filler weights.
                Product p = inTheme.get(Math.min(inTheme.size() - 1, (int) (Math.pow(random.nextDouble(), 2.5) * inTheme.size())));
                int ago = stop + random.nextInt(Math.max(1, start - stop + 1));
                while (ago >= stop) {
                    buys.add(new Purchase(at(ago, random), p, 6 * (1 + random.nextInt(4))));
                    if (random.nextDouble() < 0.4) {
                        break;
                    }
                    ago -= 14 + random.nextInt(30);
                }
            }
        }
        fillers(random, start, stop, 1 + random.nextInt(3), 0.3, buys);
    }

    private LocalDateTime at(int daysAgo, SplittableRandom random) {
        return end.minusDays(Math.max(0, daysAgo)).withHour(8 + random.nextInt(12)).withMinute(random.nextInt(60));
    }

    private static String money(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static CsvSink sink(Path dir, InputDataset dataset) throws IOException {
        return new CsvSink(dir, dataset.datasetName(), 1, false, dataset.columnNames());
    }

    private static CsvSink truth(Path dir, String file, String... header) throws IOException {
        return new CsvSink(dir.resolve(TRUTH), file.replaceFirst("\\.csv$", ""), 1, false, List.of(header));
    }
}
