package io.fideliza.tools;

import static org.apache.spark.sql.functions.*;

import io.fideliza.spark.SparkSessions;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * For scripts/bench-vs-mllib: the job a Spark user would write by hand for what Fideliza does at its core, the
 * yardstick issue 24 sets for the pipeline's own cost. Spark's CSV reader, recency/frequency/monetary per customer,
 * one k-means (k 6), implicit ALS with the pipeline's final settings (rank 16, 10 iterations) on purchased
 * quantities, {@code recommendForAllUsers(10)}; segments and recommendations written as Parquet. No validation,
 * no quarantine, no model choice, no plans: what it leaves out is what the comparison prices.
 * Usage: PlainMllibJob INPUT OUTPUT RUN_DATE
 */
public final class PlainMllibJob {
    private PlainMllibJob() {
    }

    public static void main(String[] args) {
        String input = args[0];
        String output = args[1];
        String runDate = args[2];
        SparkSession spark = SparkSessions.create(System.getProperty("fideliza.master", "local[*]"),
                Integer.getInteger("fideliza.shuffle_partitions", 4), "UTC");
        try {
            long start = System.nanoTime();
            // try_cast: Spark 4 runs ANSI SQL, and the benchmark sizes hold deliberately broken rows.
            Dataset<Row> orders = spark.read().option("header", true).csv(input + "/orders*.csv")
                    .select(col("customer_id"), col("product_id"), col("order_id"),
                            expr("try_cast(try_to_timestamp(ordered_at) as date)").as("ordered_on"),
                            expr("try_cast(quantity as int)").as("quantity"),
                            expr("try_cast(unit_price as double)").as("unit_price"))
                    .filter("customer_id is not null and product_id is not null and ordered_on is not null"
                            + " and quantity > 0 and unit_price is not null")
                    .cache();

            Dataset<Row> rfm = orders.groupBy("customer_id").agg(
                    datediff(lit(runDate).cast("date"), max("ordered_on")).cast("double").as("recency"),
                    countDistinct("order_id").cast("double").as("frequency"),
                    sum(col("quantity").multiply(col("unit_price"))).as("monetary"));
            Dataset<Row> assembled = new VectorAssembler()
                    .setInputCols(new String[] {"recency", "frequency", "monetary"}).setOutputCol("raw")
                    .transform(rfm);
            Dataset<Row> scaled = new StandardScaler().setInputCol("raw").setOutputCol("features")
                    .setWithMean(true).setWithStd(true).fit(assembled).transform(assembled).cache();
            KMeansModel kmeans = new KMeans().setK(6).setSeed(11).fit(scaled);
            kmeans.transform(scaled).select(col("customer_id"), col("prediction").as("segment_id"))
                    .write().mode(SaveMode.Overwrite).parquet(output + "/segments");

            StringIndexerModel customers = new StringIndexer().setInputCol("customer_id").setOutputCol("user")
                    .fit(orders);
            StringIndexerModel products = new StringIndexer().setInputCol("product_id").setOutputCol("item")
                    .fit(orders);
            Dataset<Row> ratings = products.transform(customers.transform(orders))
                    .groupBy("user", "item").agg(sum("quantity").cast("float").as("rating"));
            ALSModel als = new ALS().setImplicitPrefs(true).setRank(16).setMaxIter(10).setRegParam(1.0)
                    .setAlpha(3.0).setSeed(11).setUserCol("user").setItemCol("item").setRatingCol("rating")
                    .fit(ratings);
            als.recommendForAllUsers(10)
                    .write().mode(SaveMode.Overwrite).parquet(output + "/recommendations");
            System.out.printf("{\"plain_mllib_seconds\": %.1f, \"customers\": %d}%n",
                    (System.nanoTime() - start) / 1e9, spark.read().parquet(output + "/segments").count());
        } finally {
            spark.stop();
        }
    }
}
