package io.fideliza.outcomes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The uplift interval against the values Newcombe (1998, Statistics in Medicine 17:873, table II) published. */
class UpliftTest {
    static final double EPS = 5e-5;

    @Test
    void newcombesWorkedExamples() {
        Uplift a = Uplift.of(70, 56, 80, 48);
        assertEquals(0.2, a.uplift(), 1e-12);
        assertEquals(0.0524, a.low(), EPS);
        assertEquals(0.3339, a.high(), EPS);
        Uplift b = Uplift.of(10, 9, 10, 3);
        assertEquals(0.1705, b.low(), EPS);
        assertEquals(0.8090, b.high(), EPS);
        // A control group where nobody converted: the interval still reaches below zero.
        Uplift c = Uplift.of(56, 5, 29, 0);
        assertEquals(-0.0381, c.low(), EPS);
        assertEquals(0.1926, c.high(), EPS);
    }

    @Test
    void theWilsonIntervalOfNoSuccesses() {
        double[] w = Uplift.wilson(0, 10);
        assertEquals(0.0, w[0]);
        assertEquals(0.2775, w[1], EPS);
    }

    @Test
    void anEmptyGroupHasNoUplift() {
        Uplift u = Uplift.of(120, 30, 0, 0);
        assertNull(u.uplift());
        assertNull(u.low());
        assertFalse(u.holds(0));
        assertTrue(Uplift.of(10, 0, 20, 0).holds(0), "no conversions on either side: no effect");
    }
}
