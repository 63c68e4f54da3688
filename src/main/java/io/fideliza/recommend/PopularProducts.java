package io.fideliza.recommend;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * What each segment buys most (share of the segment's customers who bought it): the fallback for
 * customers with too little history for collaborative filtering. A segment whose customers bought nothing (those
 * who only browse) falls back on what all customers buy most.
 */
public final class PopularProducts {
    private PopularProducts() {
    }

    /**
     * Top {@code n} per customer in {@code who}, from their segment's most bought available products, then
     * everyone's, without what the customer already bought. Output: customer_id, product_id, score.
     */
    public static Dataset<Row> forCustomers(Dataset<Row> who, Dataset<Row> segments, Dataset<Row> purchases,
                                            Dataset<Row> availableProducts, int n) {
        Dataset<Row> sizes = segments.groupBy(SEGMENT_ID).agg(count(lit(1)).as("_size"));
        Dataset<Row> owned = purchases.select(CUSTOMER_ID, PRODUCT_ID).distinct();
        Dataset<Row> popular = owned
                .join(segments.select(CUSTOMER_ID, SEGMENT_ID), CUSTOMER_ID)
                .join(availableProducts.select(PRODUCT_ID), PRODUCT_ID)
                .groupBy(SEGMENT_ID, PRODUCT_ID).agg(count(lit(1)).as("_buyers"))
                .join(sizes, SEGMENT_ID)
                .withColumn(SCORE, col("_buyers").divide(col("_size")))
                .withColumn("_r", row_number().over(Window.partitionBy(SEGMENT_ID)
                        .orderBy(col("_buyers").desc(), col(PRODUCT_ID))))
                // Enough spare candidates for customers who already own some of them.
                .filter(col("_r").leq(n * 3))
                .select(col(SEGMENT_ID), col(PRODUCT_ID), col(SCORE), lit(0).as("_tier"));
        Dataset<Row> buyers = purchases.select(CUSTOMER_ID).distinct();
        Dataset<Row> everyone = owned
                .join(availableProducts.select(PRODUCT_ID), PRODUCT_ID)
                .groupBy(PRODUCT_ID).agg(count(lit(1)).as("_buyers"))
                .withColumn("_r", row_number().over(Window.orderBy(col("_buyers").desc(), col(PRODUCT_ID))))
                .filter(col("_r").leq(n * 3))
                .crossJoin(buyers.agg(count(lit(1)).as("_all")))
                .select(col(PRODUCT_ID), col("_buyers").divide(col("_all")).as(SCORE), lit(1).as("_tier"));
        Dataset<Row> inSegment = who.select(CUSTOMER_ID).join(segments.select(CUSTOMER_ID, SEGMENT_ID), CUSTOMER_ID);
        return inSegment.join(broadcast(popular), SEGMENT_ID).select(CUSTOMER_ID, PRODUCT_ID, SCORE, "_tier")
                .unionByName(inSegment.crossJoin(broadcast(everyone)).select(CUSTOMER_ID, PRODUCT_ID, SCORE, "_tier"))
                .join(owned, scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(CUSTOMER_ID, PRODUCT_ID)).toSeq(), "left_anti")
                .withColumn("_dup", row_number().over(Window.partitionBy(CUSTOMER_ID, PRODUCT_ID).orderBy(col("_tier"))))
                .filter(col("_dup").equalTo(1))
                .withColumn("_r", row_number().over(Window.partitionBy(CUSTOMER_ID)
                        .orderBy(col("_tier"), col(SCORE).desc(), col(PRODUCT_ID))))
                .filter(col("_r").leq(n))
                .select(CUSTOMER_ID, PRODUCT_ID, SCORE);
    }
}
