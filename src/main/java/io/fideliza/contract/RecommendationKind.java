package io.fideliza.contract;

import java.util.Locale;

/** Why a product is recommended (contract.md, recommendations.kind). */
public enum RecommendationKind {
    CROSS_SELL, REPLENISHMENT, POPULAR;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
