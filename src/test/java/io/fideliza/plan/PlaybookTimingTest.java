package io.fideliza.plan;

import static io.fideliza.plan.NextBestActionTest.CABLE;
import static io.fideliza.plan.NextBestActionTest.INK;
import static io.fideliza.plan.NextBestActionTest.RUN;
import static io.fideliza.plan.NextBestActionTest.customer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.config.Playbook;
import io.fideliza.contract.Action;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The playbook's timing decides send_on as jobs/playbook.yaml documents it (run date 2026-06-30). */
class PlaybookTimingTest {
    /** The shipped playbook with one timing replaced. */
    private static NextBestAction with(String from, String to) throws IOException {
        String text = java.nio.file.Files.readString(Path.of("jobs/playbook.yaml"));
        if (!text.contains(from)) {
            throw new AssertionError("the shipped playbook has no '" + from + "'");
        }
        return new NextBestAction(Playbook.fromYaml(text.replace(from, to), "test playbook"), RUN, 0);
    }

    private static final String REFILL = "    timing: {days_before_due: 3}";
    private static final String WELCOME = "    timing: {days_after_first_order: 7}";
    private static final String CART = "    timing: {after_days: 1}\n    products: 3\n    offer: cart-reminder";

    /** A loyal customer whose ink is due on 2026-07-10. */
    private static CustomerSituation refill() {
        return customer("Loyal", false, true, 5, 10, null, List.of(), List.of(INK), List.of(CABLE), null);
    }

    /** A new customer whose first and only order was on 2026-06-26. */
    private static CustomerSituation newcomer() {
        return customer("New", false, true, 1, 4, LocalDate.of(2026, 6, 26), List.of(), List.of(), List.of(CABLE),
                null);
    }

    @Test
    void daysBeforeDueCountBackFromTheDueDate() throws IOException {
        assertEquals(LocalDate.of(2026, 7, 7), with(REFILL, REFILL).decide(refill()).sendOn());
        assertEquals(LocalDate.of(2026, 7, 5), with(REFILL, "    timing: {days_before_due: 5}").decide(refill())
                .sendOn());
        // Ten days before the 10th has passed: the day after the run date.
        assertEquals(LocalDate.of(2026, 7, 1), with(REFILL, "    timing: {days_before_due: 10}").decide(refill())
                .sendOn());
    }

    @Test
    void afterDaysOnTheRefillReminderCountFromTheRunDate() throws IOException {
        PlannedAction p = with(REFILL, "    timing: {after_days: 3}").decide(refill());
        assertEquals(Action.REPLENISHMENT_REMINDER, p.action());
        assertEquals(LocalDate.of(2026, 7, 3), p.sendOn(), "3 days after the run date, whatever the due date");
    }

    @Test
    void daysAfterFirstOrderCountFromTheFirstOrder() throws IOException {
        assertEquals(LocalDate.of(2026, 7, 3), with(WELCOME, WELCOME).decide(newcomer()).sendOn());
        assertEquals(LocalDate.of(2026, 7, 1), with(WELCOME, "    timing: {days_after_first_order: 2}")
                .decide(newcomer()).sendOn(), "the 28th has passed: the day after the run date");
        PlannedAction fromRun = with(WELCOME, "    timing: {after_days: 2}").decide(newcomer());
        assertEquals(Action.ONBOARDING, fromRun.action());
        assertEquals(LocalDate.of(2026, 7, 2), fromRun.sendOn(), "after_days counts from the run date");
    }

    @Test
    void afterDaysCountFromTheRunDate() throws IOException {
        CustomerSituation cart = customer("Loyal", false, true, 5, 10, null, List.of(CABLE), List.of(), List.of(),
                null);
        assertEquals(LocalDate.of(2026, 7, 1), with(CART, CART).decide(cart).sendOn());
        assertEquals(LocalDate.of(2026, 7, 4), with(CART, CART.replace("after_days: 1", "after_days: 4"))
                .decide(cart).sendOn());
        assertEquals(LocalDate.of(2026, 6, 30), with(CART, CART.replace("after_days: 1", "after_days: 0"))
                .decide(cart).sendOn(), "0: on the run date itself");
    }

    @Test
    void theTimingRecordComputesEachBase() {
        LocalDate due = LocalDate.of(2026, 7, 20);
        LocalDate first = LocalDate.of(2026, 6, 25);
        assertEquals(LocalDate.of(2026, 7, 5), new Playbook.Timing(Playbook.TimingBase.AFTER_RUN_DATE, 5)
                .sendOn(RUN, due, first));
        assertEquals(LocalDate.of(2026, 7, 15), new Playbook.Timing(Playbook.TimingBase.BEFORE_DUE, 5)
                .sendOn(RUN, due, first));
        assertEquals(LocalDate.of(2026, 7, 1), new Playbook.Timing(Playbook.TimingBase.AFTER_FIRST_ORDER, 5)
                .sendOn(RUN, due, first), "the 30th is the run date: not before the day after it");
        assertEquals(LocalDate.of(2026, 7, 2), new Playbook.Timing(Playbook.TimingBase.AFTER_FIRST_ORDER, 7)
                .sendOn(RUN, due, first));
    }
}
