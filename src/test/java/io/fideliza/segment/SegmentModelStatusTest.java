package io.fideliza.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.config.SegmentModelSettings;
import io.fideliza.segment.RefitCarryOver.Moves;
import io.fideliza.segment.SegmentDrift.SegmentNight;
import io.fideliza.segment.SegmentModelInfo.Refused;
import io.fideliza.segment.SegmentModelInfo.Retired;
import io.fideliza.segment.SegmentModelStatus.Segment;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The manifest's segment_model, as a refit night and a night that assigns write it: exact keys, order and values
 * (the strings the map-based version wrote for the same status).
 */
class SegmentModelStatusTest {
    private static final SegmentModelSettings THRESHOLDS = SegmentModelSettings.DEFAULTS;

    private static SegmentDrift drift(double sizeShift) {
        Map<Integer, SegmentNight> nights = new LinkedHashMap<>();
        nights.put(3, new SegmentNight(3, 60, 0.6, 0.5, 1.2, 1.1, 0.05, 0.9));
        nights.put(7, new SegmentNight(7, 40, 0.4, 0.5, 0.8, 0.9, 0.1, null));
        return new SegmentDrift(100, nights, sizeShift, 0.07, 1.04, 1.0, 1.04, THRESHOLDS);
    }

    private static final List<Segment> SEGMENTS = List.of(
            new Segment(3, "Loyal", "orders at least 4", 0.912345, 60, 0.6, 0.5, 0.05, false),
            new Segment(7, "New kind", null, null, 40, 0.4, 0.5, 0.123456, true));

    private static SegmentModelStatus refitNight() {
        return new SegmentModelStatus(2, "2026-07-01", "kmeans", 2, true, "drift", "new model", true, null,
                LocalDate.of(2026, 7, 29), 28, drift(0.1), drift(0.2), SEGMENTS,
                List.of(new Retired(5, "Gone", 3, 12), new Retired(6, "Emptied", null, 0)), 0.876543, List.of(),
                new Moves(100, 12, 10, 2, 0), new Refused("bisecting", 3, 0.456789, new Moves(100, 30, 30, 0, 0), 0.1,
                        "moves 30%"), 0.1);
    }

    @Test
    void aRefitNightWritesWhatTheRefitDecided() {
        assertEquals("{\"version\":2,\"trained_on\":\"2026-07-01\",\"algorithm\":\"kmeans\",\"k\":2,"
                + "\"refitted_tonight\":true,\"refit_reason\":\"drift\","
                + "\"refit_decision\":\"new model\",\"previous_version\":null,"
                + "\"drift_before_refit\":{\"size_shift\":0.2,\"max_size_shift\":0.15,"
                + "\"unfit_share\":0.07,\"max_unfit_share\":0.25,\"mean_distance\":1.04,"
                + "\"training_mean_distance\":1.0,\"distance_ratio\":1.04,\"max_distance_ratio\":1.3,"
                + "\"triggers_refit\":true},\"refit_kept_share\":0.8765,"
                + "\"refit_moves\":{\"customers\":100,\"moved\":12,\"share\":0.12,\"new_data\":10,"
                + "\"new_kind\":2,\"retired_segment\":0,\"max_share\":0.1},"
                + "\"refused_candidate\":{\"algorithm\":\"bisecting\",\"k\":3,\"silhouette\":0.4568,"
                + "\"moves\":{\"customers\":100,\"moved\":30,\"share\":0.3,\"new_data\":30,"
                + "\"new_kind\":0,\"retired_segment\":0},\"why\":\"moves 30%\"},"
                + "\"new_segments\":[\"7 New kind\"],\"retired_segments\":[{\"segment_id\":5,"
                + "\"name\":\"Gone\",\"most_went_to\":3,\"customers\":12},{\"segment_id\":6,"
                + "\"name\":\"Emptied\",\"most_went_to\":null,\"customers\":0}],"
                + "\"next_scheduled_refit\":\"2026-07-29\",\"refit_days\":28,"
                + "\"drift\":{\"size_shift\":0.1,\"max_size_shift\":0.15,\"unfit_share\":0.07,"
                + "\"max_unfit_share\":0.25,\"mean_distance\":1.04,\"training_mean_distance\":1.0,"
                + "\"distance_ratio\":1.04,\"max_distance_ratio\":1.3,\"triggers_refit\":false},"
                + "\"segments\":{\"3 Loyal\":{\"customers\":60,\"share\":0.6,\"training_share\":0.5,"
                + "\"unfit_share\":0.05,\"name_rule\":\"orders at least 4\",\"name_holds\":0.9123},"
                + "\"7 New kind\":{\"customers\":40,\"share\":0.4,\"training_share\":0.5,"
                + "\"unfit_share\":0.1235,\"name_rule\":null,\"name_holds\":null}}}",
                refitNight().asManifest().toString());
    }

    @Test
    void aNightThatAssignsWritesTheModelItUsedAndItsDrift() {
        SegmentModelStatus s = new SegmentModelStatus(2, "2026-07-01", "kmeans", 2, false, "drift", "new model", true,
                1, LocalDate.of(2026, 7, 29), 28, drift(0.1), null, SEGMENTS, List.of(), null, List.of(), null, null,
                0.1);
        assertEquals("{\"version\":2,\"trained_on\":\"2026-07-01\",\"algorithm\":\"kmeans\",\"k\":2,"
                + "\"refitted_tonight\":false,\"next_scheduled_refit\":\"2026-07-29\","
                + "\"refit_days\":28,\"drift\":{\"size_shift\":0.1,\"max_size_shift\":0.15,"
                + "\"unfit_share\":0.07,\"max_unfit_share\":0.25,\"mean_distance\":1.04,"
                + "\"training_mean_distance\":1.0,\"distance_ratio\":1.04,\"max_distance_ratio\":1.3,"
                + "\"triggers_refit\":false},\"segments\":{\"3 Loyal\":{\"customers\":60,"
                + "\"share\":0.6,\"training_share\":0.5,\"unfit_share\":0.05,"
                + "\"name_rule\":\"orders at least 4\",\"name_holds\":0.9123},"
                + "\"7 New kind\":{\"customers\":40,\"share\":0.4,\"training_share\":0.5,"
                + "\"unfit_share\":0.1235,\"name_rule\":null,\"name_holds\":null}}}",
                s.asManifest().toString());
    }
}
