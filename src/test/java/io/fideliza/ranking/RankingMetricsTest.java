package io.fideliza.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    static final double EPS = 1e-12;

    @Test
    void metricsMatchAHandComputedExample() {
        Map<String, List<String>> recs = Map.of(
                "A", List.of("x", "y", "z", "v"),   // only the first k = 3 count: one hit, at position 2
                "B", List.of("w", "x"),             // one hit at position 1, fewer than k recommendations
                "D", List.of("q"));                 // D has nothing to find: not measured
        Map<String, Set<String>> truth = Map.of(
                "A", Set.of("y", "w"),
                "B", Set.of("w"),
                "C", Set.of("x"),                   // no recommendations: scores 0
                "D", Set.of());
        RankingMetrics.Scores s = RankingMetrics.score(recs, truth, 3, 8);

        double log3 = Math.log(3) / Math.log(2);
        // A: P 1/3, R 1/2, nDCG (1/log2 3) / (1 + 1/log2 3), AP (1/2) / min(3, 2); B: P 1/3, R 1, nDCG 1, AP 1.
        double ndcgA = (1 / log3) / (1 + 1 / log3);
        assertEquals(3, s.customers());
        assertEquals((1.0 / 3 + 1.0 / 3) / 3, s.precision(), EPS);
        assertEquals((0.5 + 1) / 3, s.recall(), EPS);
        assertEquals((ndcgA + 1) / 3, s.ndcg(), EPS);
        assertEquals(0.38685280723454163, ndcgA, EPS);
        assertEquals((0.25 + 1) / 3, s.map(), EPS);
        assertEquals(2.0 / 3, s.hitRate(), EPS);
        // Shown to measured customers: x, y, z (A's top 3) and w, x (B): 4 of 8 products.
        assertEquals(0.5, s.coverage(), EPS);
    }

    @Test
    void aPerfectRankingScoresOne() {
        RankingMetrics.Scores s = RankingMetrics.score(Map.of("A", List.of("a", "b")), Map.of("A", Set.of("b", "a")),
                2, 2);
        assertEquals(1.0, s.ndcg(), EPS);
        assertEquals(1.0, s.map(), EPS);
        assertEquals(1.0, s.precision(), EPS);
        assertEquals(1.0, s.recall(), EPS);
    }
}
