package io.fideliza.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fideliza.config.SegmentModelSettings;
import io.fideliza.segment.SegmentModelInfo.SegmentInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentDriftTest {
    static final SegmentModelInfo MODEL = new SegmentModelInfo(1, null, "2026-06-02", "no model yet", "first", true,
            "kmeans", 2, List.of("recency_days"), 100, 0.6, 0.4, 12, 2, List.of(), List.of(
            new SegmentInfo(1, "Loyal", "LOYAL", "", 0, 60, 0.6, 0.5, 0.8, 0.9, 12.0, new double[] {1}, null),
            new SegmentInfo(2, "Segment 2", null, "", 1, 40, 0.4, 1.0, 1.6, null, null, new double[] {2}, null)),
            List.of(), null, null);

    @Test
    void sizesDistanceAndUnfitCustomersAgainstTheTrainingNight() {
        SegmentDrift d = SegmentDrift.of(List.of(new SegmentDrift.Sums(1, 50, 30.0, 5, 40),
                new SegmentDrift.Sums(2, 50, 60.0, 10, 0)), MODEL, SegmentModelSettings.DEFAULTS);
        assertEquals(100, d.customers());
        assertEquals(0.1, d.sizeShift(), 1e-12, "(|0.5 - 0.6| + |0.5 - 0.4|) / 2");
        assertEquals(0.15, d.unfitShare(), 1e-12);
        assertEquals(0.9, d.meanDistance(), 1e-12);
        assertEquals(0.7, d.trainingMeanDistance(), 1e-12, "0.6 x 0.5 + 0.4 x 1.0");
        assertEquals(0.9 / 0.7, d.distanceRatio(), 1e-12);
        assertEquals(0.8, d.segments().get(1).nameHolds(), 1e-12);
        assertNull(d.segments().get(2).nameHolds(), "a name no rule made holds for nobody in particular");
        assertEquals(0.6, d.segments().get(1).meanDistance(), 1e-12);
        assertEquals(0.2, d.segments().get(2).unfitShare(), 1e-12);
        assertEquals(List.of(), d.triggers());
    }

    @Test
    void eachThresholdPassedIsNamed() {
        SegmentModelSettings tight = new SegmentModelSettings(false, 28, 0.03, 0.10, 0.05, 0.1, 1.2, 90, 2.0);
        SegmentDrift d = SegmentDrift.of(List.of(new SegmentDrift.Sums(1, 50, 30.0, 5, 40),
                new SegmentDrift.Sums(2, 50, 60.0, 10, 0)), MODEL, tight);
        assertEquals(List.of("segment sizes moved 0.100 (segment.drift.max_size_shift 0.05)",
                "15.0% of customers fit no centroid (segment.drift.max_unfit_share 0.1)",
                "customers sit 1.29 times as far from their centroid as on the training night "
                        + "(segment.drift.max_distance_ratio 1.2)"), d.triggers());
    }

    @Test
    void aSegmentWithNobodyTonightCountsAsEmpty() {
        SegmentDrift d = SegmentDrift.of(List.of(new SegmentDrift.Sums(1, 100, 50.0, 5, 90)), MODEL,
                SegmentModelSettings.DEFAULTS);
        assertEquals(0.4, d.sizeShift(), 1e-12);
        assertEquals(0, d.segments().get(2).customers());
        assertEquals(List.of("segment sizes moved 0.400 (segment.drift.max_size_shift 0.15)"), d.triggers());
    }
}
