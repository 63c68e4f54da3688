package io.fideliza.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Turns each cluster's profile into a name a marketer recognises, by a fixed rule set (documented in
 * docs/segmentation.md). Every rule scores how well a profile fits it; names go to the best-fitting
 * clusters first and are unique within a run. A cluster no rule fits is called "Occasional buyers",
 * then "Segment N".
 */
public final class SegmentNamer {
    /** A name and how well a profile fits it: above 0 fits, higher fits better. */
    record Rule(String name, ToDoubleFunction<SegmentProfile> fit) {
    }

    static final List<Rule> RULES = List.of(
            new Rule("Unhappy", p -> p.unhappiness() >= 0.6 ? 2 + p.unhappiness() : -1),
            new Rule("Window shoppers", p -> p.buyerShare() < 0.3 && p.abandonedCarts() < 1 && p.views() >= 3
                    ? 1 + Math.log1p(p.views()) / 5 : -1),
            new Rule("Cart abandoners", p -> p.orders() < 1.5 && p.abandonedCarts() >= 1
                    ? 1 + p.abandonedCarts() : -1),
            new Rule("Champions", p -> p.orders() >= 7 && p.recencyDays() <= 30 ? 1 + p.orders() / 10 : -1),
            new Rule("Loyal", p -> p.orders() >= 3 && p.recencyDays() <= 75 ? 1 + p.orders() / 20 : -1),
            new Rule("New", p -> p.tenureDays() <= 75 && p.orders() <= 2 && p.buyerShare() >= 0.5
                    ? 1 + (75 - p.tenureDays()) / 75 : -1),
            new Rule("At risk", p -> p.orders() >= 2 && p.recencyDays() > 75 && p.recencyDays() <= 240
                    ? 1 + p.orders() / 10 : -1),
            new Rule("Hibernating", p -> p.buyerShare() >= 0.5 && p.recencyDays() > 180 ? 1 + p.recencyDays() / 365 : -1),
            new Rule("Occasional buyers", p -> p.buyerShare() >= 0.5 ? 0.5 : -1),
            new Rule("Browsers", p -> 0.1));

    private SegmentNamer() {
    }

    /** A name per cluster, unique, given the names already held by matched clusters. */
    static Map<Integer, String> name(List<SegmentProfile> profiles, Set<String> taken) {
        record Fit(int cluster, String name, double score) {
        }
        List<Fit> fits = new ArrayList<>();
        for (SegmentProfile p : profiles) {
            for (Rule r : RULES) {
                double s = r.fit().applyAsDouble(p);
                if (s > 0) {
                    fits.add(new Fit(p.cluster(), r.name(), s));
                }
            }
        }
        fits.sort(Comparator.comparingDouble(Fit::score).reversed()
                .thenComparing(Fit::cluster).thenComparing(Fit::name));
        Map<Integer, String> names = new HashMap<>();
        Set<String> used = new HashSet<>(taken);
        for (Fit f : fits) {
            if (!names.containsKey(f.cluster()) && !used.contains(f.name())) {
                names.put(f.cluster(), f.name());
                used.add(f.name());
            }
        }
        for (SegmentProfile p : profiles) {
            if (!names.containsKey(p.cluster())) {
                int n = 2;
                String base = bestRuleName(p);
                String candidate = base + " " + n;
                while (used.contains(candidate)) {
                    candidate = base + " " + (++n);
                }
                names.put(p.cluster(), candidate);
                used.add(candidate);
            }
        }
        return names;
    }

    private static String bestRuleName(SegmentProfile p) {
        return RULES.stream().max(Comparator.comparingDouble(r -> r.fit().applyAsDouble(p))).map(Rule::name)
                .orElse("Segment");
    }

    /** One sentence on what the segment's average customer does. */
    static String describe(SegmentProfile p) {
        return String.format(Locale.ROOT,
                "%d customers: %.1f orders on average, last %s, %.0f spent; %.1f views, %.1f abandoned carts, "
                        + "%.0f%% with an open ticket or unhappy answer.",
                p.customers(), p.orders(), Double.isNaN(p.recencyDays()) ? "never" : String.format(Locale.ROOT,
                        "%.0f days ago", p.recencyDays()), p.monetary(), p.views(), p.abandonedCarts(),
                Math.min(100, 100 * p.unhappiness()));
    }
}
