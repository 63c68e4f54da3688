package io.fideliza.recommend;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fideliza.config.ConfidenceScale;
import io.fideliza.config.JobConfig.AlsSettings;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters a recommender model is fitted with: ALS (rank, regularisation, alpha, iterations, seed), how an
 * interaction strength becomes confidence, the weight of ALS against complement evidence in the blend, and how
 * much complement evidence is kept per product.
 *
 * @param blend      ALS's weight in the blend: 0 is complements alone, 1 ALS alone
 * @param neighbours complements kept per product (the strongest evidence)
 * @param significance the family-wise significance a complement must reach over all the product pairs tested
 * @param byActivity  evidence against customers who buy as many products (else the plain log-likelihood ratio)
 */
public record RecommenderParams(AlsSettings als, ConfidenceScale confidence, double epsilon, double blend,
                                int neighbours, double significance, boolean byActivity) {

    public RecommenderParams withAls(AlsSettings a) {
        return new RecommenderParams(a, confidence, epsilon, blend, neighbours, significance, byActivity);
    }

    public RecommenderParams withConfidence(ConfidenceScale c) {
        return new RecommenderParams(als, c, epsilon, blend, neighbours, significance, byActivity);
    }

    public RecommenderParams withBlend(double b) {
        return new RecommenderParams(als, confidence, epsilon, b, neighbours, significance, byActivity);
    }

    /** True when the model needs ALS factors at all. */
    public boolean usesAls() {
        return blend > 0;
    }

    /** As the model file and the manifest write them (read back by {@link #fromMap}). */
    ObjectNode asJson() {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("rank", als.rank());
        m.put("reg_param", als.regParam());
        m.put("alpha", als.alpha());
        m.put("iterations", als.iterations());
        m.put("seed", als.seed());
        m.put("confidence", confidence.name().toLowerCase(Locale.ROOT));
        m.put("epsilon", epsilon);
        m.put("blend", blend);
        m.put("neighbours", neighbours);
        m.put("significance", significance);
        m.put("evidence", byActivity ? "by_activity" : "llr");
        return m;
    }

    static RecommenderParams fromMap(Map<String, Object> m) {
        return new RecommenderParams(new AlsSettings(((Number) m.get("rank")).intValue(),
                ((Number) m.get("reg_param")).doubleValue(), ((Number) m.get("alpha")).doubleValue(),
                ((Number) m.get("iterations")).intValue(), ((Number) m.get("seed")).longValue()),
                ConfidenceScale.valueOf(String.valueOf(m.get("confidence")).toUpperCase(Locale.ROOT)),
                ((Number) m.get("epsilon")).doubleValue(), ((Number) m.get("blend")).doubleValue(),
                ((Number) m.get("neighbours")).intValue(), ((Number) m.get("significance")).doubleValue(),
                "by_activity".equals(m.get("evidence")));
    }

    /** One line for progress and tables. */
    public String label() {
        return usesAls() ? String.format(Locale.ROOT, "blend %.2f, rank %d, reg %s, alpha %s, %s confidence",
                blend, als.rank(), als.regParam(), als.alpha(), confidence.name().toLowerCase(Locale.ROOT))
                : "complements only";
    }
}
