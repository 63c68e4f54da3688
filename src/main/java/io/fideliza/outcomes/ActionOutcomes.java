package io.fideliza.outcomes;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.Measurement;
import io.fideliza.config.Playbook;
import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.contract.NpsGroup;
import io.fideliza.contract.OrderStatus;
import io.fideliza.contract.OutputSchemas;
import io.fideliza.contract.RecommendationKind;
import io.fideliza.contract.SurveyKind;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.RunContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Did it work: earlier runs' plans whose observation window has passed, treated (sent) against control (held
 * out), on each action's goal within its window, per plan run date, action, segment and offer. Intention to
 * treat: a treated customer is one planned to be sent, whether or not the tools reached them, so that both
 * groups come from the same random draw.
 *
 * <p>Goals: a purchase (win back, welcome, VIP care, keep in touch); a purchase of the cart's products (cart
 * reminder), of the recommended products (goes-with suggestion) or of the refill (refill reminder, judged until
 * some days after the refill's due date); for service recovery, the problem put right: every ticket open when
 * it was planned resolved, the next CSAT or NPS answer better than the one before (or good: CSAT 4+, NPS 7+,
 * when there was none), and a purchase. Revenue is every purchase in the window, per customer of the group.
 */
public final class ActionOutcomes {
    private static final String LAST_DAY = "_last_day";
    private static final String KEY_RUN = "_k_run";
    private static final String KEY_CUSTOMER = "_k_customer";
    /** Actions whose goal is a purchase of the products the plan named. */
    private static final List<String> PRODUCT_GOALS = List.of(Action.CART_RECOVERY.code(), Action.CROSS_SELL.code(),
            Action.REPLENISHMENT_REMINDER.code());

    private final SparkSession spark;
    private final RunContext run;
    private final Playbook playbook;
    private final int lookbackDays;

    public ActionOutcomes(SparkSession spark, RunContext run, Playbook playbook, int lookbackDays) {
        this.spark = spark;
        this.run = run;
        this.playbook = playbook;
        this.lookbackDays = lookbackDays;
    }

    /**
     * The outcomes ({@link OutputSchemas#ACTION_OUTCOMES}) of the plans of the last {@code lookbackDays} days whose
     * window has passed by the run date, measured on {@code in} (the inputs as of the run date).
     *
     * @param planHistory           earlier runs' action_plans with run_date (empty on a first run)
     * @param recommendationHistory earlier runs' recommendations with run_date: the refills' due dates
     */
    public Dataset<Row> measure(Optional<Dataset<Row>> planHistory, Optional<Dataset<Row>> recommendationHistory,
                                CleanInputs in) {
        if (planHistory.isEmpty()) {
            return spark.createDataFrame(List.of(), OutputSchemas.ACTION_OUTCOMES);
        }
        Dataset<Row> plans = withWindows(planned(planHistory.get()), recommendationHistory);
        Column complete = max(col(LAST_DAY)).over(Window.partitionBy(col(PLAN_RUN_DATE), col(ACTION), col(SEGMENT_ID),
                col(OFFER_ID))).leq(lit(run.runDateSql()));
        plans = plans.withColumn("_complete", complete).filter(col("_complete")).drop("_complete");
        if (plans.isEmpty()) {
            return spark.createDataFrame(List.of(), OutputSchemas.ACTION_OUTCOMES); // no window has passed yet
        }
        Dataset<Row> judged = plans.join(purchases(plans, in), col(CUSTOMER_ID).equalTo(col(KEY_CUSTOMER))
                        .and(col(PLAN_RUN_DATE).equalTo(col(KEY_RUN))), "left")
                .drop(KEY_CUSTOMER, KEY_RUN)
                .join(recovered(plans, in), col(CUSTOMER_ID).equalTo(col(KEY_CUSTOMER))
                        .and(col(PLAN_RUN_DATE).equalTo(col(KEY_RUN))), "left")
                .drop(KEY_CUSTOMER, KEY_RUN)
                .join(answered(plans, in), col(CUSTOMER_ID).equalTo(col(KEY_CUSTOMER))
                        .and(col(PLAN_RUN_DATE).equalTo(col(KEY_RUN))), "left")
                .drop(KEY_CUSTOMER, KEY_RUN);
        Column action = col(ACTION);
        Column converted = when(action.equalTo(Action.SERVICE_RECOVERY.code()),
                coalesce(col("_recovered"), lit(false)).and(coalesce(col("_any"), lit(false))))
                .when(action.isin(PRODUCT_GOALS.toArray()), coalesce(col("_goal"), lit(false)))
                .when(action.equalTo(Action.FEEDBACK_REQUEST.code()), coalesce(col("_answered"), lit(false)))
                .otherwise(coalesce(col("_any"), lit(false)));
        Column revenue = coalesce(col("_revenue"), lit(0.0));
        Column control = col(CONTROL);
        List<Row> groups = judged.withColumn("_converted", converted).withColumn("_revenue_all", revenue)
                .groupBy(col(PLAN_RUN_DATE), col(ACTION), col(SEGMENT_ID), col(OFFER_ID)).agg(
                        max(col(SEGMENT_NAME)).as(SEGMENT_NAME),
                        max(datediff(col(LAST_DAY), col(SEND_ON)).plus(1)).as(WINDOW_DAYS),
                        count(when(not(control), lit(1))).as(TREATED),
                        count(when(control, lit(1))).as(CONTROL),
                        count(when(not(control).and(col("_converted")), lit(1))).as(TREATED_CONVERTED),
                        count(when(control.and(col("_converted")), lit(1))).as(CONTROL_CONVERTED),
                        sum(when(not(control), col("_revenue_all"))).as("_treated_revenue"),
                        sum(when(control, col("_revenue_all"))).as("_control_revenue"))
                .orderBy(col(PLAN_RUN_DATE), col(ACTION), col(SEGMENT_ID), col(OFFER_ID))
                .collectAsList();
        // A few rows per plan date: the interval is computed here, in plain Java, where it is tested.
        List<Row> out = new ArrayList<>();
        for (Row g : groups) {
            long treated = g.getLong(6);
            long held = g.getLong(7);
            long treatedConverted = g.getLong(8);
            long controlConverted = g.getLong(9);
            Uplift u = Uplift.of(treated, treatedConverted, held, controlConverted);
            out.add(RowFactory.create(g.getString(1), g.getInt(2), g.isNullAt(3) ? null : g.getString(3),
                    g.getDate(0), g.getInt(5), treated, held, treatedConverted, controlConverted, u.uplift(), u.low(),
                    u.high(), perCustomer(g, 10, treated), perCustomer(g, 11, held), g.getString(4)));
        }
        return spark.createDataFrame(out, OutputSchemas.ACTION_OUTCOMES);
    }

    /** The plans to measure: sent or held out (not channel none), of the lookback days before the run date. */
    private Dataset<Row> planned(Dataset<Row> history) {
        Column control = Arrays.asList(history.columns()).contains(CONTROL) ? coalesce(col(CONTROL), lit(false))
                : lit(false); // plans published before control groups existed: all treated
        return history.filter(col(RUN_DATE).lt(lit(run.runDateSql()))
                        .and(col(RUN_DATE).geq(lit(java.sql.Date.valueOf(run.runDate().minusDays(lookbackDays)))))
                        .and(col(CHANNEL).notEqual(Channel.NONE.code())).and(col(SEND_ON).isNotNull()))
                .select(col(CUSTOMER_ID), col(RUN_DATE).as(PLAN_RUN_DATE), col(ACTION), col(SEGMENT_ID),
                        col(SEGMENT_NAME), col(OFFER_ID), col(SEND_ON), col(PRODUCT_IDS), control.as(CONTROL));
    }

    /** Each plan with the last day of its window: a refill's is some days after its due date. */
    private Dataset<Row> withWindows(Dataset<Row> plans, Optional<Dataset<Row>> recommendationHistory) {
        Measurement m = playbook.measurement();
        Column sendOn = col(SEND_ON);
        // A refill reminder is sent days before the refill is due: without the recommendation, that many days.
        Column due = date_add(sendOn, playbook.rule(Action.REPLENISHMENT_REMINDER).timing().days());
        if (recommendationHistory.isPresent()) {
            Dataset<Row> dues = recommendationHistory.get()
                    .filter(col(KIND).equalTo(RecommendationKind.REPLENISHMENT.code())
                            .and(col(RUN_DATE).geq(lit(java.sql.Date.valueOf(run.runDate().minusDays(lookbackDays))))))
                    .select(col(CUSTOMER_ID).as("_d_customer"), col(RUN_DATE).as("_d_run"),
                            col(PRODUCT_ID).as("_d_product"), col(DUE_DATE).as("_due"));
            plans = plans.join(dues, col(CUSTOMER_ID).equalTo(col("_d_customer"))
                            .and(col(PLAN_RUN_DATE).equalTo(col("_d_run")))
                            .and(try_element_at(col(PRODUCT_IDS), lit(1)).equalTo(col("_d_product"))), "left")
                    .drop("_d_customer", "_d_run", "_d_product");
            due = coalesce(col("_due"), due);
        }
        Column window = lit(m.windowDays(Action.NURTURE));
        for (Action a : Action.values()) {
            if (a != Action.REPLENISHMENT_REMINDER) {
                window = when(col(ACTION).equalTo(a.code()), lit(m.windowDays(a))).otherwise(window);
            }
        }
        Column lastDay = when(col(ACTION).equalTo(Action.REPLENISHMENT_REMINDER.code()),
                date_add(greatest(due, sendOn), m.refillDaysAfterDue()))
                .otherwise(date_add(sendOn, window.minus(1)));
        Dataset<Row> out = plans.withColumn(LAST_DAY, lastDay);
        return Arrays.asList(out.columns()).contains("_due") ? out.drop("_due") : out;
    }

    /** Per plan (customer and plan run date): any purchase in its window, one of its products, and the revenue. */
    private Dataset<Row> purchases(Dataset<Row> plans, CleanInputs in) {
        Dataset<Row> bought = in.orders().filter(OrderStatus.isPurchase()).select(col(CUSTOMER_ID).as("_b_customer"),
                col(PRODUCT_ID).as("_b_product"), run.day(col(ORDERED_AT)).as("_b_day"),
                col(QUANTITY).multiply(col(UNIT_PRICE)).cast("double").as("_b_value"));
        return plans.join(bought, col(CUSTOMER_ID).equalTo(col("_b_customer"))
                        .and(col("_b_day").between(col(SEND_ON), col(LAST_DAY))))
                .groupBy(col(CUSTOMER_ID).as(KEY_CUSTOMER), col(PLAN_RUN_DATE).as(KEY_RUN)).agg(
                        lit(true).as("_any"),
                        max(array_contains(col(PRODUCT_IDS), col("_b_product"))).as("_goal"),
                        sum(col("_b_value")).as("_revenue"));
    }

    /**
     * Per service recovery plan: whether the problem was put right in its window: every ticket open on the plan's
     * run date resolved by the window's end, and the first CSAT or NPS answer in the window better than the last
     * of its kind before (or good, without one before). The purchase the goal also needs is in {@link #purchases}.
     */
    private Dataset<Row> recovered(Dataset<Row> plans, CleanInputs in) {
        Dataset<Row> sr = plans.filter(col(ACTION).equalTo(Action.SERVICE_RECOVERY.code()))
                .select(col(CUSTOMER_ID), col(PLAN_RUN_DATE), col(SEND_ON), col(LAST_DAY));
        Dataset<Row> stillOpen = sr.join(in.support().select(col(CUSTOMER_ID).as("_t_customer"),
                        run.day(col(OPENED_AT)).as("_t_opened"), run.day(col(RESOLVED_AT)).as("_t_resolved")),
                        col(CUSTOMER_ID).equalTo(col("_t_customer")).and(col("_t_opened").leq(col(PLAN_RUN_DATE)))
                                .and(col("_t_resolved").isNull().or(col("_t_resolved").gt(col(LAST_DAY)))))
                .select(col(CUSTOMER_ID).as("_o_customer"), col(PLAN_RUN_DATE).as("_o_run")).distinct();
        Dataset<Row> answers = in.support().filter(col(CSAT).isNotNull())
                .select(col(CUSTOMER_ID).as("_a_customer"), run.day(coalesce(col(RESOLVED_AT), col(OPENED_AT))).as("_a_day"),
                        coalesce(col(RESOLVED_AT), col(OPENED_AT)).as("_a_at"), lit(SurveyKind.CSAT.code()).as("_a_kind"), col(CSAT).as("_a_score"))
                .unionByName(in.surveys().filter(col(KIND).isin(SurveyKind.CSAT.code(), SurveyKind.NPS.code()))
                        .select(col(CUSTOMER_ID).as("_a_customer"), run.day(col(ANSWERED_AT)).as("_a_day"),
                                col(ANSWERED_AT).as("_a_at"), col(KIND).as("_a_kind"), col(SCORE).as("_a_score")));
        Column inWindow = col("_a_day").between(col(SEND_ON), col(LAST_DAY));
        Column before = col("_a_day").lt(col(SEND_ON));
        Dataset<Row> scored = sr.join(answers, col(CUSTOMER_ID).equalTo(col("_a_customer")), "left")
                .groupBy(col(CUSTOMER_ID), col(PLAN_RUN_DATE)).agg(
                        min_by(struct(col("_a_kind").as("kind"), col("_a_score").as("score")),
                                when(inWindow, struct(col("_a_day"), col("_a_kind")))).as("_first"),
                        NpsGroup.latest(when(before.and(col("_a_kind").equalTo(SurveyKind.CSAT.code())),
                                col("_a_score")), col("_a_at")).as("_csat_before"),
                        NpsGroup.latest(when(before.and(col("_a_kind").equalTo(SurveyKind.NPS.code())),
                                col("_a_score")), col("_a_at")).as("_nps_before"));
        Column kind = col("_first.kind");
        Column score = col("_first.score");
        Column better = when(kind.equalTo(SurveyKind.CSAT.code()),
                        when(col("_csat_before").isNull(), score.geq(4)).otherwise(score.gt(col("_csat_before"))))
                .when(kind.equalTo(SurveyKind.NPS.code()),
                        when(col("_nps_before").isNull(), NpsGroup.notDetractor(score)).otherwise(score.gt(col("_nps_before"))))
                .otherwise(lit(false));
        return scored.join(stillOpen, col(CUSTOMER_ID).equalTo(col("_o_customer"))
                        .and(col(PLAN_RUN_DATE).equalTo(col("_o_run"))), "left")
                .select(col(CUSTOMER_ID).as(KEY_CUSTOMER), col(PLAN_RUN_DATE).as(KEY_RUN),
                        col("_o_customer").isNull().and(coalesce(better, lit(false))).as("_recovered"));
    }

    /** Per satisfaction request, whether the customer answered a survey (any kind) within its window: its goal. */
    private Dataset<Row> answered(Dataset<Row> plans, CleanInputs in) {
        Dataset<Row> asked = plans.filter(col(ACTION).equalTo(Action.FEEDBACK_REQUEST.code()))
                .select(col(CUSTOMER_ID), col(PLAN_RUN_DATE), col(SEND_ON), col(LAST_DAY));
        Dataset<Row> answers = in.surveys().select(col(CUSTOMER_ID).as("_s_customer"),
                run.day(col(ANSWERED_AT)).as("_s_day"));
        return asked.join(answers, col(CUSTOMER_ID).equalTo(col("_s_customer"))
                        .and(col("_s_day").between(col(SEND_ON), col(LAST_DAY))))
                .select(col(CUSTOMER_ID).as(KEY_CUSTOMER), col(PLAN_RUN_DATE).as(KEY_RUN), lit(true).as("_answered"))
                .distinct();
    }

    private static Double perCustomer(Row g, int sumIndex, long customers) {
        return customers == 0 ? null : (g.isNullAt(sumIndex) ? 0.0 : g.getDouble(sumIndex)) / customers;
    }
}
