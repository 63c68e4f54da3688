package io.fideliza.plan;

import static io.fideliza.contract.Columns.CUSTOMER_ID;
import static io.fideliza.contract.Columns.VALUE_AT_STAKE;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The customer's value at stake on their plan (an extra column of action_plans, from customer_value): the order in
 * which win-back and VIP care work is done, at-risk big spenders first (README, "Customer value").
 */
final class ValueAtStake {
    private ValueAtStake() {
    }

    /** {@code plans} with {@code value_at_stake} last (null for a customer without a purchase). */
    static Dataset<Row> addTo(Dataset<Row> plans, Dataset<Row> customerValue) {
        return plans.join(customerValue.select(col(CUSTOMER_ID), col(VALUE_AT_STAKE)), CUSTOMER_ID, "left");
    }
}
