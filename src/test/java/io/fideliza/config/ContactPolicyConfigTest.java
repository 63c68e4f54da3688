package io.fideliza.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.ContactPolicy.Cap;
import io.fideliza.config.ContactPolicy.Cooldown;
import io.fideliza.config.ContactPolicy.CooldownKind;
import io.fideliza.contract.Action;
import io.fideliza.contract.InputError;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The playbook's contact_policy and measurement sections: on by default, overridable key by key, typos named. */
class ContactPolicyConfigTest {
    static final String ACTIONS_AND_SEGMENTS = packagedUpTo("\n# contact_policy:");

    static String packagedUpTo(String marker) {
        try (var in = ContactPolicyConfigTest.class.getResourceAsStream("/fideliza/playbook.yaml")) {
            String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return yaml.substring(0, yaml.indexOf(marker));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void capsCooldownsAndControlGroupsAreOnByDefault() {
        Playbook p = JobConfig.defaults().playbook();
        ContactPolicy c = p.contactPolicy();
        assertEquals(List.of(new Cap(2, 7), new Cap(4, 30)), c.caps());
        assertEquals(Set.of(Action.CART_RECOVERY, Action.REPLENISHMENT_REMINDER, Action.ONBOARDING), c.priority());
        assertEquals(new Cooldown(CooldownKind.NEW_CART, 0), c.cooldown(Action.CART_RECOVERY));
        assertEquals(new Cooldown(CooldownKind.ONCE, 0), c.cooldown(Action.ONBOARDING));
        assertEquals(new Cooldown(CooldownKind.DAYS, 30), c.cooldown(Action.WIN_BACK));
        assertEquals(new Cooldown(CooldownKind.DAYS, 21), c.cooldown(Action.REPLENISHMENT_REMINDER));
        Measurement m = p.measurement();
        assertEquals(0.10, m.controlShare(Action.WIN_BACK));
        assertEquals(0.0, m.controlShare(Action.SERVICE_RECOVERY), "service recovery: no control group by default");
        assertEquals(Measurement.ControlPeriod.QUARTER, m.period());
        assertEquals(14, m.windowDays(Action.CART_RECOVERY));
        assertEquals(30, m.windowDays(Action.WIN_BACK));
        assertEquals(7, m.refillDaysAfterDue());
    }

    @Test
    void aPlaybookThatLeavesTheSectionsOutGetsThePackagedDefaults() {
        Playbook own = Playbook.fromYaml(ACTIONS_AND_SEGMENTS, "own playbook");
        assertEquals(JobConfig.defaults().playbook().contactPolicy(), own.contactPolicy());
        assertEquals(JobConfig.defaults().playbook().measurement(), own.measurement());
    }

    @Test
    void aPlaybookOverridesKeyByKey() {
        Playbook own = Playbook.fromYaml(ACTIONS_AND_SEGMENTS + """
                contact_policy:
                  caps: []
                  cooldowns:
                    win_back: 60
                    nurture: once
                measurement:
                  control_groups:
                    share: 0.2
                    by_action:
                      service_recovery: 0.05
                """, "own playbook");
        assertEquals(List.of(), own.contactPolicy().caps(), "no caps");
        assertEquals(new Cooldown(CooldownKind.DAYS, 60), own.contactPolicy().cooldown(Action.WIN_BACK));
        assertEquals(new Cooldown(CooldownKind.ONCE, 0), own.contactPolicy().cooldown(Action.NURTURE));
        assertEquals(new Cooldown(CooldownKind.DAYS, 14), own.contactPolicy().cooldown(Action.CROSS_SELL),
                "the packaged cooldowns it leaves alone");
        assertEquals(0.2, own.measurement().controlShare(Action.CROSS_SELL));
        assertEquals(0.05, own.measurement().controlShare(Action.SERVICE_RECOVERY), "configurable, off by default");
        assertEquals(Map.of(Action.SERVICE_RECOVERY, 0.05), own.measurement().controlShareByAction());
    }

    @Test
    void mistakesAreNamedWithTheirKey() {
        assertEquals("p: contact_policy.cap: unknown key 'cap', did you mean 'caps'?",
                refusal("contact_policy:\n  cap: []\n"));
        assertEquals("p: contact_policy.cooldowns.win_back must be a number of days or once, not 'twice'",
                refusal("contact_policy:\n  cooldowns:\n    win_back: twice\n"));
        assertEquals("p: contact_policy.cooldowns.cart_recovery must be a number of days, once or new_cart, not 'never'",
                refusal("contact_policy:\n  cooldowns:\n    cart_recovery: never\n"));
        assertTrue(refusal("contact_policy:\n  cooldowns:\n    service_recovery: 3\n")
                .contains("service_recovery is not marketing"));
        assertTrue(refusal("contact_policy:\n  caps:\n    - {contacts: 0, days: 7}\n")
                .startsWith("p: contact_policy.caps: each cap is {contacts: N, days: D}"));
        assertEquals("p: measurement.control_groups.share must be a share from 0 (no control group) to below 1, not 1.5",
                refusal("measurement:\n  control_groups:\n    share: 1.5\n"));
        assertTrue(refusal("measurement:\n  window_days:\n    replenishment_reminder: 10\n")
                .contains("judged until measurement.refill_days_after_due days after the refill's due date"));
        assertEquals("p: measurement.control_groups.shares: unknown key 'shares', did you mean 'share'?",
                refusal("measurement:\n  control_groups:\n    shares: 0.1\n"));
    }

    private static String refusal(String sections) {
        return assertThrows(InputError.class, () -> Playbook.fromYaml(ACTIONS_AND_SEGMENTS + sections, "p"))
                .getMessage();
    }
}
