package io.fideliza.contract;

import java.util.Locale;

/** Why a product is recommended (contract.md, recommendations.kind), with the words the report uses. */
public enum RecommendationKind {
    CROSS_SELL("Products that go with their purchases"),
    /** ALS's pick with no owned product that explains it: chosen by customers who shop alike, not "goes with". */
    PERSONAL("Picked by customers who shop like them"),
    REPLENISHMENT("Refills of what they use up"),
    /**
     * A consumable a lapsed customer (no order for {@link Action#LAPSED_AFTER_DAYS}) used to buy, no longer due but
     * what a win-back offers first.
     */
    USED_TO_BUY("What they used to buy"),
    /** A product the customer looked at again and again lately and has not bought (recommend.intent). */
    BROWSED("What they looked at again and again"),
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
