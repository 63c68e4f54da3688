package io.fideliza.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries segment ids and names over a refit: a cluster of the new model takes the id of the old segment it
 * shares the most customers with, when those customers are most of the cluster or most of the old segment
 * (largest overlaps first, each id once). The others are new segments; old segments left over are retired.
 */
final class RefitMatcher {
    /** The shared customers must be at least this share of the new cluster or of the old segment. */
    static final double MOSTLY = 0.5;

    /** Customers the old model puts in {@code oldSegment} and the new one in {@code cluster}, tonight. */
    record Overlap(int oldSegment, int cluster, long customers) {
    }

    private RefitMatcher() {
    }

    /** New cluster to the old segment id it carries on, for the clusters that carry one on. */
    static Map<Integer, Integer> match(List<Overlap> overlaps) {
        Map<Integer, Long> oldSize = new HashMap<>();
        Map<Integer, Long> clusterSize = new HashMap<>();
        for (Overlap o : overlaps) {
            oldSize.merge(o.oldSegment(), o.customers(), Long::sum);
            clusterSize.merge(o.cluster(), o.customers(), Long::sum);
        }
        List<Overlap> sorted = new ArrayList<>(overlaps);
        sorted.sort(Comparator.comparingLong(Overlap::customers).reversed()
                .thenComparingInt(Overlap::oldSegment).thenComparingInt(Overlap::cluster));
        Map<Integer, Integer> carried = new LinkedHashMap<>();
        java.util.Set<Integer> usedOld = new java.util.HashSet<>();
        for (Overlap o : sorted) {
            boolean mostly = o.customers() >= MOSTLY * clusterSize.get(o.cluster())
                    || o.customers() >= MOSTLY * oldSize.get(o.oldSegment());
            if (mostly && !carried.containsKey(o.cluster()) && !usedOld.contains(o.oldSegment())) {
                carried.put(o.cluster(), o.oldSegment());
                usedOld.add(o.oldSegment());
            }
        }
        return carried;
    }

    /** For an old segment, the new cluster that got most of its customers (null when it had none tonight). */
    static Integer mostWentTo(List<Overlap> overlaps, int oldSegment) {
        return overlaps.stream().filter(o -> o.oldSegment() == oldSegment)
                .max(Comparator.comparingLong(Overlap::customers).thenComparingInt(o -> -o.cluster()))
                .map(Overlap::cluster).orElse(null);
    }
}
