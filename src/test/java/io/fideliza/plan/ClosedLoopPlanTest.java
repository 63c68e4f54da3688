package io.fideliza.plan;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.JobConfig;
import io.fideliza.config.Measurement;
import io.fideliza.config.Playbook;
import io.fideliza.contacts.ContactHistory;
import io.fideliza.contract.Action;
import io.fideliza.export.SegmentExporter;
import io.fideliza.run.RunContext;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner over Spark with a contact history: caps and cooldowns read it, the contact features hold back
 * the unsubscribed and route around a bounced email, control customers are planned with control = true, left
 * out of segment_plans' customers and never exported.
 */
@SparkTest
class ClosedLoopPlanTest {
    static final LocalDate RUN = LocalDate.of(2026, 6, 30);
    static final int N = 40;

    private final SparkSession spark;

    ClosedLoopPlanTest(SparkSession spark) {
        this.spark = spark;
    }

    @TempDir
    Path out;

    static final StructType FEATURES = ActionPlannerTest.FEATURES
            .add(UNSUBSCRIBED, DataTypes.BooleanType).add(EMAIL_BOUNCED, DataTypes.BooleanType)
            .add(LAST_ABANDONED_CART_DATE, DataTypes.DateType).add(RECOVERY_SINCE, DataTypes.DateType)
            .add(OPEN_TICKETS, DataTypes.LongType);

    static Row features(String id, List<String> cart, boolean unsubscribed, boolean bounced) {
        return RowFactory.create(id, false, null, true, "email", 5L, 10, Date.valueOf("2025-01-10"),
                scala.jdk.javaapi.CollectionConverters.asScala(cart).toSeq(), unsubscribed, bounced,
                cart.isEmpty() ? null : Date.valueOf("2026-06-28"), null, 0L);
    }

    static Row contact(String customer, String day, String action, String kind) {
        return RowFactory.create(customer, Date.valueOf(day), action, "email", kind);
    }

    @Test
    void capsCooldownsAndControlGroupsOverSpark() throws Exception {
        // C00..C39 all left the cable in the cart on 28 June; C00 was reminded on the 29th; C01 unsubscribed;
        // C02's email bounces; C03 had two marketing messages this week, one scheduled for 2 July.
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            rows.add(features(String.format("C%02d", i), List.of("P3"), i == 1, i == 2));
        }
        Dataset<Row> features = spark.createDataFrame(rows, FEATURES);
        Dataset<Row> history = spark.createDataFrame(List.of(
                contact("C00", "2026-06-29", "cart_recovery", ContactHistory.SENT),
                contact("C03", "2026-06-27", "nurture", ContactHistory.SENT),
                contact("C03", "2026-07-02", "cross_sell", ContactHistory.SCHEDULED)), new StructType()
                .add(CUSTOMER_ID, DataTypes.StringType).add(ContactHistory.DAY, DataTypes.DateType)
                .add(ACTION, DataTypes.StringType).add(CHANNEL, DataTypes.StringType)
                .add(ContactHistory.KIND, DataTypes.StringType));
        Dataset<Row> segments = features.select(org.apache.spark.sql.functions.col(CUSTOMER_ID),
                org.apache.spark.sql.functions.lit(4).as(SEGMENT_ID),
                org.apache.spark.sql.functions.lit("Loyal").as(SEGMENT_NAME));
        Dataset<Row> recs = spark.createDataFrame(List.of(), new StructType()
                .add(CUSTOMER_ID, DataTypes.StringType).add(RANK, DataTypes.IntegerType)
                .add(PRODUCT_ID, DataTypes.StringType).add(SCORE, DataTypes.DoubleType).add(KIND, DataTypes.StringType)
                .add(BECAUSE_PRODUCT_ID, DataTypes.StringType).add(DUE_DATE, DataTypes.DateType));
        Dataset<Row> products = new Tables().product("P3", "Cable", false, null, true).clean(spark).products();
        Playbook packaged = JobConfig.defaults().playbook();
        Measurement half = new Measurement(0.5, Map.of(), Measurement.ControlPeriod.QUARTER, Map.of(), 7);
        Dataset<Row> plans = new ActionPlanner(spark, new RunContext(RUN, ZoneOffset.UTC),
                packaged.with(packaged.contactPolicy(), half), 0)
                .plan(features, segments, recs, products, Optional.empty(), Optional.of(history))
                .orderBy(CUSTOMER_ID).cache();
        List<Row> p = plans.collectAsList();

        // C00: its cart was reminded and nothing is new since; keeping in touch has nothing of its own to carry.
        assertEquals("none", p.get(0).getAs(CHANNEL));
        assertEquals("cart_recovery", p.get(0).getAs(ACTION), "the action that would have gone, held back");
        assertEquals("unsubscribed: no marketing", p.get(1).getAs(REASON));
        assertEquals("push", p.get(2).getAs(CHANNEL), "C02: email bounces, the cart reminder goes by push");
        assertEquals("none", p.get(3).getAs(CHANNEL), "C03: two marketing messages in the week of 1 July");
        // Cart reminders for C02 (by push) and C04..C39: 37 first picks, half of them (18.5, rounded up) held out,
        // the 19 lowest by the hash of customer, action and quarter.
        List<String> cart = new ArrayList<>(List.of("C02"));
        for (int i = 4; i < N; i++) {
            cart.add(String.format("C%02d", i));
        }
        cart.sort(java.util.Comparator.comparingDouble(id -> ControlGroup.draw(id, Action.CART_RECOVERY, "2026-Q2")));
        java.util.Set<String> expectedHeld = new java.util.HashSet<>(cart.subList(0, 19));
        long held = 0;
        for (int i = 4; i < N; i++) {
            Row r = p.get(i);
            String id = r.getAs(CUSTOMER_ID);
            boolean expected = expectedHeld.contains(id);
            assertEquals(expected, r.<Boolean>getAs(CONTROL), id);
            assertEquals("email", r.getAs(CHANNEL), id + ": a control customer keeps the channel it would have had");
            held += expected ? 1 : 0;
        }
        assertEquals(expectedHeld.contains("C02"), p.get(2).<Boolean>getAs(CONTROL));
        for (int i : List.of(0, 1, 3)) {
            assertFalse(p.get(i).<Boolean>getAs(CONTROL), "nobody contacted, nobody held out");
        }

        Dataset<Row> segmentPlans = SegmentPlans.summarize(plans);
        Row byEmail = segmentPlans.filter(ACTION + " = 'cart_recovery' and " + CHANNEL + " = 'email'").first();
        assertEquals(36 - held, byEmail.<Long>getAs(CUSTOMERS), "customers to contact, control customers left out");
        assertEquals(held, byEmail.<Long>getAs(CONTROL_CUSTOMERS));

        Dataset<Row> customers = new Tables().clean(spark).customers();
        FileSystem fs = FileSystem.getLocal(spark.sparkContext().hadoopConfiguration());
        Map<String, Long> written = SegmentExporter.of(JobConfig.defaults().export(), customers, fs,
                new org.apache.hadoop.fs.Path(out.toAbsolutePath().toString())).write(plans, segmentPlans, customers,
                features);
        String csv = Files.readString(out.resolve("loyal.csv"), StandardCharsets.UTF_8);
        long sent = 0;
        for (Row r : p) {
            String id = r.getAs(CUSTOMER_ID);
            boolean exported = csv.contains("\r\n" + id + ",");
            boolean toSend = !r.<Boolean>getAs(CONTROL) && !"none".equals(r.getAs(CHANNEL));
            assertEquals(toSend, exported, id);
            sent += toSend ? 1 : 0;
        }
        assertEquals(sent, written.get("loyal.csv"));
    }
}
