package io.fideliza.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generated catalogue of product families: a durable base product, the complements that go with it
 * (a camera and its memory card) and the consumables it needs again and again (a printer and its ink).
 */
final class Catalogue {
    record Product(String id, String name, String category, double price, boolean consumable,
                   Integer replenishDays, int trueReplenishDays, boolean available, int family) {
    }

    record Family(int index, Product base, List<Product> complements, List<Product> consumables) {
    }

    /** Family kinds: base name, category, base price, complements, consumables with their cadence in days. */
    private record Kind(String base, String category, double price, String[] complements, String[] consumables,
                        int[] cadence) {
    }

    private static final Kind[] KINDS = {
        new Kind("Inkjet Printer", "printers", 129, new String[] {"Printer Cable", "Photo Paper Pack"},
                new String[] {"Ink Cartridge Black", "Ink Cartridge Colour"}, new int[] {30, 45}),
        new Kind("Coffee Machine", "coffee", 249, new String[] {"Milk Frother"},
                new String[] {"Coffee Capsules x50"}, new int[] {21}),
        new Kind("Camera", "photo", 549, new String[] {"Memory Card 128GB", "Camera Bag", "Tripod"},
                new String[] {}, new int[] {}),
        new Kind("Water Filter Jug", "kitchen", 39, new String[] {"Glass Carafe"},
                new String[] {"Filter Cartridge x3"}, new int[] {60}),
        new Kind("Electric Shaver", "personal-care", 89, new String[] {"Travel Case"},
                new String[] {"Shaver Blades"}, new int[] {45}),
        new Kind("Laptop", "computing", 899, new String[] {"Wireless Mouse", "Laptop Sleeve", "USB-C Hub"},
                new String[] {}, new int[] {}),
        new Kind("Espresso Grinder", "coffee", 199, new String[] {"Tamper"},
                new String[] {"Coffee Beans 1kg"}, new int[] {28}),
        new Kind("Dog Bed", "pets", 59, new String[] {"Dog Bowl"},
                new String[] {"Dog Food 10kg"}, new int[] {35}),
    };

    final List<Product> products = new ArrayList<>();
    final List<Family> families = new ArrayList<>();

    Catalogue(int productCount, SplittableRandom random) {
        int n = 0;
        int familyIndex = 0;
        while (n < productCount) {
            Kind kind = KINDS[familyIndex % KINDS.length];
            int model = familyIndex / KINDS.length + 1;
            String suffix = " " + model;
            double priceFactor = 0.7 + random.nextDouble() * 0.6;
            Product base = product(++n, kind.base + suffix, kind.category, kind.price * priceFactor, false, null, 0,
                    familyIndex, random);
            List<Product> complements = new ArrayList<>();
            for (String c : kind.complements) {
                if (n >= productCount) {
                    break;
                }
                complements.add(product(++n, c + " for " + kind.base + suffix, kind.category + "-accessories",
                        kind.price * 0.12 * priceFactor + 5, false, null, 0, familyIndex, random));
            }
            List<Product> consumables = new ArrayList<>();
            for (int i = 0; i < kind.consumables.length && n < productCount; i++) {
                int cadence = kind.cadence[i];
                // A third of consumables leave replenish_days empty: the pipeline must learn it.
                Integer declared = random.nextInt(3) == 0 ? null : cadence;
                consumables.add(product(++n, kind.consumables[i] + " for " + kind.base + suffix,
                        kind.category + "-supplies", kind.price * 0.08 * priceFactor + 4, true, declared, cadence,
                        familyIndex, random));
            }
            families.add(new Family(familyIndex, base, complements, consumables));
            products.add(base);
            products.addAll(complements);
            products.addAll(consumables);
            familyIndex++;
        }
    }

    private static Product product(int n, String name, String category, double price, boolean consumable,
                                   Integer replenishDays, int trueDays, int family, SplittableRandom random) {
        boolean available = random.nextInt(40) != 0;
        return new Product(String.format("P%05d", n), name, category, Math.round(price * 100) / 100.0, consumable,
                replenishDays, trueDays, available, family);
    }

    /** A family drawn with a Zipf-like skew: a few families are popular, most are niche. */
    Family popularFamily(SplittableRandom random) {
        double u = random.nextDouble();
        int index = (int) Math.floor(Math.pow(u, 2.2) * families.size());
        return families.get(Math.min(index, families.size() - 1));
    }
}
