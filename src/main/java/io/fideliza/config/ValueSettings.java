package io.fideliza.config;

import io.fideliza.contract.InputError;

/**
 * The customer-value model ({@code value.*}): the horizon churn risk and expected value look ahead, and the training
 * cadence (every {@code everyDays} days, and now when {@code refit}).
 */
public record ValueSettings(int horizonDays, int everyDays, boolean refit) {
    /** The shipped settings (jobs/nightly.yaml). */
    public static final ValueSettings DEFAULTS = new ValueSettings(90, 7, false);

    static ValueSettings from(ConfigKeys c) {
        ValueSettings s = new ValueSettings(c.integer("value.horizon_days"), c.integer("value.every_days"),
                c.bool("value.refit"));
        if (s.horizonDays() < 1 || s.everyDays() < 0) {
            throw new InputError(c.source() + ": value.horizon_days must be at least 1 and value.every_days at least 0");
        }
        return s;
    }

    public ValueSettings withRefit(boolean r) {
        return new ValueSettings(horizonDays, everyDays, r);
    }
}
