package io.fideliza.contract;

import java.util.Locale;

/** The actions a plan can hold (contract.md). Only service recovery is not marketing. */
public enum Action {
    SERVICE_RECOVERY, CART_RECOVERY, REPLENISHMENT_REMINDER, CROSS_SELL, WIN_BACK, ONBOARDING, VIP_CARE, NURTURE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isMarketing() {
        return this != SERVICE_RECOVERY;
    }

    public static Action fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
