package io.fideliza.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.RunContext;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class ReplenishmentPlannerTest {
    private final SparkSession spark;

    ReplenishmentPlannerTest(SparkSession spark) {
        this.spark = spark;
    }

    static final RunContext RUN = new RunContext(LocalDate.of(2026, 6, 30), ZoneOffset.UTC);

    @Test
    void theNextPurchaseComesFromDeclaredDaysElseOwnHistoryElseTheProductsTypicalInterval() {
        CleanInputs in = new Tables()
                .product("INK", "Ink", true, 30, true)
                .product("CAPS", "Capsules", true, null, true)
                .product("GONE", "Old ink", true, 30, false)
                .product("PRINTER", "Printer", false, null, true)
                // Declared: last ink on 06-10 + 30 days.
                .order("o1", "A", "INK", "2026-05-11", 1).order("o2", "A", "INK", "2026-06-10", 1)
                .order("o2", "A", "PRINTER", "2026-06-10", 1)
                // Own history: capsules every 20 days, last on 06-20.
                .order("o3", "A", "CAPS", "2026-05-31", 1).order("o4", "A", "CAPS", "2026-06-20", 1)
                // B bought capsules once on 06-15: the product's typical interval (B has no own) is 20 days.
                .order("o5", "B", "CAPS", "2026-06-15", 1)
                // Unavailable products are never due.
                .order("o6", "B", "GONE", "2026-06-01", 1)
                // Long overdue: customer C moved on (last 2025-12-01 + 30 is more than 45 days ago).
                .order("o7", "C", "INK", "2025-12-01", 1)
                .clean(spark);
        ReplenishmentPlanner planner = new ReplenishmentPlanner(RUN, 14, 45);
        Map<String, String> due = new TreeMap<>();
        for (Row r : planner.due(in).collectAsList()) {
            due.put(r.getString(0) + "/" + r.getString(1), r.getDate(2).toString());
        }
        assertEquals(Map.of("A/INK", "2026-07-10", "A/CAPS", "2026-07-10", "B/CAPS", "2026-07-05"), due);

        Map<String, String> sources = new TreeMap<>();
        for (Row r : planner.expectedPurchases(in).collectAsList()) {
            sources.put(r.getString(0) + "/" + r.getString(1), r.getString(r.fieldIndex("interval_source")));
        }
        assertEquals(Map.of("A/INK", "declared", "A/CAPS", "customer", "B/CAPS", "product", "B/GONE", "declared",
                "C/INK", "declared"), sources);
    }
}
