package io.fideliza.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries segment ids and names from outputs published before segments were a model (segment_centroids with no
 * model under _models): a cluster close to a previous segment's centroid keeps that segment's id and name
 * (closest pairs first). A refit with a model in place matches by shared customers instead ({@link RefitMatcher}).
 */
final class SegmentMatcher {
    /** Centroids closer than this (in standard deviations, averaged over features) are the same segment. */
    static final double MATCH_DISTANCE = 0.75;

    /** A segment of the previous run: its id, name and centroid (segment_centroids). */
    record PreviousCentroid(int segmentId, String name, double[] center) {
    }

    /** The segment a cluster becomes. */
    record Identity(int segmentId, String name) {
    }

    private SegmentMatcher() {
    }

    /** Cluster number to the previous segment it carries on, for the clusters close enough to one. */
    static Map<Integer, Identity> match(Map<Integer, double[]> centers, List<PreviousCentroid> previous, double[] std) {
        record Pair(int cluster, PreviousCentroid prev, double distance) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (Map.Entry<Integer, double[]> c : centers.entrySet()) {
            for (PreviousCentroid prev : previous) {
                if (prev.center().length == c.getValue().length) {
                    pairs.add(new Pair(c.getKey(), prev, distance(c.getValue(), prev.center(), std)));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::distance).thenComparingInt(Pair::cluster));
        Map<Integer, Identity> identities = new HashMap<>();
        Set<Integer> usedIds = new HashSet<>();
        for (Pair pair : pairs) {
            if (pair.distance() <= MATCH_DISTANCE && !identities.containsKey(pair.cluster())
                    && !usedIds.contains(pair.prev().segmentId())) {
                identities.put(pair.cluster(), new Identity(pair.prev().segmentId(), pair.prev().name()));
                usedIds.add(pair.prev().segmentId());
            }
        }
        return identities;
    }

    /** Root mean square of the per-feature differences, each in the current run's standard deviations. */
    static double distance(double[] a, double[] b, double[] std) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double s = std[i] > 1e-9 ? std[i] : 1.0;
            double d = (a[i] - b[i]) / s;
            sum += d * d;
        }
        return Math.sqrt(sum / a.length);
    }
}
