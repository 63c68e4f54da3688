package io.fideliza.plan;

import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * One customer's next action: what, on which channel, when, with which products, and why ({@code reason} in English,
 * {@code reasonCode} and {@code reasonArgs} for the exports to say it in the customer's language, {@link Reason});
 * {@code playbookRule} names the targeting rule that chose the action list (null: the segment's list);
 * {@code control}: held out as the action's control group, planned but never sent.
 */
public record PlannedAction(String customerId, int segmentId, String segmentName, Action action, Channel channel,
                            LocalDate sendOn, int priority, List<String> productIds, List<String> productNames,
                            String offerId, String reason, String playbookRule, boolean control, String reasonCode,
                            List<String> reasonArgs)
        implements Serializable {

    public PlannedAction(String customerId, int segmentId, String segmentName, Action action, Channel channel,
                         LocalDate sendOn, int priority, List<String> productIds, List<String> productNames,
                         String offerId, Reason why, String playbookRule, boolean control) {
        this(customerId, segmentId, segmentName, action, channel, sendOn, priority, productIds, productNames, offerId,
                why.english(), playbookRule, control, why.code(), why.args());
    }

    /** An action to send (not held out as control). */
    public PlannedAction(String customerId, int segmentId, String segmentName, Action action, Channel channel,
                         LocalDate sendOn, int priority, List<String> productIds, List<String> productNames,
                         String offerId, Reason why, String playbookRule) {
        this(customerId, segmentId, segmentName, action, channel, sendOn, priority, productIds, productNames, offerId,
                why, playbookRule, false);
    }

    /** An action chosen from the segment's list, or one that no list decides (service recovery, no consent). */
    public PlannedAction(String customerId, int segmentId, String segmentName, Action action, Channel channel,
                         LocalDate sendOn, int priority, List<String> productIds, List<String> productNames,
                         String offerId, Reason why) {
        this(customerId, segmentId, segmentName, action, channel, sendOn, priority, productIds, productNames, offerId,
                why, null);
    }

    /** Why, as codes and arguments. */
    public Reason why() {
        return new Reason(reasonCode, reasonArgs);
    }

    PlannedAction byRule(String rule) {
        return new PlannedAction(customerId, segmentId, segmentName, action, channel, sendOn, priority, productIds,
                productNames, offerId, reason, rule, control, reasonCode, reasonArgs);
    }
}
