package io.fideliza.plan;

import io.fideliza.config.Playbook;
import io.fideliza.config.Playbook.ActionRule;
import io.fideliza.config.TargetingRule;
import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.plan.CustomerSituation.Product;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The decision rule, one customer at a time: service recovery first for anyone who needs it (a
 * personal contact, never an offer); no marketing without consent; otherwise the first action of the
 * segment's playbook whose trigger holds, timed by the playbook and held back by the contact cap. A
 * targeting rule of the playbook that holds for the customer replaces the segment's list.
 */
public final class NextBestAction implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Fixed urgency of each action: 1 is the most urgent. */
    static final List<Action> PRIORITY = List.of(Action.SERVICE_RECOVERY, Action.REPLENISHMENT_REMINDER,
            Action.CART_RECOVERY, Action.ONBOARDING, Action.WIN_BACK, Action.VIP_CARE, Action.CROSS_SELL, Action.NURTURE);
    static final int ONBOARDING_DAYS = 30;
    static final int WIN_BACK_DAYS = 90;

    private final Playbook playbook;
    private final LocalDate runDate;
    private final int contactCapDays;

    public NextBestAction(Playbook playbook, LocalDate runDate, int contactCapDays) {
        this.playbook = playbook;
        this.runDate = runDate;
        this.contactCapDays = contactCapDays;
    }

    public PlannedAction decide(CustomerSituation c) {
        if (c.needsServiceRecovery()) {
            ActionRule rule = playbook.rule(Action.SERVICE_RECOVERY);
            return planned(c, rule, channel(rule, c), runDate.plusDays(rule.timing().days()), List.of(),
                    c.recoveryReason() + ": a personal contact to put it right, no offer");
        }
        if (!c.contactable()) {
            return new PlannedAction(c.customerId(), c.segmentId(), c.segmentName(), Action.NURTURE, Channel.NONE,
                    null, priority(Action.NURTURE), List.of(), List.of(), null,
                    "no marketing consent: not contacted");
        }
        Optional<TargetingRule> rule = playbook.rules().isEmpty() ? Optional.empty()
                : playbook.ruleFor(withSegment(c));
        List<Action> actions = rule.map(TargetingRule::actions).orElseGet(() -> playbook.actionsFor(c.segmentName()));
        String ruleName = rule.map(TargetingRule::name).orElse(null);
        for (Action action : actions) {
            Optional<PlannedAction> planned = tryAction(action, c);
            if (planned.isPresent()) {
                return capped(planned.get(), c).byRule(ruleName);
            }
        }
        return capped(tryAction(Action.NURTURE, c).orElseThrow(), c).byRule(ruleName);
    }

    /** The rule values with the customer's segment name, which rules may also compare. */
    private static java.util.Map<String, String> withSegment(CustomerSituation c) {
        java.util.Map<String, String> values = new java.util.HashMap<>(c.ruleValues());
        values.put(TargetingRule.SEGMENT_NAME, c.segmentName());
        return values;
    }

    private Optional<PlannedAction> tryAction(Action action, CustomerSituation c) {
        ActionRule rule = playbook.rule(action);
        LocalDate tomorrow = runDate.plusDays(1);
        List<Product> recs = !c.crossSell().isEmpty() ? c.crossSell() : c.popular();
        return switch (action) {
            case REPLENISHMENT_REMINDER -> {
                if (c.dueConsumables().isEmpty()) {
                    yield Optional.empty();
                }
                List<Product> due = c.dueConsumables().stream()
                        .sorted(Comparator.comparing(Product::dueDate)).toList();
                LocalDate sendOn = latest(due.get(0).dueDate().minusDays(rule.timing().days()), tomorrow);
                yield Optional.of(planned(c, rule, channel(rule, c), sendOn, due,
                        "due for a refill of " + due.get(0).name() + " on " + due.get(0).dueDate()));
            }
            case CART_RECOVERY -> c.abandonedCart().isEmpty() ? Optional.empty()
                    : Optional.of(planned(c, rule, channel(rule, c), runDate.plusDays(rule.timing().days()),
                    c.abandonedCart(), "left " + c.abandonedCart().get(0).name() + " in the cart"));
            case ONBOARDING -> {
                if (c.orders() != 1 || c.firstOrderDate() == null
                        || c.firstOrderDate().isBefore(runDate.minusDays(ONBOARDING_DAYS))) {
                    yield Optional.empty();
                }
                LocalDate sendOn = latest(c.firstOrderDate().plusDays(rule.timing().days()), tomorrow);
                yield Optional.of(planned(c, rule, channel(rule, c), sendOn, recs,
                        "first order on " + c.firstOrderDate() + ": welcome and what goes with it"));
            }
            case WIN_BACK -> c.orders() < 1 || c.recencyDays() == null || c.recencyDays() < WIN_BACK_DAYS
                    ? Optional.empty()
                    : Optional.of(planned(c, rule, channel(rule, c), runDate.plusDays(rule.timing().days()), recs,
                    "no order for " + c.recencyDays() + " days"));
            case CROSS_SELL -> c.crossSell().isEmpty() ? Optional.empty()
                    : Optional.of(planned(c, rule, channel(rule, c), runDate.plusDays(rule.timing().days()),
                    c.crossSell(), c.crossSell().get(0).becauseName() == null
                            ? "chosen by customers who shop like them: " + c.crossSell().get(0).name()
                            : c.crossSell().get(0).name() + " goes with their " + c.crossSell().get(0).becauseName()));
            case VIP_CARE -> Optional.of(planned(c, rule, channel(rule, c), runDate.plusDays(rule.timing().days()),
                    recs, "one of our best customers: early access and personal attention"));
            case NURTURE -> Optional.of(planned(c, rule, channel(rule, c), runDate.plusDays(rule.timing().days()),
                    recs, recs.isEmpty() ? "keep in touch" : "keep in touch with " + recs.get(0).name()));
            case SERVICE_RECOVERY -> Optional.empty();
        };
    }

    /** The customer's own preferred channel when the action allows it, else the action's first choice. */
    static Channel channel(ActionRule rule, CustomerSituation c) {
        for (Channel ch : rule.channels()) {
            if (ch.code().equals(c.preferredChannel())) {
                return ch;
            }
        }
        return rule.channels().isEmpty() ? Channel.NONE : rule.channels().get(0);
    }

    /** At most one marketing action per customer within contact_cap_days: a later one waits its turn. */
    private PlannedAction capped(PlannedAction p, CustomerSituation c) {
        if (contactCapDays <= 0 || c.lastMarketingSendOn() == null || p.sendOn() == null) {
            return p;
        }
        LocalDate earliest = c.lastMarketingSendOn().plusDays(contactCapDays);
        if (!p.sendOn().isBefore(earliest)) {
            return p;
        }
        return new PlannedAction(p.customerId(), p.segmentId(), p.segmentName(), p.action(), p.channel(), earliest,
                p.priority(), p.productIds(), p.productNames(), p.offerId(),
                p.reason() + " (held until " + earliest + " by the contact cap)");
    }

    private PlannedAction planned(CustomerSituation c, ActionRule rule, Channel channel, LocalDate sendOn,
                                  List<Product> products, String reason) {
        List<Product> chosen = products.stream().limit(rule.products()).toList();
        return new PlannedAction(c.customerId(), c.segmentId(), c.segmentName(), rule.action(), channel, sendOn,
                priority(rule.action()), chosen.stream().map(Product::id).collect(Collectors.toCollection(ArrayList::new)),
                chosen.stream().map(Product::name).collect(Collectors.toCollection(ArrayList::new)), rule.offer(), reason);
    }

    static int priority(Action a) {
        return PRIORITY.indexOf(a) + 1;
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
