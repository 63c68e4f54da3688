package io.fideliza.segment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Adjusted Rand index between two labelings of the same items (1 = identical partitions, ~0 = chance). */
final class AdjustedRandIndex {
    private AdjustedRandIndex() {
    }

    static <A, B> double of(List<A> truth, List<B> predicted) {
        Map<A, Map<B, Long>> table = new HashMap<>();
        Map<A, Long> rows = new HashMap<>();
        Map<B, Long> cols = new HashMap<>();
        for (int i = 0; i < truth.size(); i++) {
            table.computeIfAbsent(truth.get(i), k -> new HashMap<>()).merge(predicted.get(i), 1L, Long::sum);
            rows.merge(truth.get(i), 1L, Long::sum);
            cols.merge(predicted.get(i), 1L, Long::sum);
        }
        double index = table.values().stream().flatMap(m -> m.values().stream()).mapToDouble(AdjustedRandIndex::pairs).sum();
        double a = rows.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
        double b = cols.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
        double expected = a * b / pairs(truth.size());
        double max = (a + b) / 2;
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }

    private static double pairs(long n) {
        return n * (n - 1) / 2.0;
    }
}
