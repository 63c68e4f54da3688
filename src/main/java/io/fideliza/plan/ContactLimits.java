package io.fideliza.plan;

import io.fideliza.config.ContactPolicy;
import io.fideliza.config.ContactPolicy.Cap;
import io.fideliza.config.ContactPolicy.Cooldown;
import io.fideliza.contract.Action;
import io.fideliza.plan.ContactState.PastContact;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The playbook's contact policy applied to one customer: whether an action may go on a day given the contacts
 * sent, scheduled and held out around it (caps and cooldowns), and whether a service recovery was already made.
 * Each check returns why not, in words for the plan's reason, or nothing when the action may go.
 */
final class ContactLimits implements Serializable {
    private static final long serialVersionUID = 1L;
    private final ContactPolicy policy;

    ContactLimits(ContactPolicy policy) {
        this.policy = policy;
    }

    /** Why {@code action} may not go on {@code sendOn} because of its cooldown, if it may not. */
    Optional<String> cooldown(Action action, LocalDate sendOn, ContactState s) {
        Cooldown cd = policy.cooldown(action);
        List<PastContact> same = s.contacts().stream().filter(p -> p.action() == action)
                .sorted(java.util.Comparator.comparing(PastContact::day)).toList();
        if (same.isEmpty()) {
            return Optional.empty();
        }
        return switch (cd.kind()) {
            case DAYS -> same.stream()
                    // Before or after: a send an earlier run scheduled for later counts too.
                    .filter(p -> Math.abs(ChronoUnit.DAYS.between(p.day(), sendOn)) < cd.days())
                    .findFirst()
                    .map(p -> "in its " + cd.days() + "-day cooldown (" + when(p) + ")");
            case ONCE -> Optional.of("once only (" + when(same.get(0)) + ")");
            case NEW_CART -> {
                PastContact last = same.get(same.size() - 1);
                yield s.lastAbandonedCart() != null && s.lastAbandonedCart().isAfter(last.day()) ? Optional.empty()
                        : Optional.of("no cart abandoned since the last reminder (" + when(last) + ")");
            }
        };
    }

    private static String when(PastContact p) {
        return switch (p.kind()) {
            case io.fideliza.contacts.ContactHistory.SCHEDULED -> "scheduled for " + p.day();
            case io.fideliza.contacts.ContactHistory.HELD_OUT -> "held out as control on " + p.day();
            default -> "sent on " + p.day();
        };
    }

    /**
     * Why one more marketing contact on {@code sendOn} would break a cap, if it would: every window of a cap's
     * days that holds {@code sendOn} must stay within the cap (one short for actions without priority).
     */
    Optional<String> cap(Action action, LocalDate sendOn, ContactState s) {
        List<LocalDate> marketing = s.contacts().stream().filter(p -> p.action().isMarketing())
                .map(PastContact::day).toList();
        for (Cap cap : policy.caps()) {
            boolean reserved = !policy.priority().contains(action) && cap.contacts() >= 2;
            int allowed = reserved ? cap.contacts() - 1 : cap.contacts();
            for (int back = cap.days() - 1; back >= 0; back--) {
                LocalDate from = sendOn.minusDays(back);
                LocalDate to = from.plusDays(cap.days() - 1);
                long n = marketing.stream().filter(d -> !d.isBefore(from) && !d.isAfter(to)).count();
                if (n + 1 > allowed) {
                    return Optional.of("cap of " + cap.contacts() + " per " + cap.days() + " days reached (" + n
                            + " from " + from + " to " + to + (reserved
                            ? "; the last one is kept for cart, refill and welcome messages)" : ")"));
                }
            }
        }
        return Optional.empty();
    }

    /** The latest service recovery contact on or after the day its problem arose, if there was one. */
    Optional<LocalDate> recoveryContacted(ContactState s) {
        if (s.recoverySince() == null) {
            return Optional.empty();
        }
        return recoveryContactedSince(s, s.recoverySince());
    }

    /** The latest service recovery contact on or after {@code from}, if there was one. */
    Optional<LocalDate> recoveryContactedSince(ContactState s, LocalDate from) {
        return s.contacts().stream().filter(p -> p.action() == Action.SERVICE_RECOVERY)
                .map(PastContact::day).filter(d -> !d.isBefore(from)).max(LocalDate::compareTo);
    }
}
