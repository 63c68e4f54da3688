package io.fideliza.plan;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.config.JobConfig;
import io.fideliza.run.RunContext;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The planner over Spark with small hand-built customers: consent, service recovery, the contact cap
 * read from earlier runs' action_plans, and the timing of each action, with exact expected plans.
 */
@SparkTest
class ActionPlannerTest {
    static final LocalDate RUN = LocalDate.of(2026, 6, 30);
    static final int CAP_DAYS = 7;

    private final SparkSession spark;

    ActionPlannerTest(SparkSession spark) {
        this.spark = spark;
    }

    static final StructType FEATURES = new StructType()
            .add(CUSTOMER_ID, DataTypes.StringType)
            .add(NEEDS_SERVICE_RECOVERY, DataTypes.BooleanType)
            .add(RECOVERY_REASON, DataTypes.StringType)
            .add(CONTACTABLE, DataTypes.BooleanType)
            .add(PREFERRED_CHANNEL, DataTypes.StringType)
            .add(ORDERS, DataTypes.LongType)
            .add(RECENCY_DAYS, DataTypes.IntegerType)
            .add(FIRST_ORDER_DATE, DataTypes.DateType)
            .add(RECENT_ABANDONED_PRODUCT_IDS, DataTypes.createArrayType(DataTypes.StringType));

    static Row features(String id, boolean recovery, boolean contactable, String channel, List<String> cart) {
        return RowFactory.create(id, recovery, recovery ? "open support ticket" : null, contactable, channel, 5L, 10,
                Date.valueOf("2025-01-10"), scala.jdk.javaapi.CollectionConverters.asScala(cart).toSeq());
    }

    static Row recommendation(String customer, int rank, String product, String kind, String due, String because) {
        return RowFactory.create(customer, rank, product, 0.5, kind, because, due == null ? null : Date.valueOf(due));
    }

    /** An earlier plan: only customer, action, channel, send_on and the run date matter to the cap. */
    static Row earlier(String customer, String action, String channel, String sendOn, String runDate) {
        return RowFactory.create(customer, action, channel, sendOn == null ? null : Date.valueOf(sendOn),
                Date.valueOf(runDate));
    }

    Dataset<Row> plan(Optional<Dataset<Row>> previous, int capDays) {
        return plan(previous, capDays, JobConfig.defaults().playbook());
    }

    Dataset<Row> plan(Optional<Dataset<Row>> previous, int capDays, io.fideliza.config.Playbook playbook) {
        return plan(previous, capDays, playbook, spark.createDataFrame(List.of("C1", "C2", "C3", "C4", "C5", "C6", "C7")
                .stream().map(c -> RowFactory.create(c, 4, "Loyal")).toList(), new StructType()
                .add(CUSTOMER_ID, DataTypes.StringType).add(SEGMENT_ID, DataTypes.IntegerType)
                .add(SEGMENT_NAME, DataTypes.StringType)));
    }

    Dataset<Row> plan(Optional<Dataset<Row>> previous, int capDays, io.fideliza.config.Playbook playbook,
                      Dataset<Row> segments) {
        Dataset<Row> features = spark.createDataFrame(List.of(
                features("C1", false, true, "email", List.of("P3")),
                features("C2", false, true, "push", List.of()),
                features("C3", false, false, "email", List.of("P3")),
                features("C4", true, false, "social", List.of("P3")),
                features("C5", false, true, "email", List.of()),
                features("C6", false, true, "email", List.of("P4")),
                features("C7", false, true, "email", List.of())), FEATURES);
        Dataset<Row> recs = spark.createDataFrame(List.of(
                recommendation("C2", 1, "P3", "cross_sell", null, "P1"),
                recommendation("C3", 1, "P3", "cross_sell", null, "P1"),
                recommendation("C5", 1, "P2", "replenishment", "2026-07-10", "P2"),
                recommendation("C6", 1, "P2", "popular", null, null),
                recommendation("C7", 1, "P3", "cross_sell", null, null)), new StructType()
                .add(CUSTOMER_ID, DataTypes.StringType).add(RANK, DataTypes.IntegerType)
                .add(PRODUCT_ID, DataTypes.StringType).add(SCORE, DataTypes.DoubleType).add(KIND, DataTypes.StringType)
                .add(BECAUSE_PRODUCT_ID, DataTypes.StringType).add(DUE_DATE, DataTypes.DateType));
        Dataset<Row> products = new Tables().product("P1", "Printer", false, null, true)
                .product("P2", "Ink", true, 30, true).product("P3", "Cable", false, null, true)
                .product("P4", "Old model", false, null, false).clean(spark).products();
        return new ActionPlanner(spark, new RunContext(RUN, ZoneOffset.UTC), playbook, capDays)
                .plan(features, segments, recs, products, previous);
    }

    @Test
    void theDefaultPlaybooksRulesReadTheLifecycleFromSegments() {
        Dataset<Row> segments = spark.createDataFrame(List.of("C1", "C2", "C3", "C4", "C5", "C6", "C7").stream()
                .map(c -> RowFactory.create(c, 4, "Loyal", c.equals("C2") ? "champion" : "active", 5)).toList(),
                new StructType().add(CUSTOMER_ID, DataTypes.StringType).add(SEGMENT_ID, DataTypes.IntegerType)
                        .add(SEGMENT_NAME, DataTypes.StringType).add(LIFECYCLE, DataTypes.StringType)
                        .add("m_score", DataTypes.IntegerType));
        Row c2 = plan(Optional.empty(), 0, JobConfig.defaults().playbook(), segments).filter("customer_id = 'C2'")
                .first();
        assertEquals("vip_care", c2.getAs(ACTION), "a champion inside Loyal, not the Loyal list's cross-sell");
        assertEquals("phone", c2.getAs(CHANNEL));
        assertEquals("champions", c2.getAs(PLAYBOOK_RULE));
    }

    /** Earlier runs' plans, as the pipeline reads them: every run date of action_plans. */
    Dataset<Row> earlierPlans() {
        return spark.createDataFrame(List.of(
                // C1: the latest marketing send of earlier runs is 29 June: nothing more before 6 July.
                earlier("C1", "cross_sell", "email", "2026-06-03", "2026-06-01"),
                earlier("C1", "cross_sell", "email", "2026-06-29", "2026-06-28"),
                // C2: service recovery is not marketing, and channel none was never sent.
                earlier("C2", "service_recovery", "phone", "2026-06-29", "2026-06-28"),
                earlier("C2", "nurture", "none", null, "2026-06-28"),
                // C4: held back marketing does not hold back a personal call.
                earlier("C4", "cross_sell", "email", "2026-06-29", "2026-06-28"),
                // C5: an earlier attempt of this very run date does not count against itself.
                earlier("C5", "nurture", "email", "2026-06-30", "2026-06-30"),
                // C6: the last send is long enough ago.
                earlier("C6", "nurture", "email", "2026-06-20", "2026-06-13"),
                // C7: a send planned in the future by an earlier run holds this one back further.
                earlier("C7", "vip_care", "email", "2026-07-04", "2026-06-29")),
                new StructType().add(CUSTOMER_ID, DataTypes.StringType).add(ACTION, DataTypes.StringType)
                        .add(CHANNEL, DataTypes.StringType).add(SEND_ON, DataTypes.DateType)
                        .add(RUN_DATE, DataTypes.DateType));
    }

    static List<String> show(Dataset<Row> plans) {
        return plans.orderBy(CUSTOMER_ID).collectAsList().stream().map(r -> String.join(" | ",
                r.<String>getAs(CUSTOMER_ID), r.<String>getAs(ACTION), r.<String>getAs(CHANNEL),
                String.valueOf(r.<Object>getAs(SEND_ON)), String.valueOf(r.<Integer>getAs(PRIORITY)),
                String.valueOf(r.getList(r.fieldIndex(PRODUCT_IDS))), String.valueOf(r.<String>getAs(OFFER_ID)),
                r.<String>getAs(REASON))).toList();
    }

    static final String NOTHING_TO_SAY = "nothing new to say: no product, offer or news for them tonight, not contacted";

    @Test
    void theContactCapReadsEarlierRunsPlans() {
        assertEquals(List.of(
                "C1 | cart_recovery | email | 2026-07-06 | 3 | [P3] | cart-reminder | left Cable in the cart "
                        + "(held until 2026-07-06 by the contact cap)",
                "C2 | cross_sell | push | 2026-07-02 | 7 | [P3] | complete-your-setup | Cable goes with their Printer",
                "C3 | nurture | none | null | 8 | [] | null | no marketing consent: not contacted",
                "C4 | service_recovery | social | 2026-07-01 | 1 | [] | personal-call | open support ticket: a "
                        + "personal contact to put it right, no offer",
                "C5 | replenishment_reminder | email | 2026-07-07 | 2 | [P2] | refill-reminder | due for a refill of "
                        + "Ink on 2026-07-10",
                "C6 | nurture | none | null | 8 | [] | null | " + NOTHING_TO_SAY,
                // No owned product explains C7's pick: not a cross-sell; a popular pick alone is nothing to say.
                "C7 | nurture | none | null | 8 | [] | null | " + NOTHING_TO_SAY),
                show(plan(Optional.of(earlierPlans()), CAP_DAYS)));
    }

    @Test
    void withoutEarlierPlansOrWithTheCapOffNothingIsHeldBack() {
        List<String> expected = List.of(
                "C1 | cart_recovery | email | 2026-07-01 | 3 | [P3] | cart-reminder | left Cable in the cart",
                "C2 | cross_sell | push | 2026-07-02 | 7 | [P3] | complete-your-setup | Cable goes with their Printer",
                "C3 | nurture | none | null | 8 | [] | null | no marketing consent: not contacted",
                "C4 | service_recovery | social | 2026-07-01 | 1 | [] | personal-call | open support ticket: a "
                        + "personal contact to put it right, no offer",
                "C5 | replenishment_reminder | email | 2026-07-07 | 2 | [P2] | refill-reminder | due for a refill of "
                        + "Ink on 2026-07-10",
                "C6 | nurture | none | null | 8 | [] | null | " + NOTHING_TO_SAY,
                "C7 | nurture | none | null | 8 | [] | null | " + NOTHING_TO_SAY);
        assertEquals(expected, show(plan(Optional.empty(), CAP_DAYS)));
        assertEquals(expected, show(plan(Optional.of(earlierPlans()), 0)));
    }

    @Test
    void aTargetingRuleReadsTheFeaturesAndIsNamedInThePlan() {
        // Every hand-built customer has 5 orders, the last 10 days ago; only C2 prefers push. The rule
        // picks customers by preferred channel, and the plan names the rule.
        io.fideliza.config.Playbook appUsers = NextBestActionTest.withRules("""
                  app users:
                    when: ["preferred_channel == push", "orders >= 5", "recency_days < 30"]
                    actions: [vip_care]
                """);
        Dataset<Row> plans = plan(Optional.empty(), 0, appUsers);
        List<Row> byCustomer = plans.orderBy(CUSTOMER_ID).collectAsList();
        assertEquals("vip_care", byCustomer.get(1).<String>getAs(ACTION), "C2 prefers push");
        assertEquals("app users", byCustomer.get(1).<String>getAs(PLAYBOOK_RULE));
        assertEquals("phone", byCustomer.get(1).<String>getAs(CHANNEL), "push is not a vip_care channel: its first");
        assertEquals(List.of("cart_recovery", "nurture", "service_recovery", "replenishment_reminder"),
                List.of(0, 2, 3, 4).stream().map(i -> byCustomer.get(i).<String>getAs(ACTION)).toList(),
                "the others follow their segment's list, as without the rule");
        assertEquals(1, byCustomer.stream().filter(r -> r.getAs(PLAYBOOK_RULE) != null).count());
    }
}
