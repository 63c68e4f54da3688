package io.fideliza.plan;

import io.fideliza.contract.Action;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * What the caps, cooldowns and service recovery need to know about a customer's contacts as of the run date.
 *
 * @param contacts            sent, scheduled and held-out contacts of the contact history, any order
 * @param unsubscribed        the customer unsubscribed from a message: no more marketing
 * @param emailBounced        their latest email bounced: email is not a channel for them
 * @param lastAbandonedCart   the day of their newest recent abandoned cart add (null: none)
 * @param recoverySince       the day the problem behind service recovery arose (null: no problem)
 * @param openTicket          the problem is a ticket still open
 * @param careReason          why a ticket of theirs is in tonight's care queue (null: none is): no marketing
 * @param feedback            the satisfaction request due (null: none)
 */
public record ContactState(List<PastContact> contacts, boolean unsubscribed, boolean emailBounced,
                           LocalDate lastAbandonedCart, LocalDate recoverySince, boolean openTicket, String careReason,
                           FeedbackDue feedback)
        implements Serializable {

    /** A customer outside the service loop: not in the care queue, no satisfaction request due. */
    public ContactState(List<PastContact> contacts, boolean unsubscribed, boolean emailBounced,
                        LocalDate lastAbandonedCart, LocalDate recoverySince, boolean openTicket) {
        this(contacts, unsubscribed, emailBounced, lastAbandonedCart, recoverySince, openTicket, null, null);
    }

    /**
     * A satisfaction request due: the survey (csat, ces, nps), the day of the event it is about, the day it is due,
     * and the event in words.
     */
    public record FeedbackDue(String kind, LocalDate since, LocalDate dueOn, String about) implements Serializable {
    }

    /** One contact: its day, its action, and whether it was sent, is scheduled, or was held out as control. */
    public record PastContact(LocalDate day, Action action, String kind) implements Serializable {
    }

    /** Nobody was ever contacted, nothing bounced, nobody unsubscribed. */
    public static final ContactState NONE = new ContactState(List.of(), false, false, null, null, false);
}
