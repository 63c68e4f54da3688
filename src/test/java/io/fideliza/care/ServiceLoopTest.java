package io.fideliza.care;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.JobConfig;
import io.fideliza.config.Measurement;
import io.fideliza.config.Playbook;
import io.fideliza.contacts.ContactHistory;
import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.plan.ActionPlanner;
import io.fideliza.run.RunContext;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The service loop over five nights, each planned from the care queue and the plans of the nights before (standing in
 * for the contacts sent): nobody with a ticket in the queue gets marketing; a resolved ticket brings its satisfaction
 * request on the planned day, once; a first order brings its NPS request; a bad answer after a ticket puts the
 * customer back in the queue; a good one leaves them to marketing.
 */
@SparkTest
class ServiceLoopTest {
    static final List<String> NIGHTS = List.of("2026-07-01", "2026-07-02", "2026-07-03", "2026-07-04", "2026-07-05");
    static final StructType FEATURES = new StructType()
            .add(CUSTOMER_ID, DataTypes.StringType).add(NEEDS_SERVICE_RECOVERY, DataTypes.BooleanType)
            .add(RECOVERY_REASON, DataTypes.StringType).add(CONTACTABLE, DataTypes.BooleanType)
            .add(PREFERRED_CHANNEL, DataTypes.StringType).add(ORDERS, DataTypes.LongType)
            .add(RECENCY_DAYS, DataTypes.IntegerType).add(FIRST_ORDER_DATE, DataTypes.DateType)
            .add(RECENT_ABANDONED_PRODUCT_IDS, DataTypes.createArrayType(DataTypes.StringType))
            .add(RECOVERY_SINCE, DataTypes.DateType).add(OPEN_TICKETS, DataTypes.LongType)
            .add(MONETARY, DataTypes.DoubleType);

    private final SparkSession spark;

    ServiceLoopTest(SparkSession spark) {
        this.spark = spark;
    }

    static CleanInputs extract(SparkSession spark) {
        return new Tables()
                .customer("P", true).customer("Q", true).customer("R", true).customer("S", true).customer("U", true)
                // P: open from 30 June, resolved in the afternoon of 3 July, not rated.
                .ticketAt("TP", "P", "2026-06-30T09:00:00Z", "2026-06-30T10:00:00Z", "2026-07-03T15:00:00Z", "email",
                        "delivery", 2, null, "5.00")
                // Q: resolved on 28 June and rated 1: followed up for 30 days.
                .ticketAt("TQ", "Q", "2026-06-27T09:00:00Z", "2026-06-27T10:00:00Z", "2026-06-28T09:00:00Z", "phone",
                        "defect", 1, 1, "5.00")
                // R: resolved on 25 June, rated 4; an NPS of 2 on 2 July.
                .ticketAt("TR", "R", "2026-06-24T09:00:00Z", "2026-06-24T10:00:00Z", "2026-06-25T09:00:00Z", "email",
                        "billing", 1, 4, "5.00")
                .surveyAt("R", "2026-07-02T09:00:00Z", "nps", 2)
                // S: resolved on 29 June, not rated, but a CSAT of 5 the next day: answered, nothing to ask.
                .ticketAt("TS", "S", "2026-06-28T09:00:00Z", "2026-06-28T10:00:00Z", "2026-06-29T09:00:00Z", "email",
                        "billing", 1, null, "5.00")
                .surveyAt("S", "2026-06-30T09:00:00Z", "csat", 5)
                .clean(spark);
    }

    /** The features each night as the features stage would give them (recovery from open tickets, low CSAT, NPS). */
    Dataset<Row> features(LocalDate night) {
        boolean pOpen = night.isBefore(LocalDate.of(2026, 7, 3));
        boolean rDetractor = !night.isBefore(LocalDate.of(2026, 7, 2));
        List<Row> rows = List.of(
                row("P", pOpen, pOpen ? "open support ticket" : null, pOpen ? "2026-06-30" : null, pOpen ? 1 : 0,
                        "2025-01-10"),
                row("Q", true, "recent CSAT of 2 or less", "2026-06-28", 0, "2025-01-10"),
                row("R", rDetractor, rDetractor ? "recent NPS detractor" : null, rDetractor ? "2026-07-02" : null, 0,
                        "2025-01-10"),
                row("S", false, null, null, 0, "2025-01-10"),
                // U: a first order on 26 June.
                row("U", false, null, null, 0, "2026-06-26"));
        return spark.createDataFrame(rows, FEATURES);
    }

    private static Row row(String id, boolean recovery, String reason, String since, long open, String firstOrder) {
        return RowFactory.create(id, recovery, reason, true, "email", 1L, 5, Date.valueOf(firstOrder),
                scala.jdk.javaapi.CollectionConverters.asScala(List.<String>of()).toSeq(),
                since == null ? null : Date.valueOf(since), open, 100.0);
    }

    /** Each night's plans by customer: action, channel, send_on, reason. */
    Map<String, Map<String, Row>> run() {
        CleanInputs in = extract(spark);
        JobConfig config = JobConfig.defaults();
        // No control groups: every planned request goes, so the test reads them all.
        Playbook playbook = config.playbook().with(config.playbook().contactPolicy(), Measurement.NONE);
        Dataset<Row> products = new Tables().product("P1", "Printer", false, null, true).clean(spark).products();
        // S looked at the printer again and again: once out of the care loop there is something to keep in touch about.
        Dataset<Row> recs = spark.createDataFrame(List.of(RowFactory.create("S", 1, "P1", 3.0, "browsed", "P1", null)),
                new StructType()
                .add(CUSTOMER_ID, DataTypes.StringType).add(RANK, DataTypes.IntegerType)
                .add(PRODUCT_ID, DataTypes.StringType).add(SCORE, DataTypes.DoubleType).add(KIND, DataTypes.StringType)
                .add(BECAUSE_PRODUCT_ID, DataTypes.StringType).add(DUE_DATE, DataTypes.DateType));
        Optional<Dataset<Row>> earlierPlans = Optional.empty();
        Optional<Dataset<Row>> previousQueue = Optional.empty();
        Map<String, Map<String, Row>> byNight = new LinkedHashMap<>();
        for (String day : NIGHTS) {
            LocalDate night = LocalDate.parse(day);
            RunContext run = new RunContext(night, ZoneOffset.UTC);
            Dataset<Row> features = features(night);
            Dataset<Row> segments = features.select(col(CUSTOMER_ID), lit(4).as(SEGMENT_ID), lit("Loyal").as(SEGMENT_NAME));
            Dataset<Row> queue = new CareQueue(run, config.care(), playbook.care()).build(new CareQueue.Input(
                    in.support(), in.surveys(), in.customers(), features, segments, previousQueue));
            queue = spark.createDataFrame(queue.collectAsList(), queue.schema());
            Dataset<Row> status = new CareStatus(run, config.care(), playbook.care()).of(queue, in.support(),
                    in.surveys(), features);
            Dataset<Row> history = new ContactHistory(run, 400).build(in.contacts(), false, earlierPlans);
            Dataset<Row> plans = new ActionPlanner(spark, run, playbook, 0).plan(features, segments, recs, products,
                    earlierPlans, Optional.of(history), Optional.of(status));
            List<Row> rows = plans.collectAsList();
            Map<String, Row> byCustomer = new LinkedHashMap<>();
            rows.forEach(r -> byCustomer.put(r.getAs(CUSTOMER_ID), r));
            byNight.put(day, byCustomer);
            Dataset<Row> published = spark.createDataFrame(rows, plans.schema())
                    .withColumn(RUN_DATE, lit(Date.valueOf(night)));
            earlierPlans = Optional.of(earlierPlans.map(e -> e.unionByName(published)).orElse(published));
            previousQueue = Optional.of(queue);
        }
        return byNight;
    }

    @Test
    void noMarketingWhileInTheQueueAndOneSatisfactionRequestOnThePlannedDay() {
        Map<String, Map<String, Row>> nights = run();
        Map<String, List<String>> feedback = new LinkedHashMap<>();
        for (String day : NIGHTS) {
            Map<String, Row> plans = nights.get(day);
            // In the queue: P while its ticket is open (1-2 July), Q every night (rated 1), R from its NPS of 2.
            List<String> queued = new ArrayList<>(List.of("Q"));
            if (day.compareTo("2026-07-03") < 0) {
                queued.add("P");
            }
            if (day.compareTo("2026-07-02") >= 0) {
                queued.add("R");
            }
            for (String id : queued) {
                Row p = plans.get(id);
                assertEquals(Action.SERVICE_RECOVERY.code(), p.getAs(ACTION), day + " " + id + ": " + p.getAs(REASON));
            }
            for (Map.Entry<String, Row> e : plans.entrySet()) {
                Row p = e.getValue();
                if (p.getAs(ACTION).equals(Action.FEEDBACK_REQUEST.code())
                        && !p.getAs(CHANNEL).equals(Channel.NONE.code())) {
                    feedback.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(day + " for " + p.getAs(SEND_ON));
                }
            }
        }
        // The personal call goes once per problem (then channel none, waiting), never a sale meanwhile.
        assertEquals("phone", nights.get("2026-07-01").get("Q").getAs(CHANNEL));
        assertEquals("none", nights.get("2026-07-02").get("Q").getAs(CHANNEL));
        assertEquals("phone", nights.get("2026-07-02").get("R").getAs(CHANNEL), "R: the bad answer brings a new call");
        assertTrue(nights.get("2026-07-03").get("R").<String>getAs(REASON).contains("no marketing meanwhile"));
        // P: resolved on 3 July, a CSAT survey planned that night for 5 July (2 days after), and never again.
        // U: first order on 26 June, an NPS survey for 6 July (10 days after). R, Q: in the queue; S: answered.
        assertEquals(Map.of("P", List.of("2026-07-03 for 2026-07-05"), "U", List.of("2026-07-01 for 2026-07-06")),
                feedback);
        assertTrue(nights.get("2026-07-03").get("P").<String>getAs(REASON)
                .contains("CSAT survey after ticket TP resolved on 2026-07-03"), nights.get("2026-07-03").get("P")
                .<String>getAs(REASON));
        // S: answered well after the ticket: back to marketing from the first night.
        Row s = nights.get("2026-07-01").get("S");
        assertEquals("nurture", s.getAs(ACTION));
        assertEquals("email", s.getAs(CHANNEL));
    }
}
