package io.fideliza.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.contract.Columns;
import io.fideliza.contract.FeatureColumns;
import io.fideliza.segment.SegmentNamer.Name;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentNamerTest {
    /** Shares of members per rule, in {@link Name} order; unnamed rules hold for nobody. */
    static double[] shares(Object... nameThenShare) {
        double[] s = new double[Name.values().length];
        for (int i = 0; i < nameThenShare.length; i += 2) {
            s[((Name) nameThenShare[i]).ordinal()] = (double) nameThenShare[i + 1];
        }
        return s;
    }

    static final double[] POPULATION = shares(Name.UNHAPPY, 0.15, Name.WINDOW_SHOPPERS, 0.12, Name.CART_ABANDONERS, 0.1,
            Name.CHAMPIONS, 0.1, Name.LOYAL, 0.3, Name.NEW, 0.1, Name.AT_RISK, 0.15, Name.HIBERNATING, 0.1,
            Name.OCCASIONAL_BUYERS, 0.7, Name.BROWSERS, 0.3);

    @Test
    void aSegmentTakesTheNameThatHoldsForMostOfItsMembersAndSetsItMostApart() {
        Map<Integer, double[]> clusters = new LinkedHashMap<>();
        // Most are loyal too, but being champions sets them further apart (0.85 / 0.10 against 0.95 / 0.30).
        clusters.put(0, shares(Name.CHAMPIONS, 0.85, Name.LOYAL, 0.95, Name.OCCASIONAL_BUYERS, 1.0));
        clusters.put(1, shares(Name.CHAMPIONS, 0.10, Name.LOYAL, 0.90, Name.OCCASIONAL_BUYERS, 1.0));
        clusters.put(2, shares(Name.UNHAPPY, 0.9, Name.LOYAL, 0.6, Name.OCCASIONAL_BUYERS, 1.0));
        clusters.put(3, shares(Name.WINDOW_SHOPPERS, 0.8, Name.BROWSERS, 0.95));
        // No specific rule holds for half of them: only "has ordered" does.
        clusters.put(4, shares(Name.AT_RISK, 0.45, Name.HIBERNATING, 0.3, Name.OCCASIONAL_BUYERS, 0.6));
        // A second loyal group: the name is taken, so it is numbered.
        clusters.put(5, shares(Name.LOYAL, 0.8, Name.OCCASIONAL_BUYERS, 0.5));
        assertEquals(Map.of(0, "Champions", 1, "Loyal", 2, "Unhappy", 3, "Window shoppers", 4, "Occasional buyers",
                5, "Loyal 2"), SegmentNamer.name(clusters, POPULATION, Set.of()));
    }

    @Test
    void namesCarriedOverAreNotGivenAgain() {
        Map<Integer, double[]> clusters = new LinkedHashMap<>();
        clusters.put(7, shares(Name.LOYAL, 0.9, Name.OCCASIONAL_BUYERS, 1.0));
        clusters.put(8, shares(Name.OCCASIONAL_BUYERS, 0.7, Name.BROWSERS, 0.3));
        assertEquals(Map.of(7, "Occasional buyers", 8, "Occasional buyers 2"),
                SegmentNamer.name(clusters, POPULATION, Set.of("Loyal")));
    }

    @Test
    void theChampionsThresholdIsTheTopFifthOfBuyersButAtLeastFive() {
        assertEquals(13, SegmentNamer.championOrders(12.2));
        assertEquals(5, SegmentNamer.championOrders(3));
        assertEquals("13 or more orders (the top fifth of buyers) and the last within 30 days", Name.CHAMPIONS.rule(13));
        assertEquals(Name.LOYAL, Name.of("Loyal 2").orElseThrow());
        assertEquals(false, Name.of("Fieles").isPresent());
    }

    @Test
    void theDescriptionComparesTheCentroidWithAllCustomersOnItsMostDistinctFeatures() {
        Map<String, Double> mine = new LinkedHashMap<>();
        Map<String, Double> all = new LinkedHashMap<>();
        double[] scaled = new double[FeatureColumns.SEGMENTATION.size()];
        for (String f : FeatureColumns.SEGMENTATION) {
            mine.put(f, 1.0);
            all.put(f, 1.0);
        }
        mine.put(FeatureColumns.ORDERS, 23.0);
        all.put(FeatureColumns.ORDERS, 6.1);
        mine.put(FeatureColumns.RECENCY_DAYS, 9.0);
        all.put(FeatureColumns.RECENCY_DAYS, 120.4);
        mine.put(Columns.AVG_ORDER_VALUE, 80.0);
        all.put(Columns.AVG_ORDER_VALUE, 75.0);
        scaled[FeatureColumns.SEGMENTATION.indexOf(FeatureColumns.ORDERS)] = 1.9;
        scaled[FeatureColumns.SEGMENTATION.indexOf(FeatureColumns.RECENCY_DAYS)] = -2.4;
        scaled[FeatureColumns.SEGMENTATION.indexOf(Columns.AVG_ORDER_VALUE)] = 0.2;
        scaled[FeatureColumns.SEGMENTATION.indexOf(FeatureColumns.SESSIONS)] = -0.1;
        ClusterSummary champions = new ClusterSummary(0, 412, new double[10], mine, new double[0], scaled, 0, 0, 9.0);
        ClusterSummary population = new ClusterSummary(-1, 3000, new double[10], all, new double[0], new double[10], 0,
                0, 60.0);
        assertEquals("412 customers (14%). Compared with all customers: last order 9 days ago (all customers: 120); "
                        + "23.0 orders (all customers: 6.1); 80 per order (all customers: 75). Champions: 85% of them "
                        + "meet the rule: 13 or more orders (the top fifth of buyers) and the last within 30 days.",
                SegmentNamer.describe(champions, population, "Champions", Name.CHAMPIONS.rule(13), 0.85));
    }
}
