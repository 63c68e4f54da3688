package io.fideliza.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Initial centers for k-means, computed on a sample the driver holds: k-means++ seeding (Arthur and
 * Vassilvitskii, 2007), then Lloyd's iterations on the sample. MLlib's k-means|| does the same on its
 * candidate centers, in several Spark jobs per fit; the k search instead draws one sample for all its fits,
 * and when the sample is every customer MLlib's fit that follows starts at convergence (docs/segmentation.md).
 */
final class KMeansSeeding {
    private KMeansSeeding() {
    }

    /** K-means++ centers for {@code k}, refined by Lloyd's iterations on the same points. */
    static double[][] centers(List<double[]> points, int k, long seed, int maxIterations, double epsilon) {
        return refine(points, kMeansPlusPlus(points, k, seed), maxIterations, epsilon);
    }

    /** {@code k} centers drawn from {@code points}; the same points and seed give the same centers. */
    static double[][] kMeansPlusPlus(List<double[]> points, int k, long seed) {
        if (points.isEmpty() || k < 1) {
            throw new IllegalArgumentException(
                    "k-means++ needs points and k >= 1, got " + points.size() + " points, k " + k);
        }
        Random random = new Random(seed);
        List<double[]> centers = new ArrayList<>(k);
        centers.add(points.get(random.nextInt(points.size())));
        double[] nearest = new double[points.size()];
        for (int i = 0; i < nearest.length; i++) {
            nearest[i] = squaredDistance(points.get(i), centers.get(0));
        }
        while (centers.size() < k) {
            double total = 0;
            for (double d : nearest) {
                total += d;
            }
            int chosen;
            if (total <= 0) {
                chosen = random.nextInt(points.size()); // Fewer distinct points than k: any point will do.
            } else {
                double target = random.nextDouble() * total;
                chosen = nearest.length - 1;
                for (int i = 0; i < nearest.length; i++) {
                    target -= nearest[i];
                    if (target < 0) {
                        chosen = i;
                        break;
                    }
                }
            }
            double[] center = points.get(chosen);
            centers.add(center);
            for (int i = 0; i < nearest.length; i++) {
                nearest[i] = Math.min(nearest[i], squaredDistance(points.get(i), center));
            }
        }
        return centers.toArray(double[][]::new);
    }

    /**
     * Lloyd's iterations on the same points, from {@code centers}, until no center moves by more than
     * {@code epsilon} or after {@code maxIterations}; a center that attracts no point stays where it is.
     */
    static double[][] refine(List<double[]> points, double[][] centers, int maxIterations, double epsilon) {
        int k = centers.length;
        int dims = centers[0].length;
        double[][] current = new double[k][];
        for (int c = 0; c < k; c++) {
            current[c] = centers[c].clone();
        }
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double[][] sums = new double[k][dims];
            long[] counts = new long[k];
            for (double[] p : points) {
                int c = nearest(current, p);
                counts[c]++;
                for (int d = 0; d < dims; d++) {
                    sums[c][d] += p[d];
                }
            }
            boolean moved = false;
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    continue;
                }
                for (int d = 0; d < dims; d++) {
                    sums[c][d] /= counts[c];
                }
                moved |= squaredDistance(sums[c], current[c]) > epsilon * epsilon;
                current[c] = sums[c];
            }
            if (!moved) {
                break;
            }
        }
        return current;
    }

    static int nearest(double[][] centers, double[] point) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centers.length; c++) {
            double d = squaredDistance(centers[c], point);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }
}
