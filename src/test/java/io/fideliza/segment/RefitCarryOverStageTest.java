package io.fideliza.segment;

import static io.fideliza.contract.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.JobConfig;
import io.fideliza.config.JobConfig.SegmentSettings;
import io.fideliza.segment.SegmentStage.Segmentation;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 30: a refit carries customers over. A new kind of customer adds a segment and moves nobody else; a refit
 * that would move more than segment.refit_max_moved_share is refused (and accepted with --refit); a new fit that
 * replaces the model gives its clusters the ids and names of the segments whose customers they share.
 */
@SparkTest
class RefitCarryOverStageTest {
    private static final LocalDate DAY = LocalDate.of(2026, 6, 30);
    private static final List<PlantedFeatures.Kind> BUYERS = PlantedFeatures.SIX.subList(0, 5);
    private static final List<PlantedFeatures.Kind> SHOPPERS = PlantedFeatures.SIX.subList(5, 6);

    private final SparkSession spark;

    RefitCarryOverStageTest(SparkSession spark) {
        this.spark = spark;
    }

    @TempDir
    Path dir;

    @Test
    void aNewKindOfCustomerAddsASegmentAndMovesNobodyElse() {
        SegmentSettings settings = JobConfig.defaults().segment();
        SegmentNights nights = new SegmentNights(spark, dir, new Tables().clean(spark));
        Segmentation first = nights.night(DAY, settings, PlantedFeatures.of(spark, BUYERS, 500, 11, 0));
        // A week later 200 window shoppers have joined: no segment fits them.
        Segmentation second = nights.night(DAY.plusDays(7), settings, PlantedFeatures.of(spark, BUYERS, 500, 11, 7)
                .union(PlantedFeatures.of(spark, SHOPPERS, 200, 12, 0, 100_000)));
        SegmentModelStatus m = second.model();
        System.out.println(m.reason() + " | " + m.decision() + " | " + m.refitMoves());
        assertTrue(m.refittedTonight());
        assertTrue(m.reason().startsWith("drift: "), m.reason());
        assertTrue(m.decision().startsWith("carried over version 1 "), m.decision());
        assertTrue(m.decision().contains("added a segment for a new kind of customer"), m.decision());
        assertEquals(first.model().k() + 1, m.k());
        assertEquals(new RefitCarryOver.Moves(500, 0, 0, 0, 0), m.refitMoves(),
                "the old centroids stay, and no buyer is nearer to the shoppers' than to their own");
        assertNull(m.refused());
        assertEquals(0, nights.published("segments", DAY.plusDays(7))
                .filter(SEGMENT_CHANGE + " in ('refit', 'behaviour_and_refit')").count(), "nobody moved by the refit");
        assertTrue(nights.keptShare(DAY, DAY.plusDays(7)) >= 0.99, "a week older, a few moved by behaviour");
        Set<String> before = names(nights, DAY);
        Set<String> after = names(nights, DAY.plusDays(7));
        assertTrue(after.containsAll(before), after + " keeps " + before);
        List<Row> newcomers = nights.published("segments", DAY.plusDays(7)).filter("customer_id >= 'C100000'")
                .groupBy(SEGMENT_ID).count().collectAsList();
        assertEquals(1, newcomers.size(), newcomers.toString());
        assertEquals(200L, newcomers.get(0).getLong(1));
        assertTrue(newcomers.get(0).getInt(0) > first.model().segments().stream()
                .mapToInt(SegmentModelStatus.Segment::id).max().orElseThrow(), "a new id");
        assertEquals(List.of("new_kind"), nights.published("segment_refit_migrations", DAY.plusDays(7))
                .filter(CHANGE + " = 'to_new_segment'").select(MOVE_CAUSE).distinct().collectAsList().stream()
                .map(r -> r.getString(0)).toList());
    }

    @Test
    void aRefitThatWouldMoveTooManyIsRefusedUnlessAskedFor() {
        SegmentSettings base = JobConfig.defaults().segment();
        SegmentSettings two = new SegmentSettings(base.algorithm(), 0, 2, 2, base.minSegmentShare(),
                base.maxIterations(), base.seed(), base.model());
        // The analyst widens k_min..k_max to 2..8 and the next scheduled refit (every day here) finds more segments.
        SegmentSettings wide = new SegmentSettings(base.algorithm(), 0, 2, 8, base.minSegmentShare(),
                base.maxIterations(), base.seed(), base.model().withRefitDays(1));
        SegmentNights nights = new SegmentNights(spark, dir, new Tables().clean(spark));
        Segmentation first = nights.night(DAY, two, PlantedFeatures.of(spark, PlantedFeatures.SIX, 600, 11, 0));
        assertEquals(2, first.model().k());

        Segmentation second = nights.night(DAY.plusDays(1), wide,
                PlantedFeatures.of(spark, PlantedFeatures.SIX, 600, 11, 1));
        SegmentModelStatus m = second.model();
        System.out.println(m.decision() + " | " + m.refused());
        assertEquals("scheduled: the model is 1 days old (segment.refit_days 1)", m.reason());
        assertFalse(m.replaced(), m.decision());
        assertEquals(1, m.previousVersion(), "version 1 kept");
        assertNotNull(m.refused(), "the better candidate is recorded");
        assertTrue(m.refused().moves().share() > 0.10, m.refused().toString());
        assertTrue(m.decision().contains("more than segment.refit_max_moved_share 0.1; run with --refit to accept it"),
                m.decision());
        assertEquals(2, m.k());
        assertEquals(new RefitCarryOver.Moves(600, 0, 0, 0, 0), m.refitMoves());
        assertEquals(1.0, nights.keptShare(DAY, DAY.plusDays(1)), 1e-12);

        // Asked for, the same refit goes through.
        Segmentation third = nights.night(DAY.plusDays(2), wide.withModel(wide.model().withRefit(true)),
                PlantedFeatures.of(spark, PlantedFeatures.SIX, 600, 11, 2));
        System.out.println(third.model().decision() + " | " + third.model().refitMoves());
        assertNull(third.model().refused());
        assertTrue(third.model().k() > 2);
        assertTrue(third.model().refitMoves().share() > 0.10, third.model().refitMoves().toString());
    }

    @Test
    void aNewFitThatReplacesTheModelKeepsTheIdsAndNamesOfTheSegmentsItMatches() {
        SegmentSettings settings = JobConfig.defaults().segment();
        SegmentNights nights = new SegmentNights(spark, dir, new Tables().clean(spark));
        nights.night(DAY, settings, PlantedFeatures.of(spark, PlantedFeatures.SIX, 600, 11, 0));
        // Any new fit wins (refit_margin -1); the refit is asked for, so no share is too many.
        SegmentSettings replace = settings.withModel(settings.model().withRefitMargin(-1).withRefit(true));
        Segmentation second = nights.night(DAY.plusDays(1), replace,
                PlantedFeatures.of(spark, PlantedFeatures.SIX, 600, 11, 1));
        System.out.println(second.model().decision() + " | " + second.model().refitMoves());
        assertTrue(second.model().replaced(), second.model().decision());
        assertEquals(1, second.model().previousVersion());
        assertEquals(names(nights, DAY), names(nights, DAY.plusDays(1)), "every segment matched: same ids and names");
        assertEquals(new RefitCarryOver.Moves(600, 0, 0, 0, 0), second.model().refitMoves());
        assertEquals(1.0, nights.keptShare(DAY, DAY.plusDays(1)), 1e-12);
    }

    private static Set<String> names(SegmentNights nights, LocalDate day) {
        return nights.published("segments", day).select(SEGMENT_ID, SEGMENT_NAME).distinct().collectAsList().stream()
                .map(r -> r.getInt(0) + " " + r.getString(1)).collect(Collectors.toSet());
    }
}
