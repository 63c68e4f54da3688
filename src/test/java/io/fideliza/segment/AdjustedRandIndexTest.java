package io.fideliza.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdjustedRandIndexTest {
    @Test
    void identicalPartitionsScoreOneWhateverTheLabels() {
        assertEquals(1.0, AdjustedRandIndex.of(List.of("a", "a", "b", "b"), List.of(7, 7, 3, 3)), 1e-12);
    }

    @Test
    void aKnownExample() {
        // sklearn.metrics.adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 2]) = 0.5714285714285715
        assertEquals(0.5714285714285715, AdjustedRandIndex.of(List.of(0, 0, 1, 1), List.of(0, 0, 1, 2)), 1e-12);
    }
}
