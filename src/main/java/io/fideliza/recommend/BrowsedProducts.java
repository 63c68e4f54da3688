package io.fideliza.recommend;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig.IntentSettings;
import io.fideliza.contract.EventType;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.RunContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Intent: the products each customer looked at again and again in the last days and has not bought since, the
 * strongest first. A view, a wishlist add and a search hit each add their weight; cart adds are cart recovery's.
 */
public final class BrowsedProducts {
    private BrowsedProducts() {
    }

    /** Output: customer_id, product_id, score (the weighted looks), because_product_id (the product itself). */
    public static Dataset<Row> of(CleanInputs in, RunContext run, IntentSettings intent) {
        Column since = lit(run.daysBeforeEnd(intent.windowDays()));
        Column weight = when(col(EVENT_TYPE).equalTo(EventType.VIEW.code()), lit(intent.view()))
                .when(col(EVENT_TYPE).equalTo(EventType.WISHLIST.code()), lit(intent.wishlist()))
                .when(col(EVENT_TYPE).equalTo(EventType.SEARCH.code()), lit(intent.search()))
                .otherwise(lit(0.0));
        Dataset<Row> looks = in.events().filter(col(PRODUCT_ID).isNotNull().and(col(OCCURRED_AT).geq(since)))
                .groupBy(CUSTOMER_ID, PRODUCT_ID)
                .agg(sum(weight).as(SCORE), max(OCCURRED_AT).as("_last_look"))
                .filter(col(SCORE).geq(intent.minScore()));
        // Bought after the last look (or at all, for a durable product): the intent was served.
        Dataset<Row> bought = Recommendations.purchases(in).groupBy(CUSTOMER_ID, PRODUCT_ID)
                .agg(max(ORDERED_AT).as("_last_bought"));
        Dataset<Row> available = in.products().filter(col(AVAILABLE)).select(PRODUCT_ID, CONSUMABLE);
        return looks.join(available, PRODUCT_ID)
                .join(bought, new String[] {CUSTOMER_ID, PRODUCT_ID}, "left")
                .filter(col("_last_bought").isNull().or(coalesce(col(CONSUMABLE), lit(false))
                        .and(col("_last_bought").lt(col("_last_look")))))
                .withColumn("_r", row_number().over(Window.partitionBy(CUSTOMER_ID)
                        .orderBy(col(SCORE).desc(), col("_last_look").desc(), col(PRODUCT_ID))))
                .filter(col("_r").leq(intent.maxProducts()))
                .select(col(CUSTOMER_ID), col(PRODUCT_ID), col(SCORE), col(PRODUCT_ID).as(BECAUSE_PRODUCT_ID));
    }
}
