package io.fideliza.contract;

import java.util.Locale;

/** The actions a plan can hold (contract.md), each with the words a marketer uses for it. Only service recovery is not marketing. */
public enum Action {
    SERVICE_RECOVERY("Put a problem right"),
    CART_RECOVERY("Cart reminder"),
    REPLENISHMENT_REMINDER("Refill reminder"),
    CROSS_SELL("Goes-with suggestion"),
    WIN_BACK("Win back"),
    ONBOARDING("Welcome"),
    VIP_CARE("VIP care"),
    NURTURE("Keep in touch"),
    /** A satisfaction survey (CSAT, CES or NPS, as the playbook's care section says): after a ticket or a first order. */
    FEEDBACK_REQUEST("Ask how we did");

    /** A customer with no order for this many days has lapsed: win-back's trigger, and whom used-to-buy picks are for. */
    public static final int LAPSED_AFTER_DAYS = 90;

    private final String label;

    Action(String label) {
        this.label = label;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action in a marketer's words (the report's legend). */
    public String label() {
        return label;
    }

    public boolean isMarketing() {
        return this != SERVICE_RECOVERY;
    }

    public static Action fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
