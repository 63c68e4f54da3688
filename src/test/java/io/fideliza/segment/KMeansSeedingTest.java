package io.fideliza.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class KMeansSeedingTest {

    /** Three tight groups of 50 points, far apart: around (0, 0), (100, 0) and (0, 100). */
    private static List<double[]> threeGroups() {
        Random random = new Random(1);
        List<double[]> points = new ArrayList<>();
        for (double[] center : new double[][] {{0, 0}, {100, 0}, {0, 100}}) {
            for (int i = 0; i < 50; i++) {
                points.add(new double[] {center[0] + random.nextDouble(), center[1] + random.nextDouble()});
            }
        }
        return points;
    }

    private static int group(double[] p) {
        return p[0] > 50 ? 1 : p[1] > 50 ? 2 : 0;
    }

    @Test
    void seedsOneCenterInEachFarApartGroup() {
        for (long seed = 0; seed < 20; seed++) {
            double[][] centers = KMeansSeeding.kMeansPlusPlus(threeGroups(), 3, seed);
            Set<Integer> groups = new TreeSet<>();
            for (double[] c : centers) {
                groups.add(group(c));
            }
            assertEquals(Set.of(0, 1, 2), groups, "seed " + seed);
        }
    }

    @Test
    void sameSeedSameCentersAndCentersArePoints() {
        List<double[]> points = threeGroups();
        double[][] a = KMeansSeeding.kMeansPlusPlus(points, 3, 42);
        double[][] b = KMeansSeeding.kMeansPlusPlus(points, 3, 42);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(a[c], b[c]);
            double[] center = a[c];
            assertEquals(1, points.stream().filter(p -> p == center).count(), "each center is one of the points");
        }
    }

    @Test
    void refineMovesCentersToTheMeansOfTheirPoints() {
        List<double[]> points = List.of(new double[] {0, 0}, new double[] {0, 2}, new double[] {10, 0},
                new double[] {10, 2}, new double[] {11, 1});
        double[][] refined = KMeansSeeding.refine(points, new double[][] {{0, 0}, {10, 0}}, 40, 1e-4);
        assertArrayEquals(new double[] {0, 1}, refined[0], 1e-12);
        assertArrayEquals(new double[] {31.0 / 3, 1}, refined[1], 1e-12);
    }

    @Test
    void aCenterWithoutPointsStaysAndTheInputIsNotChanged() {
        List<double[]> points = List.of(new double[] {0, 0}, new double[] {2, 0});
        double[][] start = {{1, 0}, {50, 50}};
        double[][] refined = KMeansSeeding.refine(points, start, 40, 1e-4);
        assertArrayEquals(new double[] {1, 0}, refined[0], 1e-12);
        assertArrayEquals(new double[] {50, 50}, refined[1], 1e-12);
        assertArrayEquals(new double[] {1, 0}, start[0]);
    }

    @Test
    void moreCentersThanDistinctPointsStillGivesK() {
        List<double[]> points = List.of(new double[] {1, 1}, new double[] {1, 1}, new double[] {3, 3});
        double[][] centers = KMeansSeeding.kMeansPlusPlus(points, 4, 7);
        assertEquals(4, centers.length);
        for (double[] c : centers) {
            assertTrue((c[0] == 1 && c[1] == 1) || (c[0] == 3 && c[1] == 3), "a center is one of the points");
        }
        assertThrows(IllegalArgumentException.class, () -> KMeansSeeding.kMeansPlusPlus(List.of(), 2, 1));
    }
}
