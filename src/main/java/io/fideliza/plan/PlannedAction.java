package io.fideliza.plan;

import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/** One customer's next action: what, on which channel, when, with which products, and why. */
public record PlannedAction(String customerId, int segmentId, String segmentName, Action action, Channel channel,
                            LocalDate sendOn, int priority, List<String> productIds, List<String> productNames,
                            String offerId, String reason) implements Serializable {
}
