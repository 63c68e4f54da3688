package io.fideliza.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentNamerTest {
    static SegmentProfile profile(int cluster, double orders, double recency, double tenure, double views,
                                  double carts, double unhappy, double buyers) {
        return new SegmentProfile(cluster, 100, orders, recency, tenure, orders * 50, views, carts, unhappy, 0, buyers,
                new double[] {0});
    }

    @Test
    void profilesGetTheNamesMarketersUse() {
        Map<Integer, String> names = SegmentNamer.name(List.of(
                profile(0, 12, 8, 400, 40, 0, 0.05, 1.0),
                profile(1, 4, 30, 300, 20, 0, 0.1, 1.0),
                profile(2, 1, 15, 30, 5, 0, 0.05, 1.0),
                profile(3, 4, 150, 400, 3, 0, 0.05, 1.0),
                profile(4, 1, 350, 400, 1, 0, 0.05, 1.0),
                profile(5, 0, Double.NaN, 100, 30, 0.1, 0.05, 0.0),
                profile(6, 0.3, 200, 100, 10, 2.5, 0.05, 0.2),
                profile(7, 3, 30, 300, 6, 0, 0.9, 1.0)), Set.of());
        assertEquals(Map.of(0, "Champions", 1, "Loyal", 2, "New", 3, "At risk", 4, "Hibernating",
                5, "Window shoppers", 6, "Cart abandoners", 7, "Unhappy"), names);
    }

    @Test
    void namesAreUniqueWithinARun() {
        Map<Integer, String> names = SegmentNamer.name(List.of(
                profile(0, 4, 30, 300, 20, 0, 0.1, 1.0),
                profile(1, 5, 25, 300, 20, 0, 0.1, 1.0)), Set.of("Loyal"));
        assertEquals(2, Set.copyOf(names.values()).size());
        assertEquals(false, names.containsValue("Loyal"), "a name a matched segment holds is not given again");
    }
}
