package io.fideliza.plan;

import static io.fideliza.plan.NextBestActionTest.CABLE;
import static io.fideliza.plan.NextBestActionTest.RUN;
import static io.fideliza.plan.NextBestActionTest.customer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.JobConfig;
import io.fideliza.config.Measurement;
import io.fideliza.config.Playbook;
import io.fideliza.contacts.ContactHistory;
import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.plan.ContactState.PastContact;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The playbook's contact policy in the decision, one customer at a time (run date 30 June, packaged playbook:
 * caps 2 per 7 days and 4 per 30 days with the last kept for cart, refill and welcome messages; cooldowns).
 * Control groups are drawn over the whole night's plans, not here ({@link ControlGroup}, ControlGroupTest).
 */
class ContactPolicyTest {
    static final Playbook PACKAGED = JobConfig.defaults().playbook();
    static final NextBestAction NBA = new NextBestAction(PACKAGED.with(PACKAGED.contactPolicy(), Measurement.NONE),
            RUN, 0);

    static PastContact sent(String day, Action a) {
        return new PastContact(LocalDate.parse(day), a, ContactHistory.SENT);
    }

    static PastContact scheduled(String day, Action a) {
        return new PastContact(LocalDate.parse(day), a, ContactHistory.SCHEDULED);
    }

    static ContactState contacts(PastContact... c) {
        return new ContactState(List.of(c), false, false, null, null, false);
    }

    static CustomerSituation loyal(List<CustomerSituation.Product> cart, ContactState state) {
        return customer("Loyal", false, true, 5, 10, null, cart, List.of(), List.of(CABLE), null).withContacts(state);
    }

    static CustomerSituation atRisk(ContactState state) {
        return customer("At risk", false, true, 4, 120, null, List.of(), List.of(), List.of(CABLE), null)
                .withContacts(state);
    }

    @Test
    void aSecondWinBackWaitsThirtyDaysAndTheNextActionOfTheListIsTried() {
        PlannedAction p = NBA.decide(atRisk(contacts(sent("2026-06-10", Action.WIN_BACK))));
        assertEquals(Action.CROSS_SELL, p.action(), "win back sent 21 days before 1 July: the list's next action");
        assertEquals(LocalDate.of(2026, 7, 2), p.sendOn());
        assertEquals(Action.WIN_BACK, NBA.decide(atRisk(contacts(sent("2026-06-01", Action.WIN_BACK)))).action(),
                "30 days after the first");
    }

    @Test
    void onboardingGoesOnceEvenWhenTheFirstIsOnlyScheduled() {
        CustomerSituation fresh = customer("New", false, true, 1, 20, LocalDate.of(2026, 6, 26), List.of(), List.of(),
                List.of(CABLE), null);
        assertEquals(Action.ONBOARDING, NBA.decide(fresh).action());
        PlannedAction again = NBA.decide(fresh.withContacts(contacts(scheduled("2026-07-03", Action.ONBOARDING))));
        assertEquals(Channel.NONE, again.channel(), "the welcome of 3 July also fills the week's cap for the others");
        assertTrue(again.reason().startsWith("held back: Welcome: once only (scheduled for 2026-07-03); Goes-with "
                + "suggestion: cap of 2 per 7 days reached"), again.reason());
        PlannedAction later = NBA.decide(fresh.withContacts(contacts(sent("2026-06-10", Action.ONBOARDING))));
        assertEquals(Action.CROSS_SELL, later.action(), "a welcome long ago: never again, the list goes on");
    }

    @Test
    void cartRecoveryGoesOncePerAbandonedCart() {
        ContactState reminded = new ContactState(List.of(sent("2026-06-20", Action.CART_RECOVERY)), false, false,
                LocalDate.of(2026, 6, 18), null, false);
        assertEquals(Action.CROSS_SELL, NBA.decide(loyal(List.of(CABLE), reminded)).action(),
                "the cart of 18 June was reminded on the 20th");
        ContactState newCart = new ContactState(reminded.contacts(), false, false, LocalDate.of(2026, 6, 25), null,
                false);
        assertEquals(Action.CART_RECOVERY, NBA.decide(loyal(List.of(CABLE), newCart)).action(),
                "a cart abandoned on the 25th, after the reminder");
    }

    @Test
    void theCapHoldsACustomerBackAndSaysWhy() {
        PlannedAction p = NBA.decide(loyal(List.of(), contacts(sent("2026-06-26", Action.NURTURE))));
        assertEquals(Channel.NONE, p.channel());
        assertNull(p.sendOn());
        assertEquals(List.of(), p.productIds());
        assertEquals(Action.CROSS_SELL, p.action(), "the action that would have gone");
        assertEquals("held back: Goes-with suggestion: cap of 2 per 7 days reached (1 from 2026-06-26 to 2026-07-02; "
                + "the last one is kept for cart, refill and welcome messages); Keep in touch: in its 14-day cooldown "
                + "(sent on 2026-06-26)", p.reason());
    }

    @Test
    void thePriorityActionsMayTakeTheLastContactACapAllows() {
        PlannedAction p = NBA.decide(loyal(List.of(CABLE), contacts(sent("2026-06-26", Action.NURTURE))));
        assertEquals(Action.CART_RECOVERY, p.action());
        assertEquals(LocalDate.of(2026, 7, 1), p.sendOn());
        PlannedAction full = NBA.decide(loyal(List.of(CABLE), contacts(sent("2026-06-26", Action.NURTURE),
                scheduled("2026-07-02", Action.CROSS_SELL))));
        assertEquals(Channel.NONE, full.channel(), "two in the week already: not even a cart reminder");
        assertTrue(full.reason().startsWith("held back: Cart reminder: cap of 2 per 7 days reached (2 from "
                + "2026-06-26 to 2026-07-02)"), full.reason());
    }

    @Test
    void theMonthlyCapCountsEveryWindowThatHoldsTheSendDay() {
        // Three marketing contacts in the 30 days to 2 July: the goes-with suggestion (2 July) would be a fourth,
        // over the three the cap leaves it; keep in touch goes on 7 July, when 5 June has left the window.
        ContactState three = contacts(sent("2026-06-05", Action.NURTURE), sent("2026-06-12", Action.VIP_CARE),
                sent("2026-06-19", Action.WIN_BACK));
        PlannedAction p = NBA.decide(loyal(List.of(), three));
        assertEquals(Action.NURTURE, p.action());
        assertEquals(LocalDate.of(2026, 7, 7), p.sendOn());
        assertEquals(Action.CART_RECOVERY, NBA.decide(loyal(List.of(CABLE), three)).action(),
                "a cart reminder may be the fourth");
        PlannedAction four = NBA.decide(loyal(List.of(CABLE), contacts(sent("2026-06-05", Action.NURTURE),
                sent("2026-06-12", Action.VIP_CARE), sent("2026-06-19", Action.WIN_BACK),
                sent("2026-06-22", Action.CROSS_SELL))));
        assertTrue(four.reason().startsWith("held back: Cart reminder: cap of 4 per 30 days reached (4 from "
                + "2026-06-02 to 2026-07-01)"), four.reason());
    }

    @Test
    void serviceRecoveryIsExemptFromCapsButNotRepeatedWhileItsTicketIsOpen() {
        CustomerSituation unhappy = customer("Loyal", true, true, 5, 10, null, List.of(CABLE), List.of(), List.of(CABLE),
                null);
        ContactState busy = new ContactState(List.of(sent("2026-06-26", Action.NURTURE),
                sent("2026-06-27", Action.CROSS_SELL)), false, false, null, LocalDate.of(2026, 6, 20), true);
        assertEquals(Action.SERVICE_RECOVERY, NBA.decide(unhappy.withContacts(busy)).action(), "no cap applies");
        assertEquals(Channel.PHONE, NBA.decide(unhappy.withContacts(busy)).channel());
        ContactState called = new ContactState(List.of(sent("2026-06-22", Action.SERVICE_RECOVERY)), false, false,
                null, LocalDate.of(2026, 6, 20), true);
        PlannedAction waiting = NBA.decide(unhappy.withContacts(called));
        assertEquals(Action.SERVICE_RECOVERY, waiting.action());
        assertEquals(Channel.NONE, waiting.channel());
        assertEquals("open support ticket: already contacted on 2026-06-22; waiting for the ticket to be resolved, "
                + "no marketing meanwhile", waiting.reason());
        ContactState newTicket = new ContactState(called.contacts(), false, false, null, LocalDate.of(2026, 6, 25),
                true);
        assertEquals(Channel.PHONE, NBA.decide(unhappy.withContacts(newTicket)).channel(),
                "a ticket opened after the call is a new problem");
        ContactState lowScoreCalled = new ContactState(called.contacts(), false, false, null,
                LocalDate.of(2026, 6, 20), false);
        assertEquals(Action.CART_RECOVERY, NBA.decide(unhappy.withContacts(lowScoreCalled)).action(),
                "a past low score was called about: marketing may follow");
    }

    @Test
    void anUnsubscribedCustomerGetsNoMarketingButStillACallAboutAProblem() {
        ContactState unsubscribed = new ContactState(List.of(), true, false, null, null, false);
        PlannedAction p = NBA.decide(loyal(List.of(CABLE), unsubscribed));
        assertEquals(Channel.NONE, p.channel());
        assertEquals("unsubscribed: no marketing", p.reason());
        CustomerSituation unhappy = customer("Loyal", true, true, 5, 10, null, List.of(), List.of(), List.of(), null);
        assertEquals(Action.SERVICE_RECOVERY, NBA.decide(unhappy.withContacts(unsubscribed)).action());
    }

    @Test
    void aBouncedEmailIsNotAChannel() {
        ContactState bounced = new ContactState(List.of(), false, true, null, null, false);
        assertEquals(Channel.PUSH, NBA.decide(loyal(List.of(CABLE), bounced)).channel(), "cart: email, push");
        assertEquals(Channel.SMS, NBA.decide(atRisk(bounced)).channel(), "win back: email, sms");
        // Keep in touch goes by email only: with the cross-sell in its cooldown nothing is left.
        PlannedAction p = NBA.decide(loyal(List.of(), new ContactState(List.of(sent("2026-06-01", Action.CROSS_SELL),
                sent("2026-06-25", Action.CROSS_SELL)), false, true, null, null, false)));
        assertEquals(Channel.NONE, p.channel());
        assertTrue(p.reason().endsWith("Keep in touch: their email bounces and the playbook has no other channel for "
                + "it"), p.reason());
    }
}
