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
 * personal contact, never an offer), unless it was already made about the same problem; no marketing
 * without consent or after an unsubscribe; otherwise the first action of the segment's playbook whose
 * trigger holds and which the contact policy allows (its cooldown, the caps, a channel that is not a
 * bounced email), timed by the playbook. A targeting rule of the playbook that holds for the customer
 * replaces the segment's list. A customer no action is allowed for is held back (channel none) with the
 * reasons. Which of the customers an action picks are held out as its control group is decided over all of
 * them ({@link ControlGroup}).
 */
public final class NextBestAction implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Fixed urgency of each action: 1 is the most urgent. */
    static final List<Action> PRIORITY = List.of(Action.SERVICE_RECOVERY, Action.REPLENISHMENT_REMINDER,
            Action.CART_RECOVERY, Action.ONBOARDING, Action.WIN_BACK, Action.VIP_CARE, Action.CROSS_SELL, Action.NURTURE,
            Action.FEEDBACK_REQUEST);
    static final int ONBOARDING_DAYS = 30;
    static final int WIN_BACK_DAYS = Action.LAPSED_AFTER_DAYS;
    static final int RECOVERY_RECALL_DAYS = 30;
    static final String NOTHING_TO_SAY = "nothing_to_say";

    private final Playbook playbook;
    private final LocalDate runDate;
    private final int contactCapDays;
    private final ContactLimits limits;

    public NextBestAction(Playbook playbook, LocalDate runDate, int contactCapDays) {
        this.playbook = playbook;
        this.runDate = runDate;
        this.contactCapDays = contactCapDays;
        this.limits = new ContactLimits(playbook.contactPolicy());
    }

    public PlannedAction decide(CustomerSituation c) {
        String careReason = c.contacts().careReason();
        if (c.needsServiceRecovery() || careReason != null) {
            Reason why = c.recoveryReason() != null ? Reason.of("why_problem", c.recoveryReason())
                    : Reason.of("why_care_queue", careReason);
            // A problem the features do not date (a bad answer after a ticket): a call in the last month covers it.
            Optional<LocalDate> contacted = c.contacts().recoverySince() == null && careReason != null
                    ? limits.recoveryContactedSince(c.contacts(), runDate.minusDays(RECOVERY_RECALL_DAYS))
                    : limits.recoveryContacted(c.contacts());
            if (contacted.isEmpty()) {
                ActionRule rule = playbook.rule(Action.SERVICE_RECOVERY);
                return planned(c, rule, channel(rule, c), rule.timing().sendOn(runDate, null, null),
                        List.of(), why.then("recovery_contact"));
            }
            if (careReason != null || c.contacts().openTicket()) {
                // Selling to someone whose problem is still open, or who said the fix did not work, would undo the call.
                Reason already = why.then("recovery_contacted", contacted.get());
                return notContacted(c, Action.SERVICE_RECOVERY, (careReason == null ? already.then("waiting_ticket")
                        : already.then("care_queue_until", careReason)).then("no_marketing_meanwhile"));
            }
            // Contacted about a past low score, now out of the care queue: marketing may follow, within the policy.
        }
        if (!c.contactable()) {
            return notContacted(c, Action.NURTURE, Reason.of("no_consent"));
        }
        if (c.contacts().unsubscribed()) {
            return notContacted(c, Action.NURTURE, Reason.of("unsubscribed"));
        }
        Optional<PlannedAction> feedback = feedbackRequest(c);
        if (feedback.isPresent()) {
            return feedback.get();
        }
        Optional<TargetingRule> rule = playbook.rules().isEmpty() ? Optional.empty()
                : playbook.ruleFor(withSegment(c));
        List<Action> actions = new ArrayList<>(rule.map(TargetingRule::actions)
                .orElseGet(() -> playbook.actionsFor(c.segmentName())));
        if (!actions.contains(Action.NURTURE)) {
            actions.add(Action.NURTURE); // keeping in touch is the fallback of every list, when it has something to say
        }
        String ruleName = rule.map(TargetingRule::name).orElse(null);
        PlannedAction first = null;
        List<String> blocked = new ArrayList<>();
        for (Action action : actions) {
            Optional<PlannedAction> planned = tryAction(action, c);
            if (planned.isEmpty() || isEmpty(planned.get())) {
                continue;
            }
            PlannedAction p = capped(planned.get(), c).byRule(ruleName);
            Optional<String> block = allowed(p, c);
            if (block.isEmpty()) {
                return p;
            }
            first = first == null ? p : first;
            String note = action.label() + ": " + block.get();
            if (!blocked.contains(note)) {
                blocked.add(note);
            }
        }
        if (first == null) {
            // Every action of the list is empty for them tonight: a message with nothing in it is not sent.
            return notContacted(c, Action.NURTURE, Reason.of(NOTHING_TO_SAY)).byRule(ruleName);
        }
        return notContacted(c, first.action(), Reason.of("held_back", String.join("; ", blocked))).byRule(ruleName);
    }

    /**
     * The satisfaction request due (after a resolved ticket or a first order) on its planned day, or tomorrow if that
     * has passed; not when one went or is scheduled since the event, nor when the contact policy holds it back
     * (then the segment's list is tried).
     */
    private Optional<PlannedAction> feedbackRequest(CustomerSituation c) {
        ContactState.FeedbackDue due = c.contacts().feedback();
        if (due == null) {
            return Optional.empty();
        }
        boolean asked = c.contacts().contacts().stream()
                .anyMatch(p -> p.action() == Action.FEEDBACK_REQUEST && !p.day().isBefore(due.since()));
        if (asked) {
            return Optional.empty();
        }
        ActionRule rule = playbook.rule(Action.FEEDBACK_REQUEST);
        PlannedAction p = planned(c, rule, channel(rule, c), latest(due.dueOn(), runDate.plusDays(1)), List.of(),
                Reason.of("feedback", due.kind().toUpperCase(java.util.Locale.ROOT), due.about()));
        return allowed(p, c).isEmpty() ? Optional.of(p) : Optional.empty();
    }

    /** A marketing message with no product and no offer: nothing in it for the customer, so it is not sent. */
    static boolean isEmpty(PlannedAction p) {
        return p.productIds().isEmpty() && p.offerId() == null;
    }

    /** Why the contact policy does not let {@code p} go, if it does not. */
    private Optional<String> allowed(PlannedAction p, CustomerSituation c) {
        if (p.channel() == Channel.NONE) {
            return Optional.of("their email bounces and the playbook has no other channel for it");
        }
        return limits.cooldown(p.action(), p.sendOn(), c.contacts())
                .or(() -> limits.cap(p.action(), p.sendOn(), c.contacts()));
    }

    /** Nobody contacts the customer: channel none, no date, no products, and why. */
    private static PlannedAction notContacted(CustomerSituation c, Action action, Reason reason) {
        return new PlannedAction(c.customerId(), c.segmentId(), c.segmentName(), action, Channel.NONE, null,
                priority(action), List.of(), List.of(), null, reason);
    }

    /** The rule values with the customer's segment name, which rules may also compare. */
    private static java.util.Map<String, String> withSegment(CustomerSituation c) {
        java.util.Map<String, String> values = new java.util.HashMap<>(c.ruleValues());
        values.put(TargetingRule.SEGMENT_NAME, c.segmentName());
        return values;
    }

    private Optional<PlannedAction> tryAction(Action action, CustomerSituation c) {
        ActionRule rule = playbook.rule(action);
        return switch (action) {
            case REPLENISHMENT_REMINDER -> {
                if (c.dueConsumables().isEmpty()) {
                    yield Optional.empty();
                }
                List<Product> due = c.dueConsumables().stream()
                        .sorted(Comparator.comparing(Product::dueDate)).toList();
                Product first = due.get(0);
                LocalDate sendOn = rule.timing().sendOn(runDate, first.dueDate(), c.firstOrderDate());
                yield Optional.of(planned(c, rule, channel(rule, c), sendOn, andBrowsed(due, c), first.firstRefill()
                        ? Reason.of("first_refill_for", first.name(), first.becauseName())
                        : Reason.of("refill_due", first.name(), first.dueDate())));
            }
            case CART_RECOVERY -> c.abandonedCart().isEmpty() ? Optional.empty()
                    : Optional.of(planned(c, rule, channel(rule, c), sendOn(rule, c),
                    andBrowsed(c.abandonedCart(), c), Reason.of("cart_left", c.abandonedCart().get(0).name())));
            case ONBOARDING -> {
                if (c.orders() != 1 || c.firstOrderDate() == null
                        || c.firstOrderDate().isBefore(runDate.minusDays(ONBOARDING_DAYS))) {
                    yield Optional.empty();
                }
                LocalDate sendOn = sendOn(rule, c);
                // What goes with the first purchase when the evidence names it, then the refill it will need, then
                // what they looked at; popular picks only to fill, and the reason does not pretend they go with it.
                List<Product> refills = c.dueConsumables().stream().filter(p -> p.becauseName() != null).toList();
                yield fromHistory(c, rule, sendOn, Reason.of("welcome", c.firstOrderDate()), "and",
                        List.of(goesWith(c), refills, c.browsed()));
            }
            case WIN_BACK -> c.orders() < 1 || c.recencyDays() == null || c.recencyDays() < WIN_BACK_DAYS
                    ? Optional.empty()
                    // What they used to buy, what goes with what they own, what they looked at; popular to fill.
                    : fromHistory(c, rule, sendOn(rule, c), Reason.of("no_order", c.recencyDays()), "then",
                    List.of(c.usedToBuy(), goesWith(c), c.browsed()));
            case CROSS_SELL -> goesWith(c).isEmpty() ? Optional.empty()
                    : Optional.of(planned(c, rule, channel(rule, c), sendOn(rule, c), andBrowsed(goesWith(c), c),
                    Reason.of("goes_with", goesWith(c).get(0).name(), goesWith(c).get(0).becauseName())));
            case VIP_CARE -> fromHistory(c, rule, sendOn(rule, c), Reason.of("vip"), "then",
                    List.of(c.browsed(), goesWith(c)));
            // Keeping in touch is not a default for every free slot: without something of their own to say (what
            // they looked at, what goes with what they own), popular picks alone are a newsletter: no message.
            case NURTURE -> c.browsed().isEmpty() && goesWith(c).isEmpty() ? Optional.empty()
                    : fromHistory(c, rule, sendOn(rule, c), Reason.of("keep_in_touch"), "then",
                    List.of(c.browsed(), goesWith(c)));
            case SERVICE_RECOVERY, FEEDBACK_REQUEST -> Optional.empty();
        };
    }

    /** {@code first}, then what the customer looked at again and again lately (room permitting). */
    private static List<Product> andBrowsed(List<Product> first, CustomerSituation c) {
        List<Product> out = new ArrayList<>(first);
        c.browsed().stream().filter(p -> out.stream().noneMatch(q -> q.id().equals(p.id()))).forEach(out::add);
        return out;
    }

    /** The cross-sells that go with something the customer owns (the evidence names it). */
    private static List<Product> goesWith(CustomerSituation c) {
        return c.crossSell().stream().filter(p -> p.becauseName() != null).toList();
    }

    /**
     * An action's products from the customer's own history, in the order of {@code evidence}, then popular picks
     * they were not sent lately to fill the list; the reason names the first piece of evidence, or says the picks
     * are popular ones. Nothing to offer and no offer in the playbook: no message.
     */
    private Optional<PlannedAction> fromHistory(CustomerSituation c, ActionRule rule, LocalDate sendOn, Reason why,
                                                String joiner, List<List<Product>> evidence) {
        List<Product> products = new ArrayList<>();
        Reason reason = null;
        for (List<Product> kind : evidence) {
            for (Product p : kind) {
                if (products.stream().noneMatch(q -> q.id().equals(p.id()))) {
                    if (reason == null) {
                        reason = evidenceWords(c, p, why, joiner);
                    }
                    products.add(p);
                }
            }
        }
        List<Product> fill = new ArrayList<>(c.crossSell().stream().filter(p -> p.becauseName() == null).toList());
        fill.addAll(c.popular());
        for (Product p : fill) {
            if (products.size() >= rule.products()) {
                break;
            }
            if (!c.sentRecently().contains(p.id()) && products.stream().noneMatch(q -> q.id().equals(p.id()))) {
                products.add(p);
            }
        }
        if (reason == null) {
            reason = products.isEmpty() ? why : why.then("popular_picks");
        }
        return Optional.of(planned(c, rule, channel(rule, c), sendOn, products, reason));
    }

    /** {@code why}, then why {@code p} is for this customer in words true of its evidence ({@code joiner}: and, then). */
    private static Reason evidenceWords(CustomerSituation c, Product p, Reason why, String joiner) {
        if (c.usedToBuy().contains(p)) {
            return why.then(joiner + "_used_to_buy", p.name());
        }
        if (c.browsed().contains(p)) {
            return why.then(joiner + "_looked_at", p.name());
        }
        if (p.firstRefill()) {
            return why.then(joiner + "_refill_for", p.name(), p.becauseName());
        }
        if (p.id().equals(p.becauseId())) {
            return why.then(joiner + "_refill_of", p.name());
        }
        return why.then(joiner + "_goes_with", p.name(), p.becauseName());
    }

    /**
     * The customer's own preferred channel when the action allows it, else the action's first choice; a bounced
     * email is not a channel (none when the action has no other).
     */
    static Channel channel(ActionRule rule, CustomerSituation c) {
        List<Channel> usable = rule.channels().stream()
                .filter(ch -> ch != Channel.EMAIL || !c.contacts().emailBounced()).toList();
        for (Channel ch : usable) {
            if (ch.code().equals(c.preferredChannel())) {
                return ch;
            }
        }
        return usable.isEmpty() ? Channel.NONE : usable.get(0);
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
                p.why().then("held_by_cap", earliest));
    }

    private PlannedAction planned(CustomerSituation c, ActionRule rule, Channel channel, LocalDate sendOn,
                                  List<Product> products, Reason reason) {
        List<Product> chosen = products.stream().limit(rule.products()).toList();
        return new PlannedAction(c.customerId(), c.segmentId(), c.segmentName(), rule.action(), channel, sendOn,
                priority(rule.action()), chosen.stream().map(Product::id).collect(Collectors.toCollection(ArrayList::new)),
                chosen.stream().map(Product::name).collect(Collectors.toCollection(ArrayList::new)), rule.offer(), reason);
    }

    /** The playbook's timing for an action, from the customer's first order or the run date. */
    private LocalDate sendOn(ActionRule rule, CustomerSituation c) {
        return rule.timing().sendOn(runDate, null, c.firstOrderDate());
    }

    static int priority(Action a) {
        return PRIORITY.indexOf(a) + 1;
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
