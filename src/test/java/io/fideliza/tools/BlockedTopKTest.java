package io.fideliza.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockedTopKTest {
    /** Four items in two dimensions: item i's factors are (i, 1). Item 3 is not a candidate. */
    static final float[] ITEMS = {0, 1, 1, 1, 2, 1, 3, 1};
    static final boolean[] CANDIDATE = {true, true, true, false};

    @Test
    void topKPerUserSkipsExcludedAndNonCandidateItems() {
        BlockedTopK scorer = new BlockedTopK(2, ITEMS, CANDIDATE, 2, 2);
        List<BlockedTopK.User> users = List.of(
                new BlockedTopK.User("likes-high", new float[] {1, 0}, new int[] {2}, new int[] {0}),
                new BlockedTopK.User("likes-low", new float[] {-1, 0}, new int[] {}, new int[] {}),
                new BlockedTopK.User("third", new float[] {0, 1}, new int[] {}, new int[] {2, 1}));
        List<BlockedTopK.Pick> picks = new ArrayList<>();
        scorer.score(users.iterator()).forEachRemaining(picks::add);
        assertEquals(List.of(
                // scores i*1: item 3 not a candidate, item 2 excluded -> 1 then 0
                new BlockedTopK.Pick("likes-high", 1, 1f, 0, 1),
                new BlockedTopK.Pick("likes-high", 0, 0f, -1, 2),
                new BlockedTopK.Pick("likes-low", 0, 0f, -1, 1),
                new BlockedTopK.Pick("likes-low", 1, -1f, -1, 2),
                // all score 1: ties broken by item index; explained by the most similar own item
                new BlockedTopK.Pick("third", 0, 1f, 1, 1),
                new BlockedTopK.Pick("third", 1, 1f, 2, 2)), picks);
    }
}
