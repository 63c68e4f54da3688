package io.fideliza.plan;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything the next-best-action decision needs to know about one customer as of the run date.
 *
 * @param lastMarketingSendOn the latest marketing send date in earlier plans, for the contact cap (may be null)
 * @param ruleValues          the values the playbook's targeting rules compare, as text (null when missing)
 * @param contacts            the customer's contact history, for caps, cooldowns and service recovery
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
        LocalDate lastMarketingSendOn,
        Map<String, String> ruleValues,
        ContactState contacts) implements Serializable {

    /** A customer without contact history. */
    public CustomerSituation(String customerId, int segmentId, String segmentName, boolean needsServiceRecovery,
                             String recoveryReason, boolean contactable, String preferredChannel, long orders,
                             Integer recencyDays, LocalDate firstOrderDate, List<Product> abandonedCart,
                             List<Product> dueConsumables, List<Product> crossSell, List<Product> popular,
                             LocalDate lastMarketingSendOn, Map<String, String> ruleValues) {
        this(customerId, segmentId, segmentName, needsServiceRecovery, recoveryReason, contactable, preferredChannel,
                orders, recencyDays, firstOrderDate, abandonedCart, dueConsumables, crossSell, popular,
                lastMarketingSendOn, ruleValues, ContactState.NONE);
    }

    /** This customer with another contact history. */
    public CustomerSituation withContacts(ContactState state) {
        return new CustomerSituation(customerId, segmentId, segmentName, needsServiceRecovery, recoveryReason,
                contactable, preferredChannel, orders, recencyDays, firstOrderDate, abandonedCart, dueConsumables,
                crossSell, popular, lastMarketingSendOn, ruleValues, state);
    }

    /** A customer for a playbook without targeting rules. */
    public CustomerSituation(String customerId, int segmentId, String segmentName, boolean needsServiceRecovery,
                             String recoveryReason, boolean contactable, String preferredChannel, long orders,
                             Integer recencyDays, LocalDate firstOrderDate, List<Product> abandonedCart,
                             List<Product> dueConsumables, List<Product> crossSell, List<Product> popular,
                             LocalDate lastMarketingSendOn) {
        this(customerId, segmentId, segmentName, needsServiceRecovery, recoveryReason, contactable, preferredChannel,
                orders, recencyDays, firstOrderDate, abandonedCart, dueConsumables, crossSell, popular,
                lastMarketingSendOn, Map.of(), ContactState.NONE);
    }

    /**
     * A product in a plan, with its name for the reason and the export; the due date for replenishment;
     * for cross-sell the name of the customer's product it goes with (may be null).
     */
    public record Product(String id, String name, LocalDate dueDate, String becauseName) implements Serializable {
    }
}
