package io.fideliza.ranking;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Top-k ranking metrics over the customers who have something to find (a non-empty truth set), averaged
 * per customer: a customer without recommendations scores 0. Relevance is binary.
 */
public final class RankingMetrics {
    /** The averages over {@code customers}, and the share of the catalogue that appears in some top k. */
    public record Scores(int customers, double precision, double recall, double ndcg, double map, double hitRate,
                         double coverage) {
    }

    private RankingMetrics() {
    }

    /**
     * @param recommended per customer, products best first (only the first k count)
     * @param truth       per customer, the products they went on to buy; customers with an empty set are skipped
     * @param catalogue   the number of products that could have been recommended
     */
    public static Scores score(Map<String, List<String>> recommended, Map<String, Set<String>> truth, int k,
                               int catalogue) {
        double precision = 0;
        double recall = 0;
        double ndcg = 0;
        double map = 0;
        double hits = 0;
        int customers = 0;
        Set<String> shown = new HashSet<>();
        for (Map.Entry<String, Set<String>> e : truth.entrySet()) {
            Set<String> relevant = e.getValue();
            if (relevant.isEmpty()) {
                continue;
            }
            customers++;
            List<String> recs = recommended.getOrDefault(e.getKey(), List.of());
            int found = 0;
            double dcg = 0;
            double precisionSum = 0;
            for (int i = 0; i < Math.min(k, recs.size()); i++) {
                shown.add(recs.get(i));
                if (relevant.contains(recs.get(i))) {
                    found++;
                    dcg += 1 / log2(i + 2);
                    precisionSum += (double) found / (i + 1);
                }
            }
            double ideal = 0;
            for (int i = 0; i < Math.min(k, relevant.size()); i++) {
                ideal += 1 / log2(i + 2);
            }
            precision += (double) found / k;
            recall += (double) found / relevant.size();
            ndcg += dcg / ideal;
            map += precisionSum / Math.min(k, relevant.size());
            hits += found > 0 ? 1 : 0;
        }
        int n = Math.max(customers, 1);
        return new Scores(customers, precision / n, recall / n, ndcg / n, map / n, hits / n,
                catalogue == 0 ? 0 : (double) shown.size() / catalogue);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
