package io.fideliza.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.config.JobConfig;
import io.fideliza.run.Progress;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class ReplenishmentEvaluationTest {
    private final SparkSession spark;

    ReplenishmentEvaluationTest(SparkSession spark) {
        this.spark = spark;
    }

    static final LocalDate CUTOFF = LocalDate.of(2026, 5, 31);

    static String day(int afterCutoff) {
        return CUTOFF.plusDays(afterCutoff).toString();
    }

    @Test
    void refillsOfTheWindowAgainstWhatWasDueAtTheCutoff() {
        Tables t = new Tables().product("INK", "Ink", true, 30, true).product("DEV", "Device", false, null, true);
        // A: due 5 days after the cut-off, refills 2 days later. B: 70 days overdue (not recommended), refills.
        // C: due in 10 days, does not refill. D: buys the ink for the first time.
        t.order("a1", "A", "INK", day(-55), 1).order("a2", "A", "INK", day(-25), 1).order("a3", "A", "INK", day(7), 1)
                .order("b1", "B", "INK", day(-130), 1).order("b2", "B", "INK", day(-100), 1).order("b3", "B", "INK", day(3), 1)
                .order("c1", "C", "INK", day(-20), 1)
                .order("d1", "D", "DEV", day(-40), 1).order("d2", "D", "INK", day(10), 1)
                .order("e1", "E", "INK", day(40), 1); // after the four weeks
        OfflineEvaluation.Replenishment r = new OfflineEvaluation(spark, JobConfig.defaults().recommend(),
                ZoneOffset.UTC, new Progress(new PrintStream(new ByteArrayOutputStream()))).replenishment(t.clean(spark), CUTOFF, 4);
        assertEquals(2, r.refills(), "A and B bought the ink again within the four weeks");
        assertEquals(2, r.recommended(), "A and C were due");
        assertEquals(0.5, r.recall(), 1e-12);
        assertEquals(0.5, r.precision(), 1e-12);
        assertEquals(2.0, r.meanDueErrorDays(), 1e-12);
        assertEquals(2.0, r.medianDueErrorDays(), 1e-12);
        assertEquals(1, r.firstPurchases(), "D's first ink");
    }
}
