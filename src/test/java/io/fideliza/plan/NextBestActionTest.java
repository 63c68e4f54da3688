package io.fideliza.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.config.JobConfig;
import io.fideliza.config.Playbook;
import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.plan.CustomerSituation.Product;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class NextBestActionTest {
    static final LocalDate RUN = LocalDate.of(2026, 6, 30);
    static final Playbook PLAYBOOK = JobConfig.defaults().playbook();
    static final Product INK = new Product("P2", "Ink", LocalDate.of(2026, 7, 10), "P2");
    static final Product CABLE = new Product("P3", "Cable", null, "Printer");
    static final Product CAMERA = new Product("P9", "Camera", null, null);

    /** A loyal, contactable customer with nothing special going on; tests change one thing at a time. */
    static CustomerSituation customer(String segment, boolean recovery, boolean contactable, long orders,
                                      Integer recency, LocalDate firstOrder, List<Product> cart, List<Product> due,
                                      List<Product> crossSell, LocalDate lastSend) {
        return new CustomerSituation("C1", 4, segment, recovery, recovery ? "open support ticket" : null, contactable,
                "email", orders, recency, firstOrder, cart, due, crossSell, List.of(CAMERA), lastSend);
    }

    private final NextBestAction nba = new NextBestAction(PLAYBOOK, RUN, 0);

    @Test
    void serviceRecoveryComesFirstEvenWithoutConsentAndCarriesNoOffer() {
        PlannedAction p = nba.decide(customer("Loyal", true, false, 5, 10, null, List.of(CABLE), List.of(INK),
                List.of(CABLE), null));
        assertEquals(new PlannedAction("C1", 4, "Loyal", Action.SERVICE_RECOVERY, Channel.PHONE, RUN.plusDays(1), 1,
                List.of(), List.of(), "personal-call", Reason.of("why_problem", "open support ticket")
                .then("recovery_contact")), p);
        assertEquals("open support ticket: a personal contact to put it right, no offer", p.reason());
        assertEquals("why_problem+recovery_contact", p.reasonCode());
    }

    @Test
    void noConsentMeansNoMarketing() {
        PlannedAction p = nba.decide(customer("Loyal", false, false, 5, 10, null, List.of(CABLE), List.of(INK),
                List.of(CABLE), null));
        assertEquals(Action.NURTURE, p.action());
        assertEquals(Channel.NONE, p.channel());
        assertEquals(null, p.sendOn());
        assertEquals(List.of(), p.productIds());
    }

    @Test
    void replenishmentIsSentDaysBeforeTheDueDate() {
        PlannedAction p = nba.decide(customer("Loyal", false, true, 5, 10, null, List.of(CABLE), List.of(INK),
                List.of(CABLE), null));
        assertEquals(Action.REPLENISHMENT_REMINDER, p.action());
        assertEquals(LocalDate.of(2026, 7, 7), p.sendOn(), "3 days before the 10th");
        assertEquals(List.of("P2"), p.productIds());
        assertEquals(2, p.priority());
        assertEquals("due for a refill of Ink on 2026-07-10", p.reason());
    }

    @Test
    void anOverdueConsumableIsRemindedTomorrow() {
        Product overdue = new Product("P2", "Ink", LocalDate.of(2026, 6, 1), "P2");
        PlannedAction p = nba.decide(customer("Loyal", false, true, 5, 10, null, List.of(), List.of(overdue),
                List.of(), null));
        assertEquals(RUN.plusDays(1), p.sendOn());
    }

    @Test
    void cartRecoveryGoesOutTheNextDayWithTheCartProducts() {
        PlannedAction p = nba.decide(customer("Loyal", false, true, 5, 10, null, List.of(CABLE), List.of(),
                List.of(CAMERA), null));
        assertEquals(Action.CART_RECOVERY, p.action());
        assertEquals(RUN.plusDays(1), p.sendOn());
        assertEquals(List.of("P3"), p.productIds());
    }

    @Test
    void theSegmentPlaybookOrderDecides() {
        // At risk: win back comes before replenishment in the playbook.
        PlannedAction p = nba.decide(customer("At risk", false, true, 4, 120, null, List.of(), List.of(INK),
                List.of(CABLE), null));
        assertEquals(Action.WIN_BACK, p.action());
        assertEquals("no order for 120 days; Cable goes with their Printer", p.reason());
        assertEquals(List.of("P3", "P9"), p.productIds(),
                "win back offers what goes with what they own, then popular picks to fill");
    }

    @Test
    void onboardingIsTimedFromTheFirstOrder() {
        PlannedAction p = nba.decide(customer("New", false, true, 1, 20, LocalDate.of(2026, 6, 26), List.of(),
                List.of(), List.of(CABLE), null));
        assertEquals(Action.ONBOARDING, p.action());
        assertEquals(LocalDate.of(2026, 7, 3), p.sendOn(), "7 days after the first order");
        assertEquals(List.of("P3", "P9"), p.productIds());
        assertEquals("first order on 2026-06-26: welcome, and Cable goes with their Printer", p.reason());
        PlannedAction old = nba.decide(customer("New", false, true, 1, 40, LocalDate.of(2026, 5, 1), List.of(),
                List.of(), List.of(CABLE), null));
        assertEquals(Action.CROSS_SELL, old.action(), "a first order over 30 days ago is not onboarded");
        assertEquals("Cable goes with their Printer", old.reason());
    }

    @Test
    void onboardingOffersWhatGoesWithTheFirstPurchaseThenItsRefillAndNeverCallsPopularPicksAMatch() {
        Product firstRefill = new Product("P2", "Ink", LocalDate.of(2026, 7, 20), "P1", "Printer");
        Product unexplained = new Product("P8", "Mug", null, null);
        PlannedAction refill = nba.decide(customer("New", false, true, 1, 4, LocalDate.of(2026, 6, 26), List.of(),
                List.of(firstRefill), List.of(unexplained), null));
        assertEquals(Action.ONBOARDING, refill.action());
        assertEquals(List.of("P2", "P8"), refill.productIds(),
                "no goes-with evidence: the refill the device will need, then an unexplained pick to fill");
        assertEquals("first order on 2026-06-26: welcome, and Ink for their Printer", refill.reason());
        PlannedAction popular = nba.decide(customer("New", false, true, 1, 4, LocalDate.of(2026, 6, 26), List.of(),
                List.of(), List.of(), null));
        assertEquals(List.of("P9"), popular.productIds(), "nothing known to go with it: the popular picks");
        assertEquals("first order on 2026-06-26: welcome (picks popular with customers like them)", popular.reason());
    }

    @Test
    void theContactCapHoldsAMarketingActionBack() {
        NextBestAction capped = new NextBestAction(PLAYBOOK, RUN, 7);
        PlannedAction p = capped.decide(customer("Loyal", false, true, 5, 10, null, List.of(CABLE), List.of(),
                List.of(), LocalDate.of(2026, 6, 28)));
        assertEquals(Action.CART_RECOVERY, p.action());
        assertEquals(LocalDate.of(2026, 7, 5), p.sendOn());
        assertEquals("left Cable in the cart (held until 2026-07-05 by the contact cap)", p.reason());
        assertEquals("cart_left+held_by_cap", p.reasonCode());
        assertEquals(List.of("Cable", "2026-07-05"), p.reasonArgs());
        PlannedAction recovery = capped.decide(customer("Loyal", true, true, 5, 10, null, List.of(CABLE), List.of(),
                List.of(), LocalDate.of(2026, 6, 28)));
        assertEquals(RUN.plusDays(1), recovery.sendOn(), "service recovery is never held back");
    }

    @Test
    void thePreferredChannelWinsWhenTheActionAllowsIt() {
        CustomerSituation appUser = new CustomerSituation("C2", 1, "Loyal", false, null, true, "push", 3, 5, null,
                List.of(CABLE), List.of(), List.of(), List.of(), null);
        assertEquals(Channel.PUSH, nba.decide(appUser).channel());
        CustomerSituation socialComplainer = new CustomerSituation("C3", 1, "Loyal", true, "recent CSAT of 2 or less",
                true, "social", 3, 5, null, List.of(), List.of(), List.of(), List.of(), null);
        assertEquals(Channel.SOCIAL, nba.decide(socialComplainer).channel());
    }

    /** The packaged playbook with targeting rules added before the segment lists. */
    static Playbook withRules(String rules) {
        try (var in = JobConfig.class.getResourceAsStream("/fideliza/playbook.yaml")) {
            String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return Playbook.fromYaml(yaml.replace("\nsegments:", "\nrules:\n" + rules + "segments:"), "test playbook");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final Playbook BIG_SPENDERS = withRules("""
              lapsing big spenders:
                when: ["monetary >= 500", "recency_days >= 60"]
                actions: [vip_care]
              unhappy loyal:
                when: ["segment_name == Loyal", "nps_group == detractor"]
                actions: [nurture]
            """);

    static CustomerSituation spender(String segment, boolean recovery, boolean contactable, Integer recency,
                                     java.util.Map<String, String> values) {
        CustomerSituation c = customer(segment, recovery, contactable, 6, recency, null, List.of(CABLE), List.of(),
                List.of(CABLE), null);
        return new CustomerSituation(c.customerId(), c.segmentId(), c.segmentName(), c.needsServiceRecovery(),
                c.recoveryReason(), c.contactable(), c.preferredChannel(), c.orders(), c.recencyDays(),
                c.firstOrderDate(), c.abandonedCart(), c.dueConsumables(), c.crossSell(), c.popular(),
                c.lastMarketingSendOn(), values);
    }

    @Test
    void theFirstTargetingRuleThatHoldsReplacesTheSegmentsList() {
        NextBestAction rules = new NextBestAction(BIG_SPENDERS, RUN, 0);
        PlannedAction lapsing = rules.decide(spender("At risk", false, true, 120,
                java.util.Map.of("monetary", "812.5", "recency_days", "120")));
        assertEquals(new PlannedAction("C1", 4, "At risk", Action.VIP_CARE, Channel.EMAIL, RUN.plusDays(3), 6,
                List.of("P3", "P9"), List.of("Cable", "Camera"), "vip-preview",
                Reason.of("vip").then("then_goes_with", "Cable", "Printer"), "lapsing big spenders"), lapsing);
        assertEquals("one of our best customers: early access and personal attention; Cable goes with their Printer",
                lapsing.reason());
        PlannedAction small = rules.decide(spender("At risk", false, true, 120,
                java.util.Map.of("monetary", "120.0", "recency_days", "120")));
        assertEquals(Action.WIN_BACK, small.action(), "below 500 the At risk list applies");
        assertEquals(null, small.playbookRule());
        PlannedAction loyalDetractor = rules.decide(spender("Loyal", false, true, 10,
                java.util.Map.of("monetary", "120.0", "recency_days", "10", "nps_group", "detractor")));
        assertEquals(Action.NURTURE, loyalDetractor.action(), "segment_name is a column rules can compare");
        assertEquals("unhappy loyal", loyalDetractor.playbookRule());
        PlannedAction unknownSpend = rules.decide(spender("At risk", false, true, 120,
                java.util.Map.of("recency_days", "120")));
        assertEquals(Action.WIN_BACK, unknownSpend.action(), "a missing value never satisfies a condition");
    }

    @Test
    void theDefaultPlaybookSendsLapsingCustomersOfAGoodSegmentWinBackOrVipCareNotItsList() {
        // A Loyal customer silent for 120 days, twice their segment's usual gap: the Loyal list would try the cart.
        PlannedAction lapsing = nba.decide(spender("Loyal", false, true, 120,
                java.util.Map.of("lifecycle", "lapsing", "m_score", "2")));
        assertEquals(new PlannedAction("C1", 4, "Loyal", Action.WIN_BACK, Channel.EMAIL, RUN.plusDays(1), 5,
                List.of("P3", "P9"), List.of("Cable", "Camera"), "win-back-10",
                Reason.of("no_order", 120).then("then_goes_with", "Cable", "Printer"), "lapsing customers"), lapsing);
        assertEquals("no order for 120 days; Cable goes with their Printer", lapsing.reason());
        assertEquals(List.of("120", "Cable", "Printer"), lapsing.reasonArgs());
        PlannedAction bigSpender = nba.decide(spender("Loyal", false, true, 120,
                java.util.Map.of("lifecycle", "lapsing", "m_score", "5")));
        assertEquals(Action.VIP_CARE, bigSpender.action());
        assertEquals("lapsing big spenders", bigSpender.playbookRule());
        PlannedAction champion = nba.decide(spender("Loyal", false, true, 5,
                java.util.Map.of("lifecycle", "champion", "m_score", "5")));
        assertEquals(Action.VIP_CARE, champion.action(), "RFM champions get VIP care whatever their segment's name");
        assertEquals("champions", champion.playbookRule());
        PlannedAction usual = nba.decide(spender("Loyal", false, true, 20,
                java.util.Map.of("lifecycle", "active", "m_score", "5")));
        assertEquals(Action.CART_RECOVERY, usual.action(), "an active customer follows the segment's list");
        assertEquals(null, usual.playbookRule());
    }

    @Test
    void serviceRecoveryAndConsentComeBeforeAnyTargetingRule() {
        NextBestAction rules = new NextBestAction(BIG_SPENDERS, RUN, 0);
        java.util.Map<String, String> big = java.util.Map.of("monetary", "900", "recency_days", "75");
        assertEquals(Action.SERVICE_RECOVERY, rules.decide(spender("At risk", true, true, 75, big)).action());
        PlannedAction noConsent = rules.decide(spender("At risk", false, false, 75, big));
        assertEquals(Channel.NONE, noConsent.channel());
        assertEquals(null, noConsent.playbookRule());
    }

    @Test
    void aRuleThatCannotBeReadIsRefusedWithTheKeyAndTheReason() {
        assertEquals("test playbook: rules.r.when: 'spend' is not a customer_features column a rule can compare"
                + " (see README, customer_features; or segment_name, lifecycle, rfm_segment, r_score, f_score, m_score)",
                refusal("  r:\n    when: [\"spend >= 3\"]\n    actions: [nurture]\n"));
        assertEquals("test playbook: rules.r.when: 'orders >= many': >= compares numbers, and 'many' is not a number",
                refusal("  r:\n    when: [\"orders >= many\"]\n    actions: [nurture]\n"));
        assertEquals("test playbook: rules.r.actions: service_recovery always comes first and is not listed per "
                + "segment or rule", refusal("  r:\n    when: [\"orders >= 1\"]\n    actions: [service_recovery]\n"));
        assertEquals("test playbook: rules.r.wen: unknown key 'wen', did you mean 'when'?",
                refusal("  r:\n    wen: [\"orders >= 1\"]\n    actions: [nurture]\n"));
    }

    /** The message a playbook with these rules is refused with. */
    private static String refusal(String rules) {
        return org.junit.jupiter.api.Assertions.assertThrows(io.fideliza.contract.InputError.class,
                () -> withRules(rules)).getMessage();
    }

    // Issue 25: picks from the customer's own history, no empty sends, words that are true.

    static final Product TRIPOD = new Product("P7", "Tripod", null, "P7", "Tripod");
    static final Product MUG = new Product("P10", "Mug", null, null);
    static final Product OLD_INK = new Product("P2", "Ink", null, "P2", "Ink");
    static final Product CABLE_FOR_PRINTER = new Product("P3", "Cable", null, "P1", "Printer");

    static CustomerSituation lapsed(List<Product> usedToBuy, List<Product> crossSell, List<Product> browsed,
                                    List<Product> popular, java.util.Set<String> sent) {
        return new CustomerSituation("C1", 5, "Hibernating", false, null, true, "email", 3, 200, null, List.of(),
                List.of(), crossSell, popular, null).withPicks(usedToBuy, browsed, sent);
    }

    @Test
    void aWinBackOffersWhatTheyUsedToBuyThenWhatGoesWithWhatTheyOwnThenPopularToFill() {
        PlannedAction p = nba.decide(lapsed(List.of(OLD_INK), List.of(CABLE_FOR_PRINTER), List.of(), List.of(CAMERA),
                java.util.Set.of()));
        assertEquals(new PlannedAction("C1", 5, "Hibernating", Action.WIN_BACK, Channel.EMAIL, RUN.plusDays(1), 5,
                List.of("P2", "P3", "P9"), List.of("Ink", "Cable", "Camera"), "win-back-10",
                Reason.of("no_order", 200).then("then_used_to_buy", "Ink")), p);
        assertEquals("no order for 200 days; they used to buy Ink", p.reason());
    }

    @Test
    void aRepeatedWinBackDoesNotRepeatThePopularPicksSentLately() {
        PlannedAction p = nba.decide(lapsed(List.of(), List.of(), List.of(), List.of(CAMERA, MUG), java.util.Set.of("P9")));
        assertEquals(List.of("P10"), p.productIds());
        assertEquals("no order for 200 days (picks popular with customers like them)", p.reason());
    }

    @Test
    void whatTheyLookedAtAgainAndAgainComesFirstInKeepingInTouch() {
        CustomerSituation c = new CustomerSituation("C1", 6, "Window shoppers", false, null, true, "email", 0, null,
                null, List.of(), List.of(), List.of(), List.of(CAMERA), null)
                .withPicks(List.of(), List.of(TRIPOD), java.util.Set.of());
        PlannedAction p = nba.decide(c);
        assertEquals(Action.NURTURE, p.action());
        assertEquals(List.of("P7", "P9"), p.productIds());
        assertEquals("keep in touch; they looked at Tripod again and again lately", p.reason());
    }

    @Test
    void withNothingNewToSayTheCustomerIsNotContactedAndThePlanSaysSo() {
        CustomerSituation c = new CustomerSituation("C1", 6, "Window shoppers", false, null, true, "email", 0, null,
                null, List.of(), List.of(), List.of(), List.of(CAMERA), null)
                .withPicks(List.of(), List.of(), java.util.Set.of("P9"));
        PlannedAction p = nba.decide(c);
        assertEquals(new PlannedAction("C1", 6, "Window shoppers", Action.NURTURE, Channel.NONE, null, 8, List.of(),
                List.of(), null, Reason.of("nothing_to_say")), p);
        assertEquals("nothing new to say: no product, offer or news for them tonight, not contacted", p.reason());
    }

    @Test
    void aFirstRefillSaysWhichDeviceItIsForNotThatItIsDue() {
        Product paper = new Product("P4", "Photo Paper", RUN, "P1", "Printer");
        PlannedAction p = nba.decide(customer("Loyal", false, true, 5, 10, null, List.of(), List.of(paper),
                List.of(), null));
        assertEquals(Action.REPLENISHMENT_REMINDER, p.action());
        assertEquals("the first refill of Photo Paper for their Printer", p.reason());
    }

    @Test
    void popularPicksAloneAreNoReasonToKeepInTouch() {
        CustomerSituation c = new CustomerSituation("C1", 6, "Window shoppers", false, null, true, "email", 0, null,
                null, List.of(), List.of(), List.of(), List.of(CAMERA, MUG), null);
        PlannedAction p = nba.decide(c);
        assertEquals(Channel.NONE, p.channel());
        assertEquals("nothing new to say: no product, offer or news for them tonight, not contacted", p.reason());
    }

    @Test
    void aRefillReminderAlsoCarriesWhatTheyLookedAt() {
        CustomerSituation c = customer("Loyal", false, true, 5, 10, null, List.of(), List.of(INK), List.of(), null)
                .withPicks(List.of(), List.of(TRIPOD), java.util.Set.of());
        assertEquals(List.of("P2", "P7"), nba.decide(c).productIds());
    }
}
