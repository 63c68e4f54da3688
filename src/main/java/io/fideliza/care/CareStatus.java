package io.fideliza.care;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.CareRules;
import io.fideliza.config.CareSettings;
import io.fideliza.contract.FeatureColumns;
import io.fideliza.run.RunContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Where each customer stands in the service loop, for the planner: whether a ticket of theirs is in tonight's care
 * queue (then no marketing), and which satisfaction request is due: after their latest resolved ticket, else after
 * their first order, when it is recent (the playbook's care.feedback.within_days) and they have answered no survey
 * (nor rated the ticket) since. One row per customer with either.
 */
public final class CareStatus {
    public static final String IN_QUEUE = "in_care_queue";
    /** The queue reason of their most urgent ticket (null: not in the queue). */
    public static final String CARE_REASON = "care_reason";
    /** The survey to ask for (csat, ces, nps), the day of the event it is about, and when to ask. */
    public static final String FEEDBACK_KIND = "feedback_kind";
    public static final String FEEDBACK_SINCE = "feedback_since";
    public static final String FEEDBACK_DUE_ON = "feedback_due_on";
    /** The event in words, for the plan's reason: "ticket T1 resolved on 2026-06-28". */
    public static final String FEEDBACK_ABOUT = "feedback_about";

    private final RunContext run;
    private final CareSettings settings;
    private final CareRules rules;

    public CareStatus(RunContext run, CareSettings settings, CareRules rules) {
        this.run = run;
        this.settings = settings;
        this.rules = rules;
    }

    /**
     * @param queue    tonight's care_queue
     * @param features customer_features (first_order_date)
     */
    public Dataset<Row> of(Dataset<Row> queue, Dataset<Row> support, Dataset<Row> surveys, Dataset<Row> features) {
        Column since = lit(java.sql.Date.valueOf(run.runDate().minusDays(rules.withinDays())));
        Dataset<Row> inQueue = queue.groupBy(CUSTOMER_ID)
                .agg(min_by(col(QUEUE_REASON), col(PRIORITY)).as(CARE_REASON))
                .withColumn(IN_QUEUE, lit(true));
        Dataset<Row> lastAnswer = surveys.filter(col(ANSWERED_AT).lt(lit(run.runEnd())))
                .groupBy(CUSTOMER_ID).agg(max(run.day(col(ANSWERED_AT))).as("_last_answer"));
        Dataset<Row> tickets = new ServiceTargets(run, settings).asOfRun(support)
                .filter(not(col(ServiceTargets.OPEN)))
                .withColumn("_day", run.day(col(RESOLVED_AT)))
                .withColumn("_n", row_number().over(Window.partitionBy(CUSTOMER_ID)
                        .orderBy(col(RESOLVED_AT).desc(), col(TICKET_ID).desc())))
                .filter(col("_n").equalTo(1))
                // A CSAT on the ticket is the answer already.
                .filter(col("_day").geq(since).and(col(ServiceTargets.KNOWN_CSAT).isNull()))
                .select(col(CUSTOMER_ID), lit(rules.afterTicket().code()).as("_t_kind"), col("_day").as("_t_since"),
                        date_add(col("_day"), rules.daysAfterResolution()).as("_t_due"),
                        concat(lit("ticket "), col(TICKET_ID), lit(" resolved on "), col("_day").cast("string"))
                                .as("_t_about"));
        Dataset<Row> firstOrders = features.filter(col(FeatureColumns.FIRST_ORDER_DATE).geq(since))
                .select(col(CUSTOMER_ID), lit(rules.afterFirstOrder().code()).as("_o_kind"),
                        col(FeatureColumns.FIRST_ORDER_DATE).as("_o_since"),
                        date_add(col(FeatureColumns.FIRST_ORDER_DATE), rules.daysAfterFirstOrder()).as("_o_due"),
                        concat(lit("first order on "), col(FeatureColumns.FIRST_ORDER_DATE).cast("string"))
                                .as("_o_about"));
        Dataset<Row> feedback = tickets.join(firstOrders, CUSTOMER_ID, "full_outer")
                .join(lastAnswer, CUSTOMER_ID, "left");
        Column ticketDue = col("_t_since").isNotNull()
                .and(col("_last_answer").isNull().or(col("_last_answer").lt(col("_t_since"))));
        Column orderDue = col("_o_since").isNotNull()
                .and(col("_last_answer").isNull().or(col("_last_answer").lt(col("_o_since"))));
        feedback = feedback.select(col(CUSTOMER_ID),
                        when(ticketDue, col("_t_kind")).when(orderDue, col("_o_kind")).as(FEEDBACK_KIND),
                        when(ticketDue, col("_t_since")).when(orderDue, col("_o_since")).as(FEEDBACK_SINCE),
                        when(ticketDue, col("_t_due")).when(orderDue, col("_o_due")).as(FEEDBACK_DUE_ON),
                        when(ticketDue, col("_t_about")).when(orderDue, col("_o_about")).as(FEEDBACK_ABOUT))
                .filter(col(FEEDBACK_KIND).isNotNull());
        return inQueue.join(feedback, CUSTOMER_ID, "full_outer")
                .withColumn(IN_QUEUE, coalesce(col(IN_QUEUE), lit(false)))
                .select(CUSTOMER_ID, IN_QUEUE, CARE_REASON, FEEDBACK_KIND, FEEDBACK_SINCE, FEEDBACK_DUE_ON, FEEDBACK_ABOUT);
    }
}
