package io.fideliza.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fideliza.segment.RefitMatcher.Overlap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefitMatcherTest {
    @Test
    void aSplitKeepsTheIdOnItsLargerPartAndASwallowedSegmentIsRetired() {
        List<Overlap> overlaps = List.of(new Overlap(1, 0, 600), new Overlap(1, 1, 400), new Overlap(2, 2, 500),
                new Overlap(3, 2, 100));
        assertEquals(Map.of(0, 1, 2, 2), RefitMatcher.match(overlaps), "cluster 1 is new; segment 3 is retired");
        assertEquals(2, RefitMatcher.mostWentTo(overlaps, 3));
        assertEquals(0, RefitMatcher.mostWentTo(overlaps, 1));
        assertNull(RefitMatcher.mostWentTo(overlaps, 9));
    }

    @Test
    void aClusterThatIsMostlyNoOldSegmentIsNew() {
        List<Overlap> overlaps = List.of(new Overlap(1, 0, 30), new Overlap(2, 0, 30), new Overlap(3, 0, 40),
                new Overlap(1, 1, 70), new Overlap(2, 2, 70), new Overlap(3, 3, 60));
        assertEquals(Map.of(1, 1, 2, 2, 3, 3), RefitMatcher.match(overlaps));
    }

    @Test
    void sameSegmentsRenumberedByTheNewFitKeepTheirIds() {
        List<Overlap> overlaps = List.of(new Overlap(4, 0, 200), new Overlap(4, 1, 3), new Overlap(7, 1, 150),
                new Overlap(9, 2, 99), new Overlap(7, 2, 1));
        assertEquals(Map.of(0, 4, 1, 7, 2, 9), RefitMatcher.match(overlaps));
    }
}
