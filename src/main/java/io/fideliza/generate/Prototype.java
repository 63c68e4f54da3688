package io.fideliza.generate;

/**
 * The behaviours the generator plants, with the share of customers each gets. Tests check that
 * segmentation recovers them.
 */
public enum Prototype {
    CHAMPION(0.10),
    LOYAL(0.18),
    NEW(0.12),
    AT_RISK(0.14),
    HIBERNATING(0.10),
    WINDOW_SHOPPER(0.12),
    CART_ABANDONER(0.12),
    UNHAPPY(0.12);

    private final double share;

    Prototype(double share) {
        this.share = share;
    }

    public double share() {
        return share;
    }

    static Prototype pick(double u) {
        double acc = 0;
        for (Prototype p : values()) {
            acc += p.share;
            if (u < acc) {
                return p;
            }
        }
        return UNHAPPY;
    }
}
