package io.fideliza.plan;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the next-best-action decision needs to know about one customer as of the run date.
 *
 * @param lastMarketingSendOn the latest marketing send date in earlier plans, for the contact cap (may be null)
 */
public record CustomerSituation(
        String customerId,
        int segmentId,
        String segmentName,
        boolean needsServiceRecovery,
        String recoveryReason,
        boolean contactable,
        String preferredChannel,
        long orders,
        Integer recencyDays,
        LocalDate firstOrderDate,
        List<Product> abandonedCart,
        List<Product> dueConsumables,
        List<Product> crossSell,
        List<Product> popular,
        LocalDate lastMarketingSendOn) implements Serializable {

    /**
     * A product in a plan, with its name for the reason and the export; the due date for replenishment;
     * for cross-sell the name of the customer's product it goes with (may be null).
     */
    public record Product(String id, String name, LocalDate dueDate, String becauseName) implements Serializable {
    }
}
