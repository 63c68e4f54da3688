package io.fideliza.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** Two segments trained at (0, 0) and (20, 0): 95% of their members within 3 of the centroid. */
    private static final double[][] TWO = {{0, 0}, {20, 0}};
    private static final double[] TWO_FIT = {3, 3};

    private static List<double[]> twoSegments() {
        List<double[]> out = new ArrayList<>(around(0, 0, 40));
        out.addAll(around(20, 0, 40));
        return out;
    }

    @Test
    void customersNoCentroidFitsMakeANewSegmentWhereTheyGather() {
        List<double[]> sample = twoSegments();
        sample.addAll(around(10, 20, 20)); // far from both centroids, tight around (10, 20)
        RefitCarryOver.NewKind kind = RefitCarryOver.newKind(TWO, TWO_FIT, List.of(0, 1), sample, 0.05)
                .orElseThrow();
        assertArrayEquals(new double[] {10, 20}, kind.center(), 1e-9);
        assertEquals(20, kind.members(), "exactly the 20 gathered customers");
        assertEquals(20, kind.unfitMembers());
        assertEquals(0.25, kind.meanDistance(), 1e-12);
        assertEquals(3.0, kind.loosest());
        assertEquals(0.2, kind.share(), 1e-12);
        assertTrue(kind.adopted(0.05));
        assertFalse(kind.adopted(0.25), "under min_segment_share");
        assertEquals(0.2, RefitCarryOver.shareOf(kind.center(), TWO, List.of(0, 1), sample), 1e-12);
    }

    @Test
    void aGroupMostlyFittedByTheModelIsNoNewKind() {
        List<double[]> sample = twoSegments();
        sample.addAll(around(3.5, 0, 12)); // within 3 of (0, 0) in RMS distance: fitted by the model
        sample.addAll(around(5.5, 0, 8)); // beyond 3: unfit (8% of the sample, enough to look for a new kind)
        RefitCarryOver.NewKind kind = RefitCarryOver.newKind(TWO, TWO_FIT, List.of(0, 1), sample, 0.05).orElseThrow();
        assertArrayEquals(new double[] {4.3, 0}, kind.center(), 1e-9);
        assertEquals(20, kind.members());
        assertEquals(8, kind.unfitMembers(), "8 of 20 members unfit: not most");
        assertTrue(kind.compact());
        assertFalse(kind.adopted(0.05));
    }

    @Test
    void scatteredMisfitsMakeALooseGroupAndNoNewKind() {
        List<double[]> sample = twoSegments();
        for (double x : new double[] {6, 10, 14}) { // a 3 x 4 grid, 4 apart, all unfit: no tight group
            for (double y : new double[] {19, 23, 27, 31}) {
                sample.add(new double[] {x, y});
            }
        }
        RefitCarryOver.NewKind kind = RefitCarryOver.newKind(TWO, TWO_FIT, List.of(0, 1), sample, 0.05)
                .orElseThrow();
        assertArrayEquals(new double[] {10, 25}, kind.center(), 1e-9);
        assertEquals(12, kind.members());
        assertEquals(12, kind.unfitMembers());
        assertTrue(kind.meanDistance() > 3, "on average " + kind.meanDistance() + " from the centroid, beyond the fit 3");
        assertFalse(kind.compact());
        assertFalse(kind.adopted(0.05));
    }

    @Test
    void aFewScatteredMisfitsAreNoNewKind() {
        List<double[]> sample = sample(49, 49, 0);
        sample.add(new double[] {5, 20});
        sample.add(new double[] {-20, 3});
        assertEquals(Optional.empty(), RefitCarryOver.newKind(CENTERS, FIT, List.of(0, 1), sample, 0.05), "2% unfit, under min_segment_share 5%");
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
        assertEquals("{\"customers\":1000,\"moved\":100,\"share\":0.1,\"new_data\":20,\"new_kind\":30,"
                + "\"retired_segment\":50}", m.asManifest().toString());
    }
}
