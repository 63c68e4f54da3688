package io.fideliza.features;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig.FeatureSettings;
import io.fideliza.contract.Channel;
import io.fideliza.contract.Columns;
import io.fideliza.contract.FeatureColumns;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.contract.EventType;
import io.fideliza.contract.NpsGroup;
import io.fideliza.contract.OrderChannel;
import io.fideliza.contract.OrderStatus;
import io.fideliza.contract.SupportChannel;
import io.fideliza.contract.SurveyKind;
import io.fideliza.run.RunContext;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Features: one row per customer as of the run date, from orders, browsing, support and surveys.
 * Every customer seen in any input gets a row, including those who only browsed or never ordered.
 */
public final class CustomerFeatures {
    private static final String PURCHASED = "_purchased";
    private static final String LINE_VALUE = "_line_value";

    private final RunContext run;
    private final FeatureSettings settings;

    public CustomerFeatures(RunContext run, FeatureSettings settings) {
        this.run = run;
        this.settings = settings;
    }

    public Dataset<Row> compute(CleanInputs in) {
        Dataset<Row> universe = in.customers().select(CUSTOMER_ID)
                .union(in.orders().select(CUSTOMER_ID))
                .union(in.events().select(CUSTOMER_ID))
                .union(in.support().select(CUSTOMER_ID))
                .union(in.surveys().select(CUSTOMER_ID))
                .distinct();
        Dataset<Row> features = universe
                .join(orderFeatures(in), CUSTOMER_ID, "left")
                .join(intervalFeatures(in), CUSTOMER_ID, "left")
                .join(browsingFeatures(in), CUSTOMER_ID, "left")
                .join(cartFeatures(in), CUSTOMER_ID, "left")
                .join(supportFeatures(in), CUSTOMER_ID, "left")
                .join(surveyFeatures(in), CUSTOMER_ID, "left")
                .join(in.customers().select(col(CUSTOMER_ID), col(SIGNUP_DATE), col(COUNTRY),
                        col(MARKETING_OPT_IN), col(EMAIL).isNotNull().as(HAS_EMAIL)), CUSTOMER_ID, "left");
        Column runDate = lit(run.runDateSql());
        Column firstSeen = least(col(SIGNUP_DATE), col(FIRST_ORDER_DATE), col("_first_visit"));
        Column tenure = greatest(lit(0), datediff(runDate, firstSeen));
        Column unhappiness = when(col(OPEN_TICKETS).gt(0), 1).otherwise(0)
                .plus(when(col(LAST_CSAT).leq(2), 1).otherwise(0))
                .plus(when(recentDetractor(), 1).otherwise(0));
        Column recoveryReason = when(col(OPEN_TICKETS).gt(0), lit("open support ticket"))
                .when(col("_recent_low_csat"), lit("recent CSAT of 2 or less"))
                .when(recentDetractor(), lit("recent NPS detractor"));
        Column contactable = in.everyoneContactable() ? lit(true) : coalesce(col(MARKETING_OPT_IN), lit(false));
        return features
                .withColumn(ORDERS, coalesce(col(ORDERS), lit(0L)))
                .withColumn(MONETARY, coalesce(col(MONETARY), lit(0.0)))
                .withColumn(RECENCY_DAYS, datediff(runDate, col(LAST_ORDER_DATE)))
                .withColumn(TENURE_DAYS, coalesce(tenure, lit(0)))
                .withColumn(AVG_ORDER_VALUE, when(col(ORDERS).gt(0), col(MONETARY).divide(col(ORDERS))))
                .withColumn(ORDERS_PER_MONTH, col(ORDERS).divide(greatest(lit(1.0), col(TENURE_DAYS).divide(30.0))))
                .withColumn(REPEAT_CUSTOMER, col(ORDERS).geq(2))
                .withColumn(VIEWS, coalesce(col(VIEWS), lit(0L)))
                .withColumn(SESSIONS, coalesce(col(SESSIONS), lit(0L)))
                .withColumn(VIEWS_PER_ORDER, col(VIEWS).divide(greatest(col(ORDERS), lit(1L))))
                .withColumn(CART_ADDS, coalesce(col(CART_ADDS), lit(0L)))
                .withColumn(ABANDONED_CARTS, coalesce(col(ABANDONED_CARTS), lit(0L)))
                .withColumn(CART_ABANDONMENT_RATE, when(col(CART_ADDS).gt(0), col(ABANDONED_CARTS).divide(col(CART_ADDS)))
                        .otherwise(lit(0.0)))
                .withColumn(RECENT_ABANDONED_PRODUCT_IDS, coalesce(col(RECENT_ABANDONED_PRODUCT_IDS),
                        array().cast("array<string>")))
                .withColumn(DAYS_SINCE_LAST_VISIT, datediff(runDate, col("_last_visit")))
                .withColumn(TICKETS, coalesce(col(TICKETS), lit(0L)))
                .withColumn(SUPPORT_CONTACTS, coalesce(col(SUPPORT_CONTACTS), lit(0L)))
                .withColumn(OPEN_TICKETS, coalesce(col(OPEN_TICKETS), lit(0L)))
                .withColumn(SUPPORT_COST, coalesce(col(SUPPORT_COST), lit(0.0)))
                .withColumn(UNHAPPINESS, unhappiness)
                .withColumn(NEEDS_SERVICE_RECOVERY, recoveryReason.isNotNull())
                .withColumn(RECOVERY_REASON, recoveryReason)
                // The day the problem arose, so a recovery contact after it is known to be about it. Never after the
                // run date: an extract may already hold a resolution dated later, and a problem dated in the future
                // would make every call before it look like one about another problem.
                .withColumn(RECOVERY_SINCE, least(runDate, when(col(OPEN_TICKETS).gt(0), run.day(col("_open_since")))
                        .when(col("_recent_low_csat"), run.day(col("_low_csat_at")))
                        .when(recentDetractor(), run.day(col("_last_nps_at")))))
                .withColumn(LAST_ABANDONED_CART_DATE, run.day(col("_last_abandoned_at")))
                .withColumn(PREFERRED_CHANNEL, preferredChannel())
                .withColumn(CONTACTABLE, contactable)
                .withColumn(HAS_EMAIL, coalesce(col(HAS_EMAIL), lit(false)))
                .withColumn(Columns.CSAT_AVG, coalesce(col("_ticket_csat_avg").plus(col("_survey_csat_avg")).divide(2),
                        col("_ticket_csat_avg"), col("_survey_csat_avg")))
                .select(outputColumns());
    }

    private static Column recentDetractor() {
        return col(NPS_GROUP).equalTo(NpsGroup.DETRACTOR.code()).and(col("_recent_nps"));
    }

    /** Output columns: {@link io.fideliza.contract.FeatureColumns#ALL}. */
    private static Column[] outputColumns() {
        return io.fideliza.contract.FeatureColumns.ALL.stream().map(n -> col(n)).toArray(Column[]::new);
    }

    /** Order lines with their value, and whether each is a purchase. */
    static Dataset<Row> orderLines(CleanInputs in) {
        return in.orders()
                .withColumn(PURCHASED, OrderStatus.isPurchase())
                .withColumn(LINE_VALUE, col(QUANTITY).multiply(col(UNIT_PRICE)).cast("double"));
    }

    /**
     * Order lines, each purchase marked with whether its whole order came back ({@code _kept}: false then). A return
     * line counts against the customer's purchase of that product in the same order, or else the latest one at or
     * before it; an order is fully returned when every line's units came back.
     */
    static Dataset<Row> withKeptOrders(Dataset<Row> lines) {
        Dataset<Row> bought = lines.filter(col(PURCHASED)).groupBy(CUSTOMER_ID, ORDER_ID, PRODUCT_ID)
                .agg(max(ORDERED_AT).as("_bought_at"), sum(QUANTITY).as("_bought"));
        Dataset<Row> returns = lines.filter(OrderStatus.isReturn().and(not(col(PURCHASED))))
                .select(col(CUSTOMER_ID).as("_r_customer"), col(PRODUCT_ID).as("_r_product"),
                        col(ORDER_ID).as("_r_order"), col(ORDERED_AT).as("_returned_at"),
                        abs(col(QUANTITY)).as("_units"), monotonically_increasing_id().as("_return"));
        Dataset<Row> attributed = returns.join(bought, col("_r_customer").equalTo(col(CUSTOMER_ID))
                        .and(col("_r_product").equalTo(col(PRODUCT_ID)))
                        .and(col("_bought_at").leq(col("_returned_at")).or(col("_r_order").equalTo(col(ORDER_ID)))))
                .withColumn("_pick", row_number().over(Window.partitionBy("_return").orderBy(
                        when(col("_r_order").equalTo(col(ORDER_ID)), 0).otherwise(1), col("_bought_at").desc())))
                .filter(col("_pick").equalTo(1))
                .groupBy(CUSTOMER_ID, ORDER_ID, PRODUCT_ID).agg(sum("_units").as("_returned"));
        Dataset<Row> kept = bought.join(attributed, new String[] {CUSTOMER_ID, ORDER_ID, PRODUCT_ID}, "left")
                .groupBy(CUSTOMER_ID, ORDER_ID)
                .agg(max(coalesce(col("_returned"), lit(0L)).lt(col("_bought"))).as("_kept"));
        return lines.join(kept, new String[] {CUSTOMER_ID, ORDER_ID}, "left")
                .withColumn("_kept", col(PURCHASED).and(coalesce(col("_kept"), lit(true))));
    }

    private Dataset<Row> orderFeatures(CleanInputs in) {
        Dataset<Row> lines = withKeptOrders(orderLines(in))
                .join(in.products().select(PRODUCT_ID, CATEGORY), PRODUCT_ID, "left");
        Column returned = OrderStatus.isReturn();
        Column purchased = col(PURCHASED);
        Dataset<Row> perCustomer = lines.groupBy(CUSTOMER_ID).agg(
                // A fully returned order is not an order: not for counts, repeat purchase or frequency.
                countDistinct(when(col("_kept"), col(ORDER_ID))).as(ORDERS),
                min(when(purchased, run.day(col(ORDERED_AT)))).as(FIRST_ORDER_DATE),
                max(when(purchased, run.day(col(ORDERED_AT)))).as(LAST_ORDER_DATE),
                sum(when(purchased, col(LINE_VALUE)).when(returned, negate(abs(col(LINE_VALUE)))).otherwise(0.0))
                        .as(MONETARY),
                sum(when(returned, abs(col(QUANTITY))).otherwise(0)).as("_returned_units"),
                sum(when(purchased, col(QUANTITY)).otherwise(0)).as("_bought_units"),
                countDistinct(when(purchased, col(CATEGORY))).as(CATEGORY_BREADTH));
        Dataset<Row> channel = mode(lines.filter(purchased.and(col(CHANNEL).isNotNull())), CHANNEL,
                PREFERRED_ORDER_CHANNEL);
        return perCustomer
                .withColumn(MONETARY, round(col(MONETARY), 2))
                .withColumn(RETURN_RATE, when(col("_bought_units").gt(0),
                        col("_returned_units").divide(col("_bought_units"))).otherwise(lit(0.0)))
                .drop("_returned_units", "_bought_units")
                .join(channel, CUSTOMER_ID, "left");
    }

    /** Mean and regularity (coefficient of variation) of the days between distinct order days. */
    private Dataset<Row> intervalFeatures(CleanInputs in) {
        Dataset<Row> days = withKeptOrders(orderLines(in)).filter(col("_kept"))
                .select(col(CUSTOMER_ID), run.day(col(ORDERED_AT)).as("_day")).distinct();
        Column gap = datediff(col("_day"), lag(col("_day"), 1).over(Window.partitionBy(CUSTOMER_ID).orderBy("_day")));
        return days.withColumn("_gap", gap).filter(col("_gap").isNotNull())
                .groupBy(CUSTOMER_ID).agg(avg("_gap").as(MEAN_INTERPURCHASE_DAYS),
                        coalesce(stddev_pop("_gap").divide(avg("_gap")), lit(0.0)).as(INTERPURCHASE_CV));
    }

    private Dataset<Row> browsingFeatures(CleanInputs in) {
        Dataset<Row> events = in.events();
        // Without a session id, a customer's visits of one day are one session.
        Column session = coalesce(col(SESSION_ID), run.day(col(OCCURRED_AT)).cast("string"));
        return events.groupBy(CUSTOMER_ID).agg(
                sum(when(col(EVENT_TYPE).equalTo(EventType.VIEW.code()), 1).otherwise(0)).cast("long").as(VIEWS),
                countDistinct(session).as(SESSIONS),
                sum(when(col(EVENT_TYPE).equalTo(EventType.CART_ADD.code()), 1).otherwise(0)).cast("long").as(CART_ADDS),
                min(run.day(col(OCCURRED_AT))).as("_first_visit"),
                max(run.day(col(OCCURRED_AT))).as("_last_visit"));
    }

    /**
     * A cart add is abandoned when the customer orders no line of that product within
     * {@code cart_abandon_days} after it; recent abandoned products feed cart recovery.
     */
    private Dataset<Row> cartFeatures(CleanInputs in) {
        Dataset<Row> adds = in.events().filter(col(EVENT_TYPE).equalTo(EventType.CART_ADD.code()))
                .select(col(CUSTOMER_ID), col(PRODUCT_ID), col(OCCURRED_AT).as("_added_at"));
        Dataset<Row> bought = orderLines(in).filter(col(PURCHASED))
                .select(col(CUSTOMER_ID).as("_b_customer"), col(PRODUCT_ID).as("_b_product"),
                        col(ORDERED_AT).as("_bought_at"));
        Column followed = col("_b_customer").equalTo(col(CUSTOMER_ID)).and(col("_b_product").equalTo(col(PRODUCT_ID)))
                .and(col("_bought_at").geq(col("_added_at")))
                .and(col("_bought_at").leq(col("_added_at").plus(expr("INTERVAL " + settings.cartAbandonDays() + " DAYS"))));
        Dataset<Row> abandoned = adds.join(bought, followed, "left_anti");
        Column recent = col("_added_at").geq(lit(run.daysBeforeEnd(settings.cartRecoveryDays())));
        return abandoned.groupBy(CUSTOMER_ID).agg(
                count(lit(1)).as(ABANDONED_CARTS),
                // Most recent first, so the products a message shows are the freshest.
                transform(sort_array(collect_set(when(recent, struct(col("_added_at"), col(PRODUCT_ID)))), false),
                        s -> s.getField(PRODUCT_ID)).as("_recent"),
                max(when(recent, col("_added_at"))).as("_last_abandoned_at"))
                .withColumn(RECENT_ABANDONED_PRODUCT_IDS, array_distinct(col("_recent"))).drop("_recent");
    }

    private Dataset<Row> supportFeatures(CleanInputs in) {
        Dataset<Row> t = in.support();
        Column resolved = SupportMeasures.resolved();
        Column windowStart = lit(run.daysBeforeEnd(settings.recoveryWindowDays()));
        Dataset<Row> agg = t.groupBy(CUSTOMER_ID).agg(
                count(lit(1)).as(TICKETS),
                sum(col(CONTACTS)).cast("long").as(SUPPORT_CONTACTS),
                sum(when(resolved, 0).otherwise(1)).cast("long").as(OPEN_TICKETS),
                SupportMeasures.medianHours(SupportMeasures.firstResponseHours()).as(Columns.MEDIAN_FIRST_RESPONSE_HOURS),
                SupportMeasures.medianHours(SupportMeasures.resolutionHours()).as(Columns.MEDIAN_RESOLUTION_HOURS),
                avg(SupportMeasures.resolvedAtFirstContact()).as(Columns.FIRST_CONTACT_RESOLUTION_RATE),
                sum(col(COST)).cast("double").as(SUPPORT_COST),
                avg(col(CSAT)).as("_ticket_csat_avg"),
                SupportMeasures.latest(col(CSAT), col(OPENED_AT)).as(LAST_CSAT),
                max(when(col(OPENED_AT).geq(windowStart).and(col(CSAT).leq(2)), true).otherwise(false))
                        .as("_recent_low_csat"),
                max(when(not(resolved), col(OPENED_AT))).as("_open_since"),
                max(when(col(OPENED_AT).geq(windowStart).and(col(CSAT).leq(2)), coalesce(col(RESOLVED_AT),
                        col(OPENED_AT)))).as("_low_csat_at"));
        Dataset<Row> channel = mode(t.filter(col(CHANNEL).isNotNull()), CHANNEL, PREFERRED_SUPPORT_CHANNEL);
        return agg.join(channel, CUSTOMER_ID, "left");
    }

    private Dataset<Row> surveyFeatures(CleanInputs in) {
        Dataset<Row> s = in.surveys();
        Column isNps = col(KIND).equalTo(SurveyKind.NPS.code());
        Column windowStart = lit(run.daysBeforeEnd(settings.recoveryWindowDays()));
        return s.groupBy(CUSTOMER_ID).agg(
                SupportMeasures.latest(when(isNps, col(SCORE)), col(ANSWERED_AT)).as(NPS_SCORE),
                max(when(isNps, col(ANSWERED_AT))).as("_last_nps_at"),
                avg(when(col(KIND).equalTo(SurveyKind.CES.code()), col(SCORE))).as(Columns.CES_AVG),
                avg(when(col(KIND).equalTo(SurveyKind.CSAT.code()), col(SCORE))).as("_survey_csat_avg"))
                .withColumn(NPS_GROUP, NpsGroup.of(col(NPS_SCORE)))
                .withColumn("_recent_nps", coalesce(col("_last_nps_at").geq(windowStart), lit(false)));
    }

    /** Per customer the most frequent value of {@code column} (ties: alphabetical). */
    private static Dataset<Row> mode(Dataset<Row> rows, String column, String as) {
        Dataset<Row> counts = rows.groupBy(col(CUSTOMER_ID), col(column)).agg(count(lit(1)).as("_n"));
        return counts.withColumn("_r", row_number().over(Window.partitionBy(CUSTOMER_ID)
                        .orderBy(col("_n").desc(), col(column))))
                .filter(col("_r").equalTo(1)).select(col(CUSTOMER_ID), col(column).as(as));
    }

    /** Where to reach a customer: the app user by push, a social complainer on social, else email. */
    private static Column preferredChannel() {
        return when(col(PREFERRED_SUPPORT_CHANNEL).isin(SupportChannel.SOCIAL.code(), SupportChannel.WHATSAPP.code()),
                        lit(Channel.SOCIAL.code()))
                .when(col(PREFERRED_ORDER_CHANNEL).equalTo(OrderChannel.APP.code()), lit(Channel.PUSH.code()))
                .when(col(PREFERRED_ORDER_CHANNEL).equalTo(OrderChannel.PHONE.code())
                                .or(col(PREFERRED_SUPPORT_CHANNEL).equalTo(SupportChannel.PHONE.code())),
                        lit(Channel.PHONE.code()))
                .otherwise(lit(Channel.EMAIL.code()));
    }
}
