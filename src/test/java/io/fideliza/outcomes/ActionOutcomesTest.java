package io.fideliza.outcomes;

import static io.fideliza.contract.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.config.JobConfig;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.RunContext;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Outcomes over hand-built earlier plans, orders, tickets and surveys, measured on 31 July with the packaged
 * playbook's windows (win back and service recovery 30 days, cart reminder 14, a refill until 7 days after its
 * due date), with exact expected rows.
 */
@SparkTest
class ActionOutcomesTest {
    static final LocalDate RUN = LocalDate.of(2026, 7, 31);

    private final SparkSession spark;

    ActionOutcomesTest(SparkSession spark) {
        this.spark = spark;
    }

    static Row plan(String customer, int segment, String action, String channel, String sendOn, List<String> products,
                    String offer, String runDate, boolean control) {
        return RowFactory.create(customer, segment, "S" + segment, action, channel, Date.valueOf(sendOn),
                scala.jdk.javaapi.CollectionConverters.asScala(products).toSeq(), offer, Date.valueOf(runDate), control);
    }

    Dataset<Row> plans() {
        return spark.createDataFrame(List.of(
                // Win back, planned 20 June, sent the 21st: judged on any purchase up to 20 July.
                plan("T1", 2, "win_back", "email", "2026-06-21", List.of(), "win-back-10", "2026-06-20", false),
                plan("T2", 2, "win_back", "email", "2026-06-21", List.of(), "win-back-10", "2026-06-20", false),
                plan("T3", 2, "win_back", "sms", "2026-06-21", List.of(), "win-back-10", "2026-06-20", false),
                plan("K1", 2, "win_back", "email", "2026-06-21", List.of(), "win-back-10", "2026-06-20", true),
                plan("K2", 2, "win_back", "email", "2026-06-21", List.of(), "win-back-10", "2026-06-20", true),
                plan("N1", 2, "nurture", "none", "2026-06-21", List.of(), null, "2026-06-20", false),
                // Service recovery: the ticket resolved, a better CSAT and a purchase, all three.
                plan("S1", 1, "service_recovery", "phone", "2026-06-21", List.of(), "personal-call", "2026-06-20", false),
                plan("S2", 1, "service_recovery", "phone", "2026-06-21", List.of(), "personal-call", "2026-06-20", false),
                plan("S3", 1, "service_recovery", "phone", "2026-06-21", List.of(), "personal-call", "2026-06-20", false),
                // A refill of P2 due 10 July: judged until the 17th. In segment 2 one is due the 28th: not yet.
                plan("R1", 1, "replenishment_reminder", "email", "2026-07-07", List.of("P2"), "refill-reminder",
                        "2026-07-01", false),
                plan("R2", 2, "replenishment_reminder", "email", "2026-07-07", List.of("P2"), "refill-reminder",
                        "2026-07-01", false),
                plan("R3", 2, "replenishment_reminder", "email", "2026-07-25", List.of("P2"), "refill-reminder",
                        "2026-07-01", false),
                // Cart reminders of the cable: judged on buying it within 14 days.
                plan("C1", 1, "cart_recovery", "email", "2026-07-11", List.of("P3"), "cart-reminder", "2026-07-10", false),
                plan("C2", 1, "cart_recovery", "push", "2026-07-11", List.of("P3"), "cart-reminder", "2026-07-10", false),
                plan("C3", 1, "cart_recovery", "email", "2026-07-11", List.of("P3"), "cart-reminder", "2026-07-10", true),
                // Still in its window on 31 July.
                plan("X1", 1, "cross_sell", "email", "2026-07-27", List.of("P3"), "complete-your-setup", "2026-07-25",
                        false),
                // Older than the lookback.
                plan("O1", 1, "win_back", "email", "2026-02-02", List.of(), "win-back-10", "2026-02-01", false)),
                new StructType().add(CUSTOMER_ID, DataTypes.StringType).add(SEGMENT_ID, DataTypes.IntegerType)
                        .add(SEGMENT_NAME, DataTypes.StringType).add(ACTION, DataTypes.StringType)
                        .add(CHANNEL, DataTypes.StringType).add(SEND_ON, DataTypes.DateType)
                        .add(PRODUCT_IDS, DataTypes.createArrayType(DataTypes.StringType))
                        .add(OFFER_ID, DataTypes.StringType).add(RUN_DATE, DataTypes.DateType)
                        .add(CONTROL, DataTypes.BooleanType));
    }

    Dataset<Row> recommendations() {
        StructType schema = new StructType().add(CUSTOMER_ID, DataTypes.StringType).add(PRODUCT_ID, DataTypes.StringType)
                .add(KIND, DataTypes.StringType).add(DUE_DATE, DataTypes.DateType).add(RUN_DATE, DataTypes.DateType);
        return spark.createDataFrame(List.of(
                RowFactory.create("R1", "P2", "replenishment", Date.valueOf("2026-07-10"), Date.valueOf("2026-07-01")),
                RowFactory.create("R2", "P2", "replenishment", Date.valueOf("2026-07-10"), Date.valueOf("2026-07-01")),
                RowFactory.create("R3", "P2", "replenishment", Date.valueOf("2026-07-28"), Date.valueOf("2026-07-01"))),
                schema);
    }

    CleanInputs inputs() {
        return new Tables()
                .order("o1", "T1", "P1", "2026-07-01", 1)
                .order("o2", "T2", "P1", "2026-07-25", 1)     // after its window
                .order("o3", "K1", "P1", "2026-06-25", 2)
                .order("o4", "S1", "P1", "2026-07-01", 1)
                .order("o5", "S3", "P1", "2026-07-02", 1)
                .order("o6", "R1", "P2", "2026-07-15", 1)
                .order("o7", "R2", "P2", "2026-07-09", 1)
                .order("o8", "C1", "P3", "2026-07-12", 1)
                .order("o9", "C2", "P1", "2026-07-12", 1)     // not the cart's product
                .order("o10", "C3", "P3", "2026-07-20", 1)
                .order("o11", "C3", "P3", "2026-07-20", -1)   // a return is no purchase
                .ticket("t0", "S1", "2026-05-01", "2026-05-02", 1, 1)
                .ticket("t1", "S1", "2026-06-15", "2026-06-25", 2, 5)
                .ticket("t2", "S2", "2026-06-15", null, 1, null)
                .ticket("t3", "S3", "2026-06-15", "2026-06-23", 1, null)
                .survey("S3", "2026-06-28", "nps", 3)
                .clean(spark);
    }

    @Test
    void treatedAgainstControlOnEachActionsGoalOnceItsWindowHasPassed() {
        Dataset<Row> out = new ActionOutcomes(spark, new RunContext(RUN, ZoneOffset.UTC),
                JobConfig.defaults().playbook(), 120).measure(Optional.of(plans()), Optional.of(recommendations()),
                inputs());
        List<String> rows = out.collectAsList().stream().map(r -> String.format(Locale.ROOT,
                "%s %s %d %s %s | %d days | %d/%d vs %d/%d | %s [%s, %s] | %s vs %s", r.getAs(PLAN_RUN_DATE),
                r.getAs(ACTION), r.<Integer>getAs(SEGMENT_ID), r.getAs(SEGMENT_NAME), r.getAs(OFFER_ID),
                r.<Integer>getAs(WINDOW_DAYS), r.<Long>getAs(TREATED_CONVERTED), r.<Long>getAs(TREATED),
                r.<Long>getAs(CONTROL_CONVERTED), r.<Long>getAs(CONTROL), round(r.getAs(UPLIFT)),
                round(r.getAs(UPLIFT_LOW)), round(r.getAs(UPLIFT_HIGH)), round(r.getAs(REVENUE_PER_TREATED)),
                round(r.getAs(REVENUE_PER_CONTROL)))).toList();
        assertEquals(List.of(
                "2026-06-20 service_recovery 1 S1 personal-call | 30 days | 1/3 vs 0/0 | null [null, null] | 6.667 vs null",
                "2026-06-20 win_back 2 S2 win-back-10 | 30 days | 1/3 vs 1/2 | -0.167 [-0.655, 0.446] | 3.333 vs 10.000",
                "2026-07-01 replenishment_reminder 1 S1 refill-reminder | 11 days | 1/1 vs 0/0 | null [null, null] | "
                        + "10.000 vs null",
                "2026-07-10 cart_recovery 1 S1 cart-reminder | 14 days | 1/2 vs 1/1 | -0.500 [-0.905, 0.391] | "
                        + "10.000 vs 10.000"), rows);
    }

    /**
     * Two NPS answers at the same moment before the plan count as the lower (NpsGroup.latest), as in the customer's
     * features: the 8 in the window is better than the 6, so the problem was put right. (Before the one definition,
     * outcomes took the higher, 9, and called it not recovered.)
     */
    @Test
    void answersAtTheSameMomentBeforeAServiceRecoveryCountAsTheLower() {
        Dataset<Row> plans = spark.createDataFrame(List.of(
                plan("S4", 1, "service_recovery", "phone", "2026-06-21", List.of(), "personal-call", "2026-06-20", false)),
                plans().schema());
        CleanInputs in = new Tables()
                .order("o1", "S4", "P1", "2026-07-01", 1)
                .survey("S4", "2026-06-10", "nps", 9)
                .survey("S4", "2026-06-10", "nps", 6)
                .survey("S4", "2026-06-25", "nps", 8)
                .clean(spark);
        Row r = new ActionOutcomes(spark, new RunContext(RUN, ZoneOffset.UTC), JobConfig.defaults().playbook(), 120)
                .measure(Optional.of(plans), Optional.of(recommendations()), in).first();
        assertEquals("service_recovery 1/1", r.getAs(ACTION) + " " + r.<Long>getAs(TREATED_CONVERTED) + "/"
                + r.<Long>getAs(TREATED));
    }

    @Test
    void aFirstRunHasNothingToMeasure() {
        assertEquals(0, new ActionOutcomes(spark, new RunContext(RUN, ZoneOffset.UTC), JobConfig.defaults().playbook(),
                120).measure(Optional.empty(), Optional.empty(), inputs()).count());
    }

    private static String round(Object v) {
        return v == null ? "null" : String.format(Locale.ROOT, "%.3f", (Double) v);
    }
}
