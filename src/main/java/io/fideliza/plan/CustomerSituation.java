package io.fideliza.plan;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the next-best-action decision needs to know about one customer as of the run date.
 *
 * @param lastMarketingSendOn the latest marketing send date in earlier plans, for the contact cap (may be null)
 * @param ruleValues          the values the playbook's targeting rules compare, as text (null when missing)
 * @param contacts            the customer's contact history, for caps, cooldowns and service recovery
 * @param usedToBuy           the consumables a lapsed customer used to buy (kind used_to_buy)
 * @param browsed             what they looked at again and again lately and did not buy (kind browsed)
 * @param sentRecently        the products of their recent marketing sends: a repeated action offers others
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
        ContactState contacts,
        List<Product> usedToBuy,
        List<Product> browsed,
        Set<String> sentRecently) implements Serializable {

    /** A customer without used-to-buy or browsed picks, nothing sent recently. */
    public CustomerSituation(String customerId, int segmentId, String segmentName, boolean needsServiceRecovery,
                             String recoveryReason, boolean contactable, String preferredChannel, long orders,
                             Integer recencyDays, LocalDate firstOrderDate, List<Product> abandonedCart,
                             List<Product> dueConsumables, List<Product> crossSell, List<Product> popular,
                             LocalDate lastMarketingSendOn, Map<String, String> ruleValues, ContactState contacts) {
        this(customerId, segmentId, segmentName, needsServiceRecovery, recoveryReason, contactable, preferredChannel,
                orders, recencyDays, firstOrderDate, abandonedCart, dueConsumables, crossSell, popular,
                lastMarketingSendOn, ruleValues, contacts, List.of(), List.of(), Set.of());
    }

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
                crossSell, popular, lastMarketingSendOn, ruleValues, state, usedToBuy, browsed, sentRecently);
    }

    /** This customer with these used-to-buy and browsed picks and recently sent products. */
    public CustomerSituation withPicks(List<Product> usedToBuy, List<Product> browsed, Set<String> sentRecently) {
        return new CustomerSituation(customerId, segmentId, segmentName, needsServiceRecovery, recoveryReason,
                contactable, preferredChannel, orders, recencyDays, firstOrderDate, abandonedCart, dueConsumables,
                crossSell, popular, lastMarketingSendOn, ruleValues, contacts, usedToBuy, browsed, sentRecently);
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
     * the customer's product it goes with, or for a refill the product itself (both may be null).
     */
    public record Product(String id, String name, LocalDate dueDate, String becauseId, String becauseName)
            implements Serializable {
        public Product(String id, String name, LocalDate dueDate, String becauseName) {
            this(id, name, dueDate, null, becauseName);
        }

        /** A consumable's first refill, for the durable product that needs it (not a refill of itself). */
        public boolean firstRefill() {
            return becauseId != null && !becauseId.equals(id);
        }
    }
}
