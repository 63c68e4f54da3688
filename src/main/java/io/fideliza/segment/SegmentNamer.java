package io.fideliza.segment;

import static io.fideliza.contract.Columns.AVG_ORDER_VALUE;
import static io.fideliza.contract.FeatureColumns.*;
import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;

/**
 * Names segments after what most of their members do. Every name has a rule that one customer meets or
 * not; a segment may take a name only when the rule holds for at least half of its members, and among
 * those names it takes the one that sets it most apart from the whole population (the rule's share in the
 * segment over its share among all customers). Names are unique within a model (docs/segmentation.md).
 */
public final class SegmentNamer {
    /** A name may be given only when its rule holds for at least this share of the segment's members. */
    static final double MOST = 0.5;
    /** Champions need at least this many orders, whatever the population's top fifth orders. */
    static final int MIN_CHAMPION_ORDERS = 5;

    /** The names and their rules on one customer, in the order they win ties. */
    enum Name {
        UNHAPPY("Unhappy"),
        WINDOW_SHOPPERS("Window shoppers"),
        CART_ABANDONERS("Cart abandoners"),
        CHAMPIONS("Champions"),
        LOYAL("Loyal"),
        NEW("New"),
        AT_RISK("At risk"),
        HIBERNATING("Hibernating"),
        OCCASIONAL_BUYERS("Occasional buyers"),
        BROWSERS("Browsers");

        final String label;

        Name(String label) {
            this.label = label;
        }

        /** The name a segment name was made from ("Loyal 2" is Loyal), if any. */
        static Optional<Name> of(String segmentName) {
            String base = segmentName.replaceAll(" \\d+$", "");
            for (Name n : values()) {
                if (n.label.equals(base)) {
                    return Optional.of(n);
                }
            }
            return Optional.empty();
        }

        /** Whether one customer meets the rule (never null). */
        Column holds(int championOrders) {
            Column orders = coalesce(col(ORDERS), lit(0L));
            Column recency = col(RECENCY_DAYS); // null: never ordered
            Column carts = coalesce(col(ABANDONED_CARTS), lit(0L));
            Column rule = switch (this) {
                case UNHAPPY -> coalesce(col(UNHAPPINESS), lit(0)).geq(1);
                case WINDOW_SHOPPERS -> orders.equalTo(0).and(carts.equalTo(0)).and(coalesce(col(VIEWS), lit(0L)).geq(3));
                case CART_ABANDONERS -> orders.leq(1).and(carts.geq(1));
                case CHAMPIONS -> orders.geq(championOrders).and(recency.leq(30));
                case LOYAL -> orders.geq(3).and(recency.leq(75));
                case NEW -> orders.between(1, 2).and(col(TENURE_DAYS).leq(75));
                case AT_RISK -> orders.geq(2).and(recency.gt(75)).and(recency.leq(240));
                case HIBERNATING -> orders.geq(1).and(recency.gt(180));
                case OCCASIONAL_BUYERS -> orders.geq(1);
                case BROWSERS -> orders.equalTo(0);
            };
            return coalesce(rule, lit(false));
        }

        /** The rule in words, for the report and segment_profiles.name_rule. */
        String rule(int championOrders) {
            return switch (this) {
                case UNHAPPY -> "an open ticket, a CSAT of 2 or less or a recent detractor answer";
                case WINDOW_SHOPPERS -> "no order and no abandoned cart, 3 or more product views";
                case CART_ABANDONERS -> "at most one order and an abandoned cart";
                case CHAMPIONS -> championOrders + " or more orders (the top fifth of buyers) and the last within 30 days";
                case LOYAL -> "3 or more orders, the last within 75 days";
                case NEW -> "one or two orders, a customer for 75 days or less";
                case AT_RISK -> "2 or more orders, the last 76 to 240 days ago";
                case HIBERNATING -> "the last order over 180 days ago";
                case OCCASIONAL_BUYERS -> "has ordered";
                case BROWSERS -> "has never ordered";
            };
        }
    }

    /** Champions' order threshold: the top fifth of buyers by orders, at least {@link #MIN_CHAMPION_ORDERS}. */
    static int championOrders(double buyersOrdersP80) {
        return Math.max(MIN_CHAMPION_ORDERS, (int) Math.ceil(buyersOrdersP80));
    }

    private SegmentNamer() {
    }

    /**
     * A name per cluster, unique, none of {@code taken} (names that carried-over segments hold).
     *
     * @param shares     per cluster, the share of its members each {@link Name}'s rule holds for (in Name order)
     * @param population the share of all customers each rule holds for
     */
    static Map<Integer, String> name(Map<Integer, double[]> shares, double[] population, Set<String> taken) {
        record Fit(int cluster, Name name, double lift) {
        }
        List<Fit> fits = new ArrayList<>();
        for (Map.Entry<Integer, double[]> e : shares.entrySet()) {
            for (Name n : Name.values()) {
                double share = e.getValue()[n.ordinal()];
                if (share >= MOST) {
                    fits.add(new Fit(e.getKey(), n, share / Math.max(population[n.ordinal()], 1e-9)));
                }
            }
        }
        fits.sort(Comparator.comparingDouble(Fit::lift).reversed()
                .thenComparing(Fit::cluster).thenComparing(Fit::name));
        Map<Integer, String> names = new HashMap<>();
        Set<String> used = new HashSet<>(taken);
        for (Fit f : fits) {
            if (!names.containsKey(f.cluster()) && !used.contains(f.name().label)) {
                names.put(f.cluster(), f.name().label);
                used.add(f.name().label);
            }
        }
        // A cluster whose fitting names are all taken gets the best of them, numbered ("Loyal 2").
        for (Fit f : fits) {
            if (!names.containsKey(f.cluster())) {
                int n = 2;
                while (used.contains(f.name().label + " " + n)) {
                    n++;
                }
                names.put(f.cluster(), f.name().label + " " + n);
                used.add(f.name().label + " " + n);
            }
        }
        return names;
    }

    /** The features a description may compare, with how each reads. */
    private static final Map<String, String> PHRASES = Map.of(
            ORDERS, "%.1f orders (all customers: %.1f)",
            RECENCY_DAYS, "last order %.0f days ago (all customers: %.0f)",
            MONETARY, "%.0f spent (all customers: %.0f)",
            TENURE_DAYS, "a customer for %.0f days (all customers: %.0f)",
            SESSIONS, "%.1f visits (all customers: %.1f)",
            ABANDONED_CARTS, "%.1f abandoned carts (all customers: %.1f)",
            UNHAPPINESS, "%.2f unhappiness points (all customers: %.2f)",
            DAYS_SINCE_LAST_VISIT, "last visit %.0f days ago (all customers: %.0f)",
            ORDERS_PER_MONTH, "%.2f orders a month (all customers: %.2f)",
            AVG_ORDER_VALUE, "%.0f per order (all customers: %.0f)");

    /**
     * One paragraph on a segment: its size, the three features where its centroid stands furthest from the
     * whole population (in standard deviations), and the share of members its name's rule holds for.
     */
    static String describe(ClusterSummary c, ClusterSummary population, String name, String rule, double holds) {
        List<String> features = SegmentFeatureVector.names();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -Math.abs(c.scaledCenter()[i])).thenComparing(i -> i));
        List<String> parts = new ArrayList<>();
        for (int i : order) {
            Double mine = c.means().get(features.get(i));
            Double all = population.means().get(features.get(i));
            if (mine != null && all != null && parts.size() < 3) {
                parts.add(String.format(Locale.ROOT, PHRASES.get(features.get(i)), mine, all));
            }
        }
        String text = String.format(Locale.ROOT, "%,d customers (%.0f%%). Compared with all customers: %s.",
                c.customers(), 100.0 * c.customers() / Math.max(1, population.customers()), String.join("; ", parts));
        if (rule != null) {
            text += String.format(Locale.ROOT, " %s: %.0f%% of them meet the rule: %s.", name, 100 * holds, rule);
        }
        return text;
    }
}
