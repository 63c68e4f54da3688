package io.fideliza.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.JobConfig;
import io.fideliza.config.Measurement;
import io.fideliza.contract.Action;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ControlGroupTest {
    static final Measurement DEFAULTS = JobConfig.defaults().playbook().measurement();

    @Test
    void theDrawIsAHashAnyoneCanRedo() {
        // sha256("C0000001|win_back|2026-Q2"), first 8 bytes, top 53 bits / 2^53 (README, control groups).
        assertEquals(0.13641094415248212, ControlGroup.draw("C0000001", Action.WIN_BACK, "2026-Q2"), 1e-15);
        assertEquals(ControlGroup.draw("C0000001", Action.WIN_BACK, "2026-Q2"),
                ControlGroup.draw("C0000001", Action.WIN_BACK, "2026-Q2"));
    }

    @Test
    void aCustomerStaysInOrOutForTheWholePeriod() {
        for (int i = 0; i < 500; i++) {
            String c = "C" + i;
            boolean april = new ControlGroup(DEFAULTS, LocalDate.of(2026, 4, 1)).holdsOut(c, Action.NURTURE);
            boolean june = new ControlGroup(DEFAULTS, LocalDate.of(2026, 6, 30)).holdsOut(c, Action.NURTURE);
            assertEquals(april, june, c + ": the same quarter");
        }
    }

    @Test
    void eachActionHoldsOutItsShareAndServiceRecoveryNone() {
        ControlGroup g = new ControlGroup(DEFAULTS, LocalDate.of(2026, 6, 30));
        int n = 100_000;
        int winBack = 0;
        int both = 0;
        for (int i = 0; i < n; i++) {
            String c = String.format("C%07d", i);
            boolean w = g.holdsOut(c, Action.WIN_BACK);
            winBack += w ? 1 : 0;
            both += w && g.holdsOut(c, Action.CROSS_SELL) ? 1 : 0;
            assertFalse(g.holdsOut(c, Action.SERVICE_RECOVERY), "service recovery has no control group by default");
        }
        assertEquals(0.10, (double) winBack / n, 0.003, "10% held out");
        assertEquals(0.01, (double) both / n, 0.002, "each action draws on its own: 10% of 10% in both");
        assertTrue(DEFAULTS.controlShare(Action.SERVICE_RECOVERY) == 0.0);
    }

    @Test
    void periodsAreCalendarMonthsQuartersOrYears() {
        LocalDate d = LocalDate.of(2026, 8, 5);
        assertEquals("2026-08", Measurement.ControlPeriod.MONTH.label(d));
        assertEquals("2026-Q3", Measurement.ControlPeriod.QUARTER.label(d));
        assertEquals("2026", Measurement.ControlPeriod.YEAR.label(d));
    }
}
