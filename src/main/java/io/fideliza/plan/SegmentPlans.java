package io.fideliza.plan;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Each segment's plan at a glance: per action and channel, how many customers to contact, when, which
 * products most, and how many more were held out as control (not in {@code customers}).
 */
public final class SegmentPlans {
    static final int TOP_PRODUCTS = 5;

    private SegmentPlans() {
    }

    public static Dataset<Row> summarize(Dataset<Row> allPlans) {
        Column control = java.util.Arrays.asList(allPlans.columns()).contains(CONTROL) ? col(CONTROL) : lit(false);
        Dataset<Row> groups = allPlans.groupBy(SEGMENT_ID, SEGMENT_NAME, ACTION, CHANNEL).agg(
                count(when(not(control), lit(1))).as(CUSTOMERS), min(when(not(control), col(SEND_ON))).as(FIRST_SEND_ON),
                max(when(not(control), col(SEND_ON))).as(LAST_SEND_ON), count(when(control, lit(1))).as(CONTROL_CUSTOMERS));
        Dataset<Row> actionPlans = allPlans.filter(not(control));
        Dataset<Row> topProducts = actionPlans
                .select(col(SEGMENT_ID), col(ACTION), col(CHANNEL), explode(col(PRODUCT_IDS)).as(PRODUCT_ID))
                .groupBy(SEGMENT_ID, ACTION, CHANNEL, PRODUCT_ID).agg(count(lit(1)).as("_n"))
                .withColumn("_r", row_number().over(Window.partitionBy(SEGMENT_ID, ACTION, CHANNEL)
                        .orderBy(col("_n").desc(), col(PRODUCT_ID))))
                .filter(col("_r").leq(TOP_PRODUCTS))
                .groupBy(SEGMENT_ID, ACTION, CHANNEL)
                .agg(transform(sort_array(collect_list(struct(col("_r"), col(PRODUCT_ID)))), s -> s.getField(PRODUCT_ID))
                        .as(TOP_PRODUCT_IDS));
        return groups.join(topProducts, scala.jdk.javaapi.CollectionConverters.asScala(
                        java.util.List.of(SEGMENT_ID, ACTION, CHANNEL)).toSeq(), "left")
                .withColumn(TOP_PRODUCT_IDS, coalesce(col(TOP_PRODUCT_IDS), array().cast("array<string>")))
                .select(SEGMENT_ID, SEGMENT_NAME, ACTION, CHANNEL, CUSTOMERS, FIRST_SEND_ON, LAST_SEND_ON, TOP_PRODUCT_IDS,
                        CONTROL_CUSTOMERS)
                .orderBy(SEGMENT_ID, ACTION, CHANNEL);
    }
}
