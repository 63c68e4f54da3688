package io.fideliza.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.config.JobConfig;
import io.fideliza.config.JobConfig.SegmentSettings;
import io.fideliza.config.SegmentAlgorithm;
import io.fideliza.config.SegmentModelSettings;
import io.fideliza.model.ModelGenerations;
import io.fideliza.model.TrainReason;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RefitPolicyTest {
    static final SegmentSettings DEFAULTS = JobConfig.defaults().segment();

    /** A k-means model of five segments trained on 2 June 2026 (one segment: enough for the policy). */
    static SegmentModelInfo model(String trainedOn, int k) {
        return new SegmentModelInfo(3, 2, trainedOn, "scheduled", "kept", false, "kmeans", k, List.of("recency_days"),
                1000, 0.6, 0.1, 12, 9, List.of(), List.of(new SegmentModelInfo.SegmentInfo(1, "Loyal", "LOYAL", "",
                0, 1000, 1.0, 0.5, 0.8, 0.9, 12.0, new double[] {1}, null)), List.of(), null, null);
    }

    /** Drift that passes no threshold, or the size threshold. */
    static SegmentDrift drift(double sizeShift) {
        return new SegmentDrift(1000, java.util.Map.of(), sizeShift, 0.05, 0.5, 0.5, 1.0, DEFAULTS.model());
    }

    /** The reason in words, for a night whose cadence says {@code cadence}. */
    static Optional<String> why(SegmentSettings settings, LocalDate night, SegmentModelInfo m, SegmentDrift drift,
                                TrainReason cadence) {
        return RefitPolicy.reason(settings, night, m, drift, Optional.ofNullable(cadence)).map(RefitPolicy.Refit::why);
    }

    @Test
    void theCadenceRefitsWithTheModelsAgeInWords() {
        SegmentModelInfo m = model("2026-06-02", 5);
        assertEquals(Optional.empty(), why(DEFAULTS, LocalDate.of(2026, 6, 29), m, drift(0.01), null));
        assertEquals(Optional.of(new RefitPolicy.Refit(TrainReason.EXPIRED,
                        "scheduled: the model is 28 days old (segment.refit_days 28)")),
                RefitPolicy.reason(DEFAULTS, LocalDate.of(2026, 6, 30), m, drift(0.01),
                        Optional.of(TrainReason.EXPIRED)));
        assertEquals(LocalDate.of(2026, 6, 30), RefitPolicy.nextScheduled(DEFAULTS, m));
        SegmentSettings weekly = DEFAULTS.withModel(DEFAULTS.model().withRefitDays(7));
        assertEquals(Optional.of("scheduled: the model is 7 days old (segment.refit_days 7)"),
                why(weekly, LocalDate.of(2026, 6, 9), m, drift(0.01), TrainReason.EXPIRED));
        assertEquals(new ModelGenerations.Cadence(28, false), new SegmentLearner(null, DEFAULTS, null, null,
                Optional.empty()).cadence(), "the framework's cadence is segment.refit_days");
    }

    @Test
    void driftOverAThresholdOrARequestRefitsEarlier() {
        SegmentModelInfo m = model("2026-06-02", 5);
        assertEquals(Optional.of(new RefitPolicy.Refit(TrainReason.DRIFT,
                        "drift: segment sizes moved 0.200 (segment.drift.max_size_shift 0.15)")),
                RefitPolicy.reason(DEFAULTS, LocalDate.of(2026, 6, 3), m, drift(0.2), Optional.empty()));
        assertEquals(Optional.of(new RefitPolicy.Refit(TrainReason.REQUESTED, "requested (--refit or segment.refit)")),
                RefitPolicy.reason(DEFAULTS, LocalDate.of(2026, 6, 3), m, drift(0.9),
                        Optional.of(TrainReason.REQUESTED)));
        assertEquals(Optional.of("drift: segment sizes moved 0.900 (segment.drift.max_size_shift 0.15)"),
                why(DEFAULTS, LocalDate.of(2026, 6, 3), m, drift(0.9), null));
    }

    @Test
    void aConfigurationTheModelDoesNotMatchRefitsBeforeTheCadenceSays() {
        SegmentModelInfo m = model("2026-06-02", 5);
        SegmentSettings six = new SegmentSettings(SegmentAlgorithm.Choice.KMEANS, 6, 4, 8, 0.02, 40, 7);
        assertEquals(Optional.of(new RefitPolicy.Refit(TrainReason.CONFIGURATION,
                        "configuration: segment.k is 6, the model has 5")),
                RefitPolicy.reason(six, LocalDate.of(2026, 6, 3), m, drift(0.01), Optional.empty()));
        assertEquals(Optional.of("configuration: segment.k is 6, the model has 5"),
                why(six, LocalDate.of(2026, 7, 3), m, drift(0.5), TrainReason.EXPIRED),
                "the configuration is the reason that names what changed");
        SegmentSettings mixture = new SegmentSettings(SegmentAlgorithm.Choice.GAUSSIAN_MIXTURE, 0, 4, 8, 0.02, 40, 7);
        assertEquals(Optional.of("configuration: segment.algorithm is gaussian_mixture, the model is kmeans"),
                why(mixture, LocalDate.of(2026, 6, 3), m, drift(0.01), null));
        SegmentSettings best = new SegmentSettings(SegmentAlgorithm.Choice.BEST, 0, 4, 8, 0.02, 40, 7);
        assertEquals(Optional.empty(), why(best, LocalDate.of(2026, 6, 3), m, drift(0.01), null));
        assertEquals(SegmentModelSettings.DEFAULTS, DEFAULTS.model(), "jobs/nightly.yaml and the code agree");
    }
}
