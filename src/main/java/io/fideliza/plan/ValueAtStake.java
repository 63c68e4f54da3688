package io.fideliza.plan;

import static io.fideliza.contract.Columns.ACTION;
import static io.fideliza.contract.Columns.CHANNEL;
import static io.fideliza.contract.Columns.CONTROL;
import static io.fideliza.contract.Columns.CUSTOMER_ID;
import static io.fideliza.contract.Columns.PRIORITY;
import static io.fideliza.contract.Columns.URGENCY;
import static io.fideliza.contract.Columns.VALUE_AT_STAKE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.fideliza.contract.Channel;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The customer's value at stake on their plan (an extra column of action_plans, from customer_value) and the order
 * the night's plan is worked in: {@code priority} 1 is the first row to send. Service recovery before selling (the
 * action's {@code urgency}), then at-risk big spenders first (README, "Customer value").
 */
final class ValueAtStake {
    private ValueAtStake() {
    }

    /**
     * {@code plans} (their {@code priority} the action's urgency tier, as the planner sets it) with
     * {@code value_at_stake} and {@code urgency} last, and {@code priority} the rank over the whole plan: rows to send
     * first, by urgency, then value at stake (customers without a purchase last), then customer id.
     */
    static Dataset<Row> rank(Dataset<Row> plans, Optional<Dataset<Row>> customerValue) {
        Dataset<Row> valued = customerValue
                .map(v -> plans.join(v.select(col(CUSTOMER_ID), col(VALUE_AT_STAKE)), CUSTOMER_ID, "left"))
                .orElseGet(() -> plans.withColumn(VALUE_AT_STAKE, lit(null).cast("double")));
        // The whole night's plan in one order: a few rows per customer, small enough for one partition.
        return valued.withColumn(URGENCY, col(PRIORITY))
                .withColumn(PRIORITY, row_number().over(Window.orderBy(
                        col(CONTROL).or(col(CHANNEL).equalTo(Channel.NONE.code())), col(URGENCY),
                        col(VALUE_AT_STAKE).desc_nulls_last(), col(CUSTOMER_ID), col(ACTION))));
    }
}
