package io.fideliza.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.segment.SegmentModelInfo.Candidate;
import io.fideliza.segment.SegmentModelInfo.Retired;
import io.fideliza.segment.SegmentModelInfo.SegmentInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentModelInfoTest {
    @Test
    void modelJsonReadsBackAsWritten() {
        SegmentModelInfo info = new SegmentModelInfo(4, 3, "2026-06-30", "scheduled: the model is 28 days old",
                "kept version 3", false, "kmeans", 2, List.of("recency_days", "orders"), 3000, 0.61, 0.08, 13, 7,
                List.of(new Candidate("kmeans", 5, 0.6, 0.1, false, false), new Candidate("kmeans", 2, 0.61, 0.08, true,
                        true)),
                List.of(new SegmentInfo(2, "Loyal", "LOYAL", "1,200 customers", 0, 1200, 0.4, 0.52, 0.83, 0.86, 12.0,
                                new double[] {2.5, 3.25}, 2),
                        new SegmentInfo(7, "Segment 7", null, "x", 1, 1800, 0.6, 0.4, 0.7, null, null,
                                new double[] {1, 0}, null)),
                List.of(new Retired(5, "Hibernating", 7, 180)), new RefitCarryOver.Moves(2900, 180, 0, 0, 180),
                new SegmentModelInfo.Refused("kmeans", 5, 0.6, new RefitCarryOver.Moves(2900, 700, 650, 50, 0), 0.1,
                        "moves 24.1%"));
        String json = SegmentModel.toJson(info);
        assertTrue(json.contains("\"trained_on\" : \"2026-06-30\""), json);
        assertTrue(json.contains("\"carried_from\" : null"), json);
        SegmentModelInfo back = SegmentModel.fromJson(json);
        assertEquals(json, SegmentModel.toJson(back));
        assertEquals(info.candidates(), back.candidates());
        assertEquals(info.retired(), back.retired());
        assertEquals(info.moves(), back.moves());
        assertEquals(info.refused(), back.refused());
        assertTrue(json.contains("\"retired_segment\" : 180"), json);
        assertArrayEquals(new double[] {2.5, 3.25}, back.segment(2).center());
        assertEquals(null, back.segment(7).nameHolds());
        assertEquals(3, back.parentVersion());
    }
}
