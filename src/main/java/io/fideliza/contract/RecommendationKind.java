package io.fideliza.contract;

import java.util.Locale;

/** Why a product is recommended (contract.md, recommendations.kind), with the words the report uses. */
public enum RecommendationKind {
    CROSS_SELL("Products that go with their purchases"),
    /** ALS's pick with no owned product that explains it: chosen by customers who shop alike, not "goes with". */
    PERSONAL("Picked by customers who shop like them"),
    REPLENISHMENT("Refills of what they use up"),
    POPULAR("Best sellers (when we know too little)");

    private final String label;

    RecommendationKind(String label) {
        this.label = label;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }
}
