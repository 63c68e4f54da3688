package io.fideliza.plan;

import io.fideliza.config.Measurement;
import io.fideliza.contract.Action;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;

/**
 * The control group draw: a customer is held out of an action when a hash of (customer, action, period) falls
 * below the action's share. The same customer stays in or out for the whole period, whatever the night, the
 * machine or the order of the rows; anyone can redo the draw from the three values (see {@link #draw}).
 */
public final class ControlGroup implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Measurement measurement;
    private final String period;

    public ControlGroup(Measurement measurement, LocalDate runDate) {
        this.measurement = measurement;
        this.period = measurement.period().label(runDate);
    }

    /** Whether the customer is held out of {@code action} this period. */
    public boolean holdsOut(String customerId, Action action) {
        double share = measurement.controlShare(action);
        return share > 0 && draw(customerId, action, period) < share;
    }

    /**
     * A number in [0, 1), uniform over customers: the first 8 bytes of SHA-256("customer_id|action|period")
     * (UTF-8; period as 2026-Q3, 2026-07 or 2026) read as an unsigned integer, its top 53 bits over 2^53.
     */
    public static double draw(String customerId, Action action, String period) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((customerId + "|" + action.code() + "|" + period).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xFF);
            }
            return (v >>> 11) * 0x1.0p-53;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
