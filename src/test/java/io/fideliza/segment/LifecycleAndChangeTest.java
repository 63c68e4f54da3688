package io.fideliza.segment;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.ORDERS;
import static io.fideliza.contract.FeatureColumns.RECENCY_DAYS;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.config.SegmentModelSettings;
import io.fideliza.testing.SparkTest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The columns segments adds per customer: the lifecycle inside the segment, and why the segment changed. */
@SparkTest
class LifecycleAndChangeTest {
    private final SparkSession spark;

    LifecycleAndChangeTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void lapsingIsMeasuredAgainstTheSegmentsTypicalRecencyThenRfmDecides() {
        StructType schema = new StructType().add(CUSTOMER_ID, DataTypes.StringType).add(SEGMENT_ID, DataTypes.IntegerType)
                .add(ORDERS, DataTypes.LongType).add(RECENCY_DAYS, DataTypes.IntegerType)
                .add(RfmScorer.RFM_SEGMENT, DataTypes.StringType);
        List<Row> rows = List.of(
                RowFactory.create("never", 1, 0L, null, "Prospect"),
                RowFactory.create("loyal-silent", 1, 9L, 95, "At risk"),
                RowFactory.create("loyal-slowing", 1, 9L, 80, "At risk"),
                RowFactory.create("loyal-best", 1, 30L, 5, "Champions"),
                RowFactory.create("loyal-usual", 1, 6L, 20, "Loyal customers"),
                RowFactory.create("sleeper", 2, 3L, 200, "Hibernating"),
                RowFactory.create("deep-sleeper", 2, 3L, 310, "Hibernating"),
                RowFactory.create("no-typical", 3, 1L, 90, "Need attention"));
        Map<Integer, Double> typical = new HashMap<>();
        typical.put(1, 12.0);
        typical.put(2, 150.0);
        typical.put(3, null);
        Map<String, String> got = new HashMap<>();
        for (Row r : spark.createDataFrame(rows, schema)
                .withColumn(LIFECYCLE, LifecycleSignals.lifecycle(SegmentModelSettings.DEFAULTS, typical))
                .select(CUSTOMER_ID, LIFECYCLE).collectAsList()) {
            got.put(r.getString(0), r.getString(1));
        }
        assertEquals(Map.of("never", "prospect", "loyal-silent", "lapsing", "loyal-slowing", "at_risk",
                "loyal-best", "champion", "loyal-usual", "active", "sleeper", "active", "deep-sleeper", "lapsing",
                "no-typical", "lapsing"), got);
    }

    @Test
    void aMoveIsBehaviourWhenTheOldModelMovesThemTooAndRefitWhenItWouldHaveKeptThem() {
        StructType schema = new StructType().add(CUSTOMER_ID, DataTypes.StringType)
                .add(PREVIOUS_SEGMENT_ID, DataTypes.IntegerType).add("_old_segment_id", DataTypes.IntegerType)
                .add(SEGMENT_ID, DataTypes.IntegerType);
        List<Row> rows = List.of(
                RowFactory.create("joined", null, 2, 2),
                RowFactory.create("stayed", 1, 1, 1),
                RowFactory.create("behaved", 1, 2, 2),
                RowFactory.create("refitted", 1, 1, 3),
                RowFactory.create("both", 1, 2, 3),
                RowFactory.create("old-model-unknown", 1, null, 3));
        Map<String, String> got = new HashMap<>();
        for (Row r : spark.createDataFrame(rows, schema).withColumn(SEGMENT_CHANGE, SegmentChanges.change())
                .select(CUSTOMER_ID, SEGMENT_CHANGE).collectAsList()) {
            got.put(r.getString(0), r.getString(1));
        }
        assertEquals(Map.of("joined", "new", "stayed", "same", "behaved", "behaviour", "refitted", "refit",
                "both", "behaviour_and_refit", "old-model-unknown", "behaviour"), got);
        List<Row> migrations = SegmentChanges.migrations(spark.createDataFrame(rows, schema)
                        .withColumn(SEGMENT_CHANGE, SegmentChanges.change()))
                .select(col(FROM_SEGMENT_ID), col(TO_SEGMENT_ID), col(CUSTOMERS), col(MOVED_BY_BEHAVIOUR),
                        col(MOVED_BY_REFIT)).collectAsList();
        assertEquals("[[null,2,1,0,0], [1,1,1,0,0], [1,2,1,1,0], [1,3,3,2,2]]",
                Arrays.toString(migrations.toArray()));
    }
}
