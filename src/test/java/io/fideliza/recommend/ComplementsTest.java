package io.fideliza.recommend;

import static io.fideliza.contract.Columns.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * 42 customers. Ten big spenders (B) each buy X, Y and six more products; small customers buy two products each:
 * D with its accessory A (8), D with Z (2), X with Z (4), Y with Z (4), Z with W (12), and two buy the rare pair R1,
 * R2. Expected statistics computed by hand (Python, from the 2x2 tables) for the test.
 */
@SparkTest
class ComplementsTest {
    private final SparkSession spark;

    ComplementsTest(SparkSession spark) {
        this.spark = spark;
    }

    Dataset<Row> purchases() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (String p : List.of("X", "Y", "P1", "P2", "P3", "P4", "P5", "P6")) {
                rows.add(RowFactory.create("B" + i, p, Tables.ts("2026-01-01")));
            }
        }
        String[][] small = {{"D", "A", "8"}, {"D", "Z", "2"}, {"X", "Z", "4"}, {"Y", "Z", "4"}, {"Z", "W", "12"},
            {"R1", "R2", "2"}};
        int c = 0;
        for (String[] s : small) {
            for (int i = 0; i < Integer.parseInt(s[2]); i++, c++) {
                rows.add(RowFactory.create("S" + c, s[0], Tables.ts("2026-01-01")));
                rows.add(RowFactory.create("S" + c, s[1], Tables.ts("2026-01-02")));
                rows.add(RowFactory.create("S" + c, s[1], Tables.ts("2026-02-02"))); // a repeat counts once
            }
        }
        return spark.createDataFrame(rows, new StructType().add(CUSTOMER_ID, DataTypes.StringType)
                .add(PRODUCT_ID, DataTypes.StringType).add(ORDERED_AT, DataTypes.TimestampType));
    }

    static Map<String, Row> pairs(Dataset<Row> table) {
        Map<String, Row> m = new HashMap<>();
        for (Row r : table.collectAsList()) {
            m.put(r.getString(r.fieldIndex(PRODUCT_ID)) + ">" + r.getString(r.fieldIndex(Complements.COMPLEMENT_ID)), r);
        }
        return m;
    }

    static double get(Row r, String column) {
        return ((Number) r.get(r.fieldIndex(column))).doubleValue();
    }

    @Test
    void logLikelihoodRatioOfPositiveAssociationsWithEnoughCoBuyers() {
        Map<String, Row> llr = pairs(Complements.learnAbove(purchases(), 50, 10.8, false));
        assertEquals(30.892619124262865, get(llr.get("D>A"), Complements.LLR), 1e-9);
        assertEquals(0.8, get(llr.get("D>A"), Complements.BUYERS_SHARE), 1e-12, "8 of D's 10 buyers bought A");
        assertEquals(4.2, get(llr.get("D>A"), Complements.LIFT), 1e-12);
        assertEquals(8L, llr.get("D>A").getLong(llr.get("D>A").fieldIndex(Complements.BUYERS_BOTH)));
        // Big spenders make X and Y look like complements to a plain test.
        assertEquals(13.749127832226236, get(llr.get("X>Y"), Complements.LLR), 1e-9);
        assertFalse(llr.containsKey("R1>R2"), "two co-buyers are too few (LLR 16.1)");
        assertEquals(19.938238948188655, get(llr.get("Z>W"), Complements.LLR), 1e-9);
        assertFalse(llr.containsKey("D>Z"), "negative association: 2 co-buyers where 5.2 were expected");
    }

    @Test
    void byActivityComparesWithCustomersWhoBuyAsManyProducts() {
        Map<String, Row> t = pairs(Complements.learnAbove(purchases(), 50, 10.8, true));
        // Small customers' stratum: 32 customers, D 10, A 8, both 8: expected 2.5, variance 1.3306...; with the
        // continuity correction (8 - 2.5 - 0.5)^2 / 1.3306 (below the log-likelihood ratio, 30.9).
        assertEquals(18.787878787878789, get(t.get("D>A"), Complements.EVIDENCE), 1e-9);
        assertEquals(30.892619124262865, get(t.get("D>A"), Complements.LLR), 1e-9);
        assertFalse(t.containsKey("X>Y"), "every big spender has both: no more than chance among them");
        assertFalse(t.containsKey("Z>W"), "8.45 within the small customers' stratum");
        assertFalse(t.containsKey("P1>P2"));
        assertEquals(1, t.size(), t.keySet().toString());
    }

    @Test
    void theEvidenceRunsTheWayThePurchasesDid() {
        Map<String, Row> llr = pairs(Complements.learnAbove(purchases(), 50, 10.8, false));
        // Every co-buyer of D and A had D the day before A: A goes with D, D is not offered because of A.
        assertEquals(true, llr.containsKey("D>A"));
        assertFalse(llr.containsKey("A>D"), "A's buyers all had D first");
        assertEquals(true, llr.containsKey("Z>W"));
        assertFalse(llr.containsKey("W>Z"));
        // The big spenders bought X and Y the same day: the evidence runs both ways.
        assertEquals(true, llr.containsKey("X>Y"));
        assertEquals(true, llr.containsKey("Y>X"));
    }

    @Test
    void aTieBetweenTheTwoOrdersKeepsBothDirections() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // Half the co-buyers have the tripod first, half the camera: no direction, so both are kept.
            boolean cameraFirst = i % 2 == 0;
            rows.add(RowFactory.create("C" + i, "camera", Tables.ts(cameraFirst ? "2026-01-01" : "2026-03-01")));
            rows.add(RowFactory.create("C" + i, "tripod", Tables.ts(cameraFirst ? "2026-03-01" : "2026-01-01")));
        }
        for (int i = 0; i < 30; i++) {
            rows.add(RowFactory.create("O" + i, "other" + (i % 3), Tables.ts("2026-01-01")));
        }
        rows.add(RowFactory.create("C0", "camera", Tables.ts("2026-04-01"))); // a later purchase: the first one counts
        Map<String, Row> t = pairs(Complements.learnAbove(spark.createDataFrame(rows, new StructType()
                .add(CUSTOMER_ID, DataTypes.StringType).add(PRODUCT_ID, DataTypes.StringType)
                .add(ORDERED_AT, DataTypes.TimestampType)), 50, 10.8, false));
        assertEquals(true, t.containsKey("camera>tripod"), t.keySet().toString());
        assertEquals(true, t.containsKey("tripod>camera"));
    }

    @Test
    void neighboursKeepTheStrongestEvidencePerProduct() {
        Map<String, Row> one = pairs(Complements.learnAbove(purchases(), 1, 0.0, false));
        assertEquals(1, one.keySet().stream().filter(k -> k.startsWith("D>")).count());
        assertEquals(true, one.containsKey("D>A"));
    }

    @Test
    void theThresholdHoldsTheChanceOfOneFalseComplementInTheCatalogue() {
        assertEquals(10.828, Complements.evidenceThreshold(0.001, 1), 1e-3, "chi-square, 1 df, p = 0.001");
        assertEquals(3.841, Complements.evidenceThreshold(0.05, 1), 1e-3);
        assertEquals(20.8373, Complements.evidenceThreshold(0.05, 10_000), 1e-3, "p = 5e-6 (Python: math.erfc)");
        // Here: pairs with 3 co-buyers or more are tested; at 0.05 over them, D and A still pass, X and Y not.
        Map<String, Row> t = pairs(Complements.learn(purchases(), 50, 0.05, false));
        assertEquals(true, t.containsKey("D>A"));
    }

    @Test
    void chanceSumsTheStrata() {
        double[] r = Complements.chance(new double[] {0, 10, 0}, new double[] {4, 8, 0}, new double[] {5, 32, 0});
        assertArrayEquals(new double[] {2.5, 10.0 * 8 * 22 * 24 / (32.0 * 32 * 31)}, r, 1e-12);
        assertArrayEquals(new double[] {0, 0}, Complements.chance(null, new double[] {1}, new double[] {2}), 0);
    }
}
