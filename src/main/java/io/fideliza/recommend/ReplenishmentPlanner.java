package io.fideliza.recommend;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.contract.Action;
import io.fideliza.contract.OrderStatus;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.RunContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * When each customer will need each consumable again: the last purchase plus the product's
 * replenish_days, or where that is empty the customer's own median interval for it, else the
 * product's median interval over all customers. Due ones become replenishment recommendations.
 */
public final class ReplenishmentPlanner {
    public static final String INTERVAL_DAYS = "interval_days";
    public static final String INTERVAL_SOURCE = "interval_source";
    public static final String LAST_PURCHASE = "last_purchase";

    private final RunContext run;
    private final int windowDays;
    private final int overdueDays;

    public ReplenishmentPlanner(RunContext run, int windowDays, int overdueDays) {
        this.run = run;
        this.windowDays = windowDays;
        this.overdueDays = overdueDays;
    }

    /** Every (customer, consumable) with its expected next purchase date, due or not. */
    public Dataset<Row> expectedPurchases(CleanInputs in) {
        Dataset<Row> consumables = in.products().filter(col(CONSUMABLE))
                .select(col(PRODUCT_ID), col(REPLENISH_DAYS), col(AVAILABLE));
        Dataset<Row> days = in.orders().filter(OrderStatus.isPurchase())
                .join(consumables.select(PRODUCT_ID), PRODUCT_ID)
                .select(col(CUSTOMER_ID), col(PRODUCT_ID), run.day(col(ORDERED_AT)).as("_day")).distinct();
        Dataset<Row> gaps = days.withColumn("_gap", datediff(col("_day"),
                lag(col("_day"), 1).over(Window.partitionBy(CUSTOMER_ID, PRODUCT_ID).orderBy("_day"))));
        Dataset<Row> perCustomer = gaps.groupBy(CUSTOMER_ID, PRODUCT_ID).agg(
                max("_day").as(LAST_PURCHASE),
                percentile_approx(col("_gap"), lit(0.5), lit(1000)).as("_own_interval"));
        Dataset<Row> perProduct = gaps.filter(col("_gap").isNotNull()).groupBy(PRODUCT_ID)
                .agg(percentile_approx(col("_gap"), lit(0.5), lit(1000)).as("_typical_interval"));
        Column interval = coalesce(col(REPLENISH_DAYS), col("_own_interval"), col("_typical_interval"));
        return perCustomer.join(consumables, PRODUCT_ID).join(perProduct, PRODUCT_ID, "left")
                .withColumn(INTERVAL_DAYS, interval)
                .withColumn(INTERVAL_SOURCE, when(col(REPLENISH_DAYS).isNotNull(), lit("declared"))
                        .when(col("_own_interval").isNotNull(), lit("customer"))
                        .when(col("_typical_interval").isNotNull(), lit("product")))
                .filter(col(INTERVAL_DAYS).isNotNull().and(col(INTERVAL_DAYS).gt(0)))
                .withColumn(DUE_DATE, date_add(col(LAST_PURCHASE), col(INTERVAL_DAYS)))
                .select(CUSTOMER_ID, PRODUCT_ID, LAST_PURCHASE, INTERVAL_DAYS, INTERVAL_SOURCE, DUE_DATE, AVAILABLE);
    }

    /** Consumables due within the window (or overdue, but not so long that the customer has clearly moved on). */
    public Dataset<Row> due(CleanInputs in) {
        Column runDate = lit(run.runDateSql());
        Column daysToDue = datediff(col(DUE_DATE), runDate);
        return expectedPurchases(in)
                .filter(col(AVAILABLE).and(daysToDue.leq(windowDays)).and(daysToDue.geq(-overdueDays)))
                .select(col(CUSTOMER_ID), col(PRODUCT_ID), col(DUE_DATE),
                        lit(1.0).divide(lit(1.0).plus(abs(daysToDue))).as(SCORE),
                        col(PRODUCT_ID).as(BECAUSE_PRODUCT_ID));
    }

    /**
     * The consumables each lapsed customer (no order for {@link Action#LAPSED_AFTER_DAYS} days) used to buy, the most
     * bought first, available and not due any more ({@code due} holds the due ones): a win-back's first offer.
     * Output: customer_id, product_id, score (times bought), because_product_id (the product itself).
     */
    public Dataset<Row> usedToBuy(CleanInputs in, Dataset<Row> due) {
        Dataset<Row> purchases = in.orders().filter(OrderStatus.isPurchase());
        Dataset<Row> lapsed = purchases.groupBy(CUSTOMER_ID).agg(max(run.day(col(ORDERED_AT))).as("_last_order"))
                .filter(col("_last_order").leq(date_sub(lit(run.runDateSql()), Action.LAPSED_AFTER_DAYS)))
                .select(CUSTOMER_ID);
        Dataset<Row> consumables = in.products().filter(col(CONSUMABLE).and(col(AVAILABLE))).select(PRODUCT_ID);
        return purchases.join(lapsed, CUSTOMER_ID).join(consumables, PRODUCT_ID)
                .groupBy(CUSTOMER_ID, PRODUCT_ID).agg(countDistinct(col(ORDER_ID)).cast("double").as(SCORE))
                .join(due.select(CUSTOMER_ID, PRODUCT_ID), new String[] {CUSTOMER_ID, PRODUCT_ID}, "left_anti")
                .select(col(CUSTOMER_ID), col(PRODUCT_ID), col(SCORE), col(PRODUCT_ID).as(BECAUSE_PRODUCT_ID));
    }
}
