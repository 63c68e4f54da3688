package io.fideliza.evaluate;

import io.fideliza.ranking.PurchaseHistory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Baseline: item co-occurrence. Two products co-occur once for every customer who bought both; a customer's
 * candidates score the sum of their co-occurrences with what the customer owns (owned products excluded).
 * Counts are kept in a dense product x product matrix, fine for a few thousand products.
 */
public final class CooccurrenceBaseline {
    private final PurchaseHistory history;
    private final int[] counts;
    private final int n;

    public CooccurrenceBaseline(PurchaseHistory history) {
        this.history = history;
        this.n = history.products();
        this.counts = new int[n * n];
        for (int[] products : history.owned().values()) {
            for (int a : products) {
                int row = a * n;
                for (int b : products) {
                    if (a != b) {
                        counts[row + b]++;
                    }
                }
            }
        }
    }

    public int count(int a, int b) {
        return counts[a * n + b];
    }

    public Map<String, List<String>> recommend(Collection<String> customers, int k) {
        Map<String, List<String>> out = new HashMap<>();
        long[] score = new long[n];
        for (String c : customers) {
            int[] owned = history.owned(c);
            java.util.Arrays.fill(score, 0);
            for (int a : owned) {
                int row = a * n;
                for (int b = 0; b < n; b++) {
                    score[b] += counts[row + b];
                }
            }
            out.put(c, top(score, c, k));
        }
        return out;
    }

    private List<String> top(long[] score, String customer, int k) {
        PriorityQueue<Integer> heap = new PriorityQueue<>(k + 1, (a, b) -> score[a] != score[b]
                ? Long.compare(score[a], score[b]) : Integer.compare(b, a));
        for (int b = 0; b < n; b++) {
            if (score[b] <= 0 || history.owns(customer, b)) {
                continue;
            }
            heap.add(b);
            if (heap.size() > k) {
                heap.poll();
            }
        }
        List<Integer> best = new ArrayList<>(heap);
        best.sort((a, b) -> score[a] != score[b] ? Long.compare(score[b], score[a]) : Integer.compare(a, b));
        List<String> ids = new ArrayList<>(best.size());
        best.forEach(b -> ids.add(history.productId(b)));
        return ids;
    }
}
