package io.fideliza.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.JobConfig;
import io.fideliza.config.SegmentModelSettings;
import io.fideliza.generate.LifecycleGenerator;
import io.fideliza.testing.Slow;
import io.fideliza.testing.SparkTest;
import io.fideliza.tools.SegmentWeeks;
import io.fideliza.tools.SegmentWeeks.Week;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's second criterion, small: eight weekly runs over a growing history where customers join, lapse and
 * come back, with one scheduled refit (day 28), here made to replace the model (refit_margin -1) so that ids and
 * names must be carried over by shared customers. scripts/segment-weeks runs the full-size version.
 */
@SparkTest
@Slow
class SegmentWeeksTest {
    private final SparkSession spark;

    SegmentWeeksTest(SparkSession spark) {
        this.spark = spark;
    }

    @TempDir
    Path dir;

    @Test
    void namesNeverFlipTheRefitKeepsUnchangedCustomersAndEveryMoveHasACause() throws Exception {
        LocalDate first = LocalDate.of(2026, 5, 12);
        new LifecycleGenerator(new LifecycleGenerator.Spec(500, 3, first.plusWeeks(7), 540)).writeTo(dir.resolve("in"));
        JobConfig base = JobConfig.defaults();
        SegmentModelSettings m = SegmentModelSettings.DEFAULTS;
        JobConfig config = base.withSegment(base.segment().withModel(new SegmentModelSettings(false, m.refitDays(), -1.0, 1.0,
                m.maxSizeShift(), m.maxUnfitShare(), m.maxDistanceRatio(), m.lapsingDays(), m.lapsingFactor())));
        SegmentWeeks.Report r = SegmentWeeks.run(spark, dir.resolve("in"), dir.resolve("out"), first, 8, config);
        SegmentWeeks.print(r); // the evidence

        assertEquals(List.of(1, 5), r.weeks().stream().filter(Week::refitted).map(Week::week).toList(),
                "the first model, then the scheduled refit on day 28; no drift refit");
        Week refit = r.weeks().get(4);
        assertEquals("scheduled: the model is 28 days old (segment.refit_days 28)", refit.reason());
        assertTrue(refit.decision().startsWith("replaced version 1"), refit.decision());
        assertTrue(r.namesNeverFlipped(), r.namesById() + " " + r.idsByName());
        assertTrue(refit.unchangedKept() >= 0.9, "the refit kept " + refit.unchangedKept());
        for (Week w : r.weeks()) {
            assertEquals(0, w.unexplained(), "week " + w.week());
            if (w.week() != 5) {
                assertEquals(0, w.byRefit() + w.byBoth(), "no refit, no move by refit in week " + w.week());
            }
        }
        assertEquals(refit.byRefit() + refit.byBoth(), refit.migrationRefitMoves(),
                "segment_migrations counts the refit's moves as segments does");
        assertTrue(refit.refitTableMoves() >= refit.migrationRefitMoves(),
                "segment_refit_migrations lists every move the refit made");
        assertTrue(r.weeks().get(7).customers() > r.weeks().get(0).customers(), "customers joined");
    }
}
