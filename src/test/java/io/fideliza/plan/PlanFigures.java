package io.fideliza.plan;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.contract.RecommendationKind;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** {@code PlanFigures OUTPUT RUN_DATE}: per action the plans, sends and empty sends; per segment the only-popular share. */
public final class PlanFigures {
    private PlanFigures() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("figures")
                .config("spark.sql.shuffle.partitions", "4").config("spark.ui.enabled", "false").getOrCreate();
        String out = args[0];
        String d = "/run_date=" + args[1];
        Dataset<Row> plans = spark.read().parquet(out + "/action_plans" + d);
        plans.groupBy(ACTION).agg(count(lit(1)).as("plans"),
                        sum(when(col(CHANNEL).notEqual("none").and(not(col(CONTROL))), 1).otherwise(0)).as("sent"),
                        sum(when(col(CHANNEL).notEqual("none").and(not(col(CONTROL))).and(size(col(PRODUCT_IDS)).equalTo(0)), 1)
                                .otherwise(0)).as("sent_without_products"),
                        sum(when(col(REASON).startsWith("nothing new to say"), 1).otherwise(0)).as("nothing_new"))
                .orderBy(ACTION).show(20, false);
        Dataset<Row> recs = spark.read().parquet(out + "/recommendations" + d);
        Dataset<Row> segments = spark.read().parquet(out + "/segments" + d);
        Dataset<Row> only = recs.groupBy(CUSTOMER_ID)
                .agg(min(when(col(KIND).equalTo(RecommendationKind.POPULAR.code()), 1).otherwise(0)).as("_only"));
        segments.join(only, CUSTOMER_ID, "left").groupBy(SEGMENT_NAME)
                .agg(count(lit(1)).as("customers"), sum(coalesce(col("_only"), lit(0))).as("only_popular"))
                .withColumn("share", round(col("only_popular").divide(col("customers")), 3))
                .orderBy(SEGMENT_NAME).show(20, false);
        spark.stop();
    }
}
