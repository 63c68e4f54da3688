package io.fideliza.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each cluster a segment id and name: a cluster close to a previous segment's centroid keeps that
 * segment's id and name (closest pairs first); the others get fresh ids and names by rule.
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

    /** Cluster number to its segment, for every profile. */
    static Map<Integer, Identity> match(List<SegmentProfile> profiles, List<PreviousCentroid> previous, double[] std) {
        record Pair(int cluster, PreviousCentroid prev, double distance) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (SegmentProfile p : profiles) {
            for (PreviousCentroid prev : previous) {
                if (prev.center().length == p.center().length) {
                    pairs.add(new Pair(p.cluster(), prev, distance(p.center(), prev.center(), std)));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::distance));
        Map<Integer, Identity> identities = new HashMap<>();
        Set<Integer> usedIds = new HashSet<>();
        for (Pair pair : pairs) {
            if (pair.distance() <= MATCH_DISTANCE && !identities.containsKey(pair.cluster())
                    && !usedIds.contains(pair.prev().segmentId())) {
                identities.put(pair.cluster(), new Identity(pair.prev().segmentId(), pair.prev().name()));
                usedIds.add(pair.prev().segmentId());
            }
        }
        List<SegmentProfile> unmatched = profiles.stream().filter(p -> !identities.containsKey(p.cluster())).toList();
        Set<String> taken = new HashSet<>();
        identities.values().forEach(i -> taken.add(i.name()));
        Map<Integer, String> fresh = SegmentNamer.name(unmatched, taken);
        int nextId = previous.stream().mapToInt(PreviousCentroid::segmentId).max().orElse(0) + 1;
        // New segments get ids in a fixed order (by name), so the same data gives the same ids.
        List<String> ruleOrder = SegmentNamer.RULES.stream().map(SegmentNamer.Rule::name).toList();
        List<SegmentProfile> ordered = new ArrayList<>(unmatched);
        ordered.sort(Comparator.comparing((SegmentProfile p) -> ruleOrder.indexOf(
                fresh.get(p.cluster()).replaceAll(" \\d+$", ""))).thenComparing(p -> fresh.get(p.cluster())));
        for (SegmentProfile p : ordered) {
            identities.put(p.cluster(), new Identity(nextId++, fresh.get(p.cluster())));
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
