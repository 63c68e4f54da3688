package io.fideliza.recommend;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig.InteractionWeights;
import io.fideliza.contract.EventType;
import io.fideliza.contract.OrderStatus;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.RunContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Implicit feedback for ALS: purchases, cart adds, wishlists and views of each product, weighted,
 * halved every {@code half_life_days} before the run date; returns count against the product.
 */
public final class Interactions {
    public static final String STRENGTH = "strength";

    private Interactions() {
    }

    public static Dataset<Row> build(CleanInputs in, RunContext run, InteractionWeights w, double halfLifeDays) {
        Column runDate = lit(run.runDateSql());
        Dataset<Row> orders = in.orders().filter(not(OrderStatus.isCancelled()))
                .select(col(CUSTOMER_ID), col(PRODUCT_ID), col(ORDERED_AT).as("_at"),
                        when(OrderStatus.isReturn(), lit(w.returned()))
                                .otherwise(lit(w.purchase())).as("_weight"));
        Dataset<Row> events = in.events().filter(col(PRODUCT_ID).isNotNull())
                .select(col(CUSTOMER_ID), col(PRODUCT_ID), col(OCCURRED_AT).as("_at"),
                        when(col(EVENT_TYPE).equalTo(EventType.VIEW.code()), lit(w.view()))
                                .when(col(EVENT_TYPE).equalTo(EventType.CART_ADD.code()), lit(w.cartAdd()))
                                .when(col(EVENT_TYPE).equalTo(EventType.WISHLIST.code()), lit(w.wishlist()))
                                .otherwise(lit(0.0)).as("_weight"))
                .filter(col("_weight").notEqual(0.0));
        Column age = greatest(lit(0), datediff(runDate, run.day(col("_at"))));
        Column decay = pow(lit(0.5), age.divide(halfLifeDays));
        return orders.unionByName(events)
                .groupBy(CUSTOMER_ID, PRODUCT_ID)
                .agg(sum(col("_weight").multiply(decay)).as(STRENGTH))
                .filter(col(STRENGTH).gt(0.0));
    }
}
