package io.fideliza.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.ranking.PopularityBaseline;
import io.fideliza.ranking.PurchaseHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class BaselinesTest {
    /** A, B, C own a and b; B and C also own c; D owns a; E owns d. */
    static PurchaseHistory history() {
        List<Row> rows = new ArrayList<>();
        for (String[] cp : new String[][] {{"A", "a"}, {"A", "b"}, {"B", "a"}, {"B", "b"}, {"B", "c"}, {"C", "a"},
            {"C", "b"}, {"C", "c"}, {"D", "a"}, {"E", "d"}, {"A", "a"}}) {
            rows.add(RowFactory.create(cp[0], cp[1]));
        }
        return PurchaseHistory.of(rows, List.of("a", "b", "c", "d", "e"));
    }

    @Test
    void popularityRanksByBuyersWithoutWhatTheCustomerOwns() {
        Map<String, List<String>> recs = PopularityBaseline.recommend(history(), List.of("A", "E", "new"), 3);
        assertEquals(List.of("c", "d"), recs.get("A"), "e was never bought: not recommended");
        assertEquals(List.of("a", "b", "c"), recs.get("E"));
        assertEquals(List.of("a", "b", "c"), recs.get("new"));
    }

    @Test
    void cooccurrenceSumsCountsWithOwnedProducts() {
        CooccurrenceBaseline cooc = new CooccurrenceBaseline(history());
        PurchaseHistory h = history();
        assertEquals(3, cooc.count(h.indexOf("a"), h.indexOf("b")));
        assertEquals(2, cooc.count(h.indexOf("c"), h.indexOf("b")));
        Map<String, List<String>> recs = cooc.recommend(List.of("A", "D", "E"), 3);
        assertEquals(List.of("c"), recs.get("A"), "c co-occurs with a (2) and b (2); d never with a or b");
        assertEquals(List.of("b", "c"), recs.get("D"));
        assertEquals(List.of(), recs.get("E"));
    }
}
