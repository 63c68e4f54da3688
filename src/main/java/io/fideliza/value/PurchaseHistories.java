package io.fideliza.value;

import static io.fideliza.contract.Columns.CUSTOMER_ID;
import static io.fideliza.contract.Columns.ORDERED_AT;
import static io.fideliza.contract.Columns.QUANTITY;
import static io.fideliza.contract.Columns.UNIT_PRICE;
import static org.apache.spark.sql.functions.*;

import io.fideliza.contract.OrderStatus;
import io.fideliza.run.RunContext;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Customers' purchase days (a day with at least one completed line bought, in the run's zone) summarised as the
 * BG/NBD model reads them at an observation end ({@link History}), collected to the driver: a few numbers per
 * customer. Returns are not subtracted: the model counts purchase occasions and what they were worth.
 */
final class PurchaseHistories {
    private static final String DAY = "_day";
    private static final String VALUE = "_value";

    private final Dataset<Row> days;
    private Double meanSpend;

    /**
     * Money is summed as decimals, exactly, and turned into doubles after: double sums depend on the order rows
     * arrive in, which depends on how Spark splits the work, and the fit magnifies such last-digit differences.
     *
     * @param orders the validated order lines
     */
    PurchaseHistories(Dataset<Row> orders, RunContext run) {
        this.days = orders.filter(OrderStatus.isPurchase())
                .groupBy(col(CUSTOMER_ID), run.day(col(ORDERED_AT)).as(DAY))
                .agg(sum(col(QUANTITY).multiply(col(UNIT_PRICE))).as(VALUE))
                .persist(StorageLevel.MEMORY_AND_DISK()); // read three or four times: the split, the refit, the scores
    }

    /** Frees the purchase days once the stage is done. */
    void release() {
        days.unpersist();
    }

    /** Mean spend of a purchase day over the whole history, for a model without repeat buyers to fall back on. */
    double meanSpend() {
        if (meanSpend == null) {
            Row r = days.agg(avg(VALUE).cast("double")).first();
            meanSpend = r.isNullAt(0) ? 0.0 : r.getDouble(0);
        }
        return meanSpend;
    }

    /**
     * Every customer with a purchase day on or before {@code end}, as of {@code end}; {@code boughtAfter} whether
     * they bought in the {@code horizonDays} days after it (always false at the run date: later rows are not read).
     */
    List<History> asOf(LocalDate end, int horizonDays) {
        Column endDay = lit(Date.valueOf(end));
        Column before = col(DAY).leq(endDay);
        Column after = col(DAY).gt(endDay).and(col(DAY).leq(lit(Date.valueOf(end.plusDays(horizonDays)))));
        Dataset<Row> summary = days.groupBy(CUSTOMER_ID).agg(
                        min(when(before, struct(col(DAY), col(VALUE)))).as("_first"),
                        max(when(before, col(DAY))).as("_last"),
                        count(when(before, lit(1))).as("_days"),
                        sum(when(before, col(VALUE))).as("_total"),
                        max(after).as("_after"))
                .filter(col("_first").isNotNull())
                .select(col(CUSTOMER_ID), col("_days").minus(1).cast("int"),
                        datediff(col("_last"), col("_first." + DAY)),
                        datediff(endDay, col("_first." + DAY)),
                        when(col("_days").gt(1), col("_total").minus(col("_first." + VALUE)).cast("double")
                                .divide(col("_days").minus(1))).otherwise(lit(0.0)),
                        coalesce(col("_after"), lit(false)))
                .orderBy(CUSTOMER_ID);
        List<History> out = new ArrayList<>();
        for (Row r : summary.collectAsList()) {
            out.add(new History(r.getString(0), r.getInt(1), r.getInt(2), r.getInt(3), r.getDouble(4), r.getBoolean(5)));
        }
        return out;
    }
}
