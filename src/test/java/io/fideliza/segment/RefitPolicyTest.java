package io.fideliza.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.config.JobConfig;
import io.fideliza.config.JobConfig.SegmentSettings;
import io.fideliza.config.SegmentModelSettings;
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

    @Test
    void theModelStaysUntilItIsRefitDaysOld() {
        SegmentModelInfo m = model("2026-06-02", 5);
        assertEquals(Optional.empty(), RefitPolicy.reason(DEFAULTS, LocalDate.of(2026, 6, 29), m, drift(0.01)));
        assertEquals(Optional.of("scheduled: the model is 28 days old (segment.refit_days 28)"),
                RefitPolicy.reason(DEFAULTS, LocalDate.of(2026, 6, 30), m, drift(0.01)));
        assertEquals(LocalDate.of(2026, 6, 30), RefitPolicy.nextScheduled(DEFAULTS, m));
        SegmentSettings weekly = DEFAULTS.withModel(DEFAULTS.model().withRefitDays(7));
        assertEquals(Optional.of("scheduled: the model is 7 days old (segment.refit_days 7)"),
                RefitPolicy.reason(weekly, LocalDate.of(2026, 6, 9), m, drift(0.01)));
    }

    @Test
    void driftOverAThresholdOrARequestRefitsEarlier() {
        SegmentModelInfo m = model("2026-06-02", 5);
        assertEquals(Optional.of("drift: segment sizes moved 0.200 (segment.drift.max_size_shift 0.15)"),
                RefitPolicy.reason(DEFAULTS, LocalDate.of(2026, 6, 3), m, drift(0.2)));
        SegmentSettings requested = DEFAULTS.withModel(DEFAULTS.model().withRefit(true));
        assertEquals(Optional.of("requested (--refit or segment.refit)"),
                RefitPolicy.reason(requested, LocalDate.of(2026, 6, 3), m, drift(0.01)));
    }

    @Test
    void aConfigurationTheModelDoesNotMatchRefitsAndABackfillNeverDoes() {
        SegmentModelInfo m = model("2026-06-02", 5);
        SegmentSettings six = new SegmentSettings("kmeans", 6, 4, 8, 0.02, 40, 7);
        assertEquals(Optional.of("configuration: segment.k is 6, the model has 5"),
                RefitPolicy.reason(six, LocalDate.of(2026, 6, 3), m, drift(0.01)));
        SegmentSettings mixture = new SegmentSettings("gaussian_mixture", 0, 4, 8, 0.02, 40, 7);
        assertEquals(Optional.of("configuration: segment.algorithm is gaussian_mixture, the model is kmeans"),
                RefitPolicy.reason(mixture, LocalDate.of(2026, 6, 3), m, drift(0.01)));
        SegmentSettings best = new SegmentSettings("best", 0, 4, 8, 0.02, 40, 7);
        assertEquals(Optional.empty(), RefitPolicy.reason(best, LocalDate.of(2026, 6, 3), m, drift(0.01)));
        assertEquals(Optional.empty(), RefitPolicy.reason(DEFAULTS, LocalDate.of(2026, 1, 3), m, drift(0.9)),
                "a night before the model's training date uses it as it is");
        assertEquals(SegmentModelSettings.DEFAULTS, DEFAULTS.model(), "jobs/nightly.yaml and the code agree");
    }
}
