package io.fideliza.contract;

import static io.fideliza.contract.Columns.*;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The schemas of the outputs that are built row by row (the others are the columns their Spark
 * transformations select): declared once, for the stage that writes them and the tests that read them.
 */
public final class OutputSchemas {
    private OutputSchemas() {
    }

    /** {@code segment_centroids}: the centroid each segment was matched on, in the log-scaled behaviour space. */
    public static final StructType SEGMENT_CENTROIDS = new StructType()
            .add(SEGMENT_ID, DataTypes.IntegerType)
            .add(SEGMENT_NAME, DataTypes.StringType)
            .add(SEGMENT_DESCRIPTION, DataTypes.StringType)
            .add(CUSTOMERS, DataTypes.LongType)
            .add(CENTER, DataTypes.createArrayType(DataTypes.DoubleType, false));

    /**
     * {@code segment_refit_migrations}: on a night that refits the segment model, customers per (segment the model
     * in place gives them, segment the new model gives them); empty on other nights.
     */
    public static final StructType SEGMENT_REFIT_MIGRATIONS = new StructType()
            .add(FROM_MODEL_VERSION, DataTypes.IntegerType)
            .add(FROM_SEGMENT_ID, DataTypes.IntegerType)
            .add(FROM_SEGMENT_NAME, DataTypes.StringType)
            .add(TO_MODEL_VERSION, DataTypes.IntegerType, false)
            .add(TO_SEGMENT_ID, DataTypes.IntegerType, false)
            .add(TO_SEGMENT_NAME, DataTypes.StringType, false)
            .add(CUSTOMERS, DataTypes.LongType, false)
            .add(CHANGE, DataTypes.StringType, false)
            .add(MOVE_CAUSE, DataTypes.StringType);

    /** {@code action_plans}: one next action per customer. */
    public static final StructType ACTION_PLANS = new StructType()
            .add(CUSTOMER_ID, DataTypes.StringType, false)
            .add(SEGMENT_ID, DataTypes.IntegerType, false)
            .add(SEGMENT_NAME, DataTypes.StringType, false)
            .add(ACTION, DataTypes.StringType, false)
            .add(CHANNEL, DataTypes.StringType, false)
            .add(SEND_ON, DataTypes.DateType, true)
            .add(PRIORITY, DataTypes.IntegerType, false)
            .add(PRODUCT_IDS, DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add(REASON, DataTypes.StringType, false)
            .add(OFFER_ID, DataTypes.StringType, true)
            .add(PRODUCT_NAMES, DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add(PLAYBOOK_RULE, DataTypes.StringType, true)
            .add(CONTROL, DataTypes.BooleanType, false)
            .add(REASON_CODE, DataTypes.StringType, false)
            .add(REASON_ARGS, DataTypes.createArrayType(DataTypes.StringType, false), false);

    /** {@code action_outcomes}: per plan run date, action, segment and offer, treated against control. */
    public static final StructType ACTION_OUTCOMES = new StructType()
            .add(ACTION, DataTypes.StringType, false)
            .add(SEGMENT_ID, DataTypes.IntegerType, false)
            .add(OFFER_ID, DataTypes.StringType, true)
            .add(PLAN_RUN_DATE, DataTypes.DateType, false)
            .add(WINDOW_DAYS, DataTypes.IntegerType, false)
            .add(TREATED, DataTypes.LongType, false)
            .add(CONTROL, DataTypes.LongType, false)
            .add(TREATED_CONVERTED, DataTypes.LongType, false)
            .add(CONTROL_CONVERTED, DataTypes.LongType, false)
            .add(UPLIFT, DataTypes.DoubleType, true)
            .add(UPLIFT_LOW, DataTypes.DoubleType, true)
            .add(UPLIFT_HIGH, DataTypes.DoubleType, true)
            .add(REVENUE_PER_TREATED, DataTypes.DoubleType, true)
            .add(REVENUE_PER_CONTROL, DataTypes.DoubleType, true)
            .add(SEGMENT_NAME, DataTypes.StringType, true);

    /** {@code customer_value}: per customer with a purchase, churn risk and value over the horizon. */
    public static final StructType CUSTOMER_VALUE = new StructType()
            .add(CUSTOMER_ID, DataTypes.StringType, false)
            .add(CHURN_RISK, DataTypes.DoubleType, false)
            .add(EXPECTED_NEXT_ORDER_ON, DataTypes.DateType, true)
            .add(EXPECTED_ORDERS, DataTypes.DoubleType, false)
            .add(EXPECTED_VALUE, DataTypes.DoubleType, false)
            .add(HORIZON_DAYS, DataTypes.IntegerType, false)
            .add(MODEL_VERSION, DataTypes.IntegerType, false)
            .add(P_ALIVE, DataTypes.DoubleType, false)
            .add(EXPECTED_SPEND, DataTypes.DoubleType, false)
            .add(VALUE_AT_STAKE, DataTypes.DoubleType, false);
}
