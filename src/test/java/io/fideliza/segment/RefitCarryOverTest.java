package io.fideliza.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.segment.RefitCarryOver.Moves;
import io.fideliza.segment.RefitCarryOver.Shared;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RefitCarryOverTest {
    private static final double[][] CENTERS = {{0, 0}, {10, 0}, {0, 10}};
    private static final double[] FIT = {1, 1, 1};

    /** {@code n} points on a small square around (x, y): its mean is (x, y) exactly. */
    private static List<double[]> around(double x, double y, int n) {
        List<double[]> out = new ArrayList<>();
        double[][] corners = {{-0.25, -0.25}, {0.25, -0.25}, {-0.25, 0.25}, {0.25, 0.25}};
        for (int i = 0; i < n; i++) {
            out.add(new double[] {x + corners[i % 4][0], y + corners[i % 4][1]});
        }
        return out;
    }

    private static List<double[]> sample(int first, int second, int third) {
        List<double[]> out = new ArrayList<>(around(0, 0, first));
        out.addAll(around(10, 0, second));
        out.addAll(around(0, 10, third));
        return out;
    }

    @Test
    void aSegmentThatEmptiedOutIsRetiredAndTheOthersKeepTheirCentroids() {
        List<double[]> sample = sample(52, 44, 4);
        assertEquals(List.of(0, 1), RefitCarryOver.surviving(CENTERS, sample, 0.05, 2), "4% is under 5%");
        assertEquals(List.of(0, 1, 2), RefitCarryOver.surviving(CENTERS, sample, 0.04, 2), "4% is not under 4%");
        assertEquals(List.of(0, 1, 2), RefitCarryOver.surviving(CENTERS, sample, 0.05, 3), "never under k_min");
    }

    @Test
    void customersNoCentroidFitsMakeANewSegmentWhereTheyGather() {
        List<double[]> sample = sample(40, 40, 0);
        sample.addAll(around(5, 20, 20)); // far from both kept centroids (0,0) and (10,0)
        Optional<double[]> added = RefitCarryOver.newKind(CENTERS, FIT, List.of(0, 1), sample, 0.05);
        assertTrue(added.isPresent());
        assertArrayEquals(new double[] {5, 20}, added.get(), 1e-9);
        assertEquals(0.2, RefitCarryOver.shareOf(added.get(), CENTERS, List.of(0, 1), sample), 1e-12);
    }

    @Test
    void aFewScatteredMisfitsAreNoNewKind() {
        List<double[]> sample = sample(49, 49, 0);
        sample.add(new double[] {5, 20});
        sample.add(new double[] {-20, 3});
        assertEquals(Optional.empty(), RefitCarryOver.newKind(CENTERS, FIT, List.of(0, 1), sample, 0.05),
                "2% unfit, under min_segment_share 5%");
    }

    @Test
    void movesCountOnlyLastRunsCustomersPutElsewhereAndSayWhy() {
        // Old segments 11, 12, 13; the candidate's cluster 0 carries 11 on, 1 carries 12, 2 is new; 13 is retired.
        Map<Integer, Integer> carried = Map.of(0, 11, 1, 12);
        List<Shared> shared = List.of(new Shared(11, 0, true, 500), new Shared(11, 1, true, 20),
                new Shared(12, 1, true, 400), new Shared(12, 2, true, 30), new Shared(12, 2, false, 300),
                new Shared(13, 0, true, 25), new Shared(13, 1, true, 25), new Shared(11, 0, false, 99));
        Moves m = RefitCarryOver.moves(shared, carried);
        assertEquals(new Moves(1000, 100, 20, 30, 50), m);
        assertEquals(0.1, m.share(), 1e-12);
        assertEquals(RefitCarryOver.Cause.RETIRED_SEGMENT, RefitCarryOver.cause(13, 11, java.util.Set.of(11, 12)));
        assertEquals(RefitCarryOver.Cause.NEW_KIND, RefitCarryOver.cause(12, null, java.util.Set.of(11, 12)));
        assertEquals(RefitCarryOver.Cause.NEW_DATA, RefitCarryOver.cause(11, 12, java.util.Set.of(11, 12)));
        assertEquals(Map.of("customers", 1000L, "moved", 100L, "share", 0.1, "new_data", 20L, "new_kind", 30L,
                "retired_segment", 50L), m.asMap());
    }
}
