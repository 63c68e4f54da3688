package io.fideliza.care;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.FIRST_ORDER_DATE;
import static io.fideliza.contract.FeatureColumns.MONETARY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.config.JobConfig;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.RunContext;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
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
 * Planted late, unanswered and badly rated tickets over four nights, from one extract whose later replies,
 * resolutions and answers are dated after the earlier nights: each is in the queue every night until it is put right,
 * with its flags, nights in the queue, contact and gesture, in the documented order (urgency, value, age).
 */
@SparkTest
class CareQueueTest {
    private final SparkSession spark;

    CareQueueTest(SparkSession spark) {
        this.spark = spark;
    }

    /** What the test reads of a queue row. */
    record Queued(String ticket, int priority, String reason, int urgency, boolean firstResponseBreached,
                  String breached, int nights, String contactBy, String contact, String gesture) {
    }

    static CleanInputs extract(SparkSession spark) {
        return new Tables()
                .customer("A", true).customer("B", true).customer("C", true).customer("D", true)
                .customer("E", true, null).customer("F", true)
                // A: no reply at all; resolved on the afternoon of 3 July.
                .ticketAt("T1", "A", "2026-06-30T10:00:00Z", null, "2026-07-03T15:00:00Z", "phone", "delivery", 2,
                        null, "6.00")
                // B: answered in 3 hours; a billing question (72 h) resolved on 4 July.
                .ticketAt("T2", "B", "2026-06-29T09:00:00Z", "2026-06-29T12:00:00Z", "2026-07-04T10:00:00Z", "email",
                        "billing", 2, null, "4.00")
                // C: resolved in time but rated 1; a CSAT of 5 on 3 July puts it right.
                .ticketAt("T3", "C", "2026-06-25T08:00:00Z", "2026-06-25T09:00:00Z", "2026-06-26T08:00:00Z", "email",
                        "return", 1, 1, "3.00")
                .surveyAt("C", "2026-07-03T10:00:00Z", "csat", 5)
                // D: rated 4, then an NPS of 3 on 2 July, within 14 days of the resolution: a second-line follow-up.
                .ticketAt("T4", "D", "2026-06-20T08:00:00Z", "2026-06-20T09:00:00Z", "2026-06-22T08:00:00Z", "chat",
                        "billing", 1, 4, "3.00")
                .surveyAt("D", "2026-07-02T08:00:00Z", "nps", 3)
                // E (no phone number): a defect reported on WhatsApp the evening of 1 July, never answered.
                .ticketAt("T5", "E", "2026-07-01T20:00:00Z", null, null, "whatsapp", "defect", 1, null, "2.00")
                // F: quick, well rated: never in the queue.
                .ticketAt("T6", "F", "2026-06-28T08:00:00Z", "2026-06-28T08:30:00Z", "2026-06-28T12:00:00Z", "email",
                        "delivery", 1, 5, "2.00")
                .clean(spark);
    }

    static Dataset<Row> features(SparkSession spark) {
        Map<String, Double> spend = Map.of("A", 900.0, "B", 50.0, "C", 300.0, "D", 20.0, "E", 600.0, "F", 10.0);
        List<Row> rows = new ArrayList<>();
        spend.forEach((id, v) -> rows.add(RowFactory.create(id, v, java.sql.Date.valueOf("2025-03-01"))));
        return spark.createDataFrame(rows, new StructType().add(CUSTOMER_ID, DataTypes.StringType)
                .add(MONETARY, DataTypes.DoubleType).add(FIRST_ORDER_DATE, DataTypes.DateType));
    }

    static Dataset<Row> segments(SparkSession spark) {
        return spark.createDataFrame(List.of(RowFactory.create("A", "Champions"), RowFactory.create("B", "Loyal"),
                        RowFactory.create("C", "Loyal"), RowFactory.create("D", "New"), RowFactory.create("E", "Loyal"),
                        RowFactory.create("F", "Loyal")),
                new StructType().add(CUSTOMER_ID, DataTypes.StringType).add(SEGMENT_NAME, DataTypes.StringType));
    }

    /** The nights' queues in order, each night reading the one before as the last published. */
    Map<LocalDate, List<Queued>> nights(String... days) {
        CleanInputs in = extract(spark);
        JobConfig config = JobConfig.defaults();
        Optional<Dataset<Row>> previous = Optional.empty();
        Map<LocalDate, List<Queued>> out = new LinkedHashMap<>();
        for (String day : days) {
            LocalDate d = LocalDate.parse(day);
            Dataset<Row> queue = new CareQueue(new RunContext(d, ZoneOffset.UTC), config.care(),
                    config.playbook().care()).build(new CareQueue.Input(in.support(), in.surveys(), in.customers(),
                    features(spark), segments(spark), previous));
            List<Row> rows = queue.orderBy(PRIORITY).collectAsList();
            // As published: read back, not recomputed from the nights before.
            previous = Optional.of(spark.createDataFrame(rows, queue.schema()));
            List<Queued> q = new ArrayList<>();
            for (Row r : rows) {
                q.add(new Queued(r.getAs(TICKET_ID), r.<Integer>getAs(PRIORITY), r.getAs(QUEUE_REASON),
                        r.<Integer>getAs(URGENCY), r.<Boolean>getAs(FIRST_RESPONSE_BREACHED), r.getAs(BREACHED),
                        r.<Integer>getAs(NIGHTS_IN_QUEUE), r.getAs(CONTACT_BY), r.getAs(CONTACT),
                        r.getAs(SUGGESTED_GESTURE)));
            }
            out.put(d, q);
        }
        return out;
    }

    @Test
    void everyPlantedTicketIsQueuedEveryNightUntilPutRightInPriorityOrder() {
        Map<LocalDate, List<Queued>> q = nights("2026-07-01", "2026-07-02", "2026-07-03", "2026-07-04");

        // 1 July, the day ends at midnight: T1 unanswered for 38 h (tier 1); T3 rated 1 (tier 2); T2 (63 h of its
        // 72) and T5 (4 h) within their targets (tier 4), E's 600 of spend before B's 50.
        assertEquals(List.of(
                new Queued("T1", 1, "open", 1, true, "first_response", 1, "phone", "+34 600 000 A",
                        "replacement + voucher"),
                new Queued("T3", 2, "low_csat", 2, false, null, 1, "email", "C@example.com", "callback"),
                new Queued("T5", 3, "open", 4, false, null, 1, "email", "E@example.com", "replacement + voucher"),
                new Queued("T2", 4, "open", 4, false, null, 1, "email", "B@example.com", "callback")),
                q.get(LocalDate.of(2026, 7, 1)));

        // 2 July: T1 also past its 48-hour delivery target; T5 unanswered for 28 h (tier 1, after A's 900);
        // D's NPS of 3 brings T4 back (tier 2, after C's 300); T2 past 72 hours (tier 3).
        assertEquals(List.of(
                new Queued("T1", 1, "open", 1, true, "first_response,resolution", 2, "phone", "+34 600 000 A",
                        "replacement + voucher"),
                new Queued("T5", 2, "open", 1, true, "first_response", 2, "email", "E@example.com",
                        "replacement + voucher"),
                new Queued("T3", 3, "low_csat", 2, false, null, 2, "email", "C@example.com", "callback"),
                new Queued("T4", 4, "bad_answer_after_ticket", 2, false, null, 1, "email", "D@example.com",
                        "callback"),
                new Queued("T2", 5, "open", 3, false, "resolution", 2, "email", "B@example.com", "callback")),
                q.get(LocalDate.of(2026, 7, 2)));

        // 3 July: T1 resolved, T3 put right by a CSAT of 5; the others stay.
        assertEquals(List.of("T5", "T4", "T2"), tickets(q.get(LocalDate.of(2026, 7, 3))));
        assertEquals(List.of(3, 2, 3), nights(q.get(LocalDate.of(2026, 7, 3))));
        // 4 July: T2 resolved.
        assertEquals(List.of("T5", "T4"), tickets(q.get(LocalDate.of(2026, 7, 4))));
        assertEquals(List.of(4, 3), nights(q.get(LocalDate.of(2026, 7, 4))));
    }

    @Test
    void nightsCountFromTheLastPublishedQueue() {
        // The queue of 1 July, then 3 July with 2 July missing: the count follows the last published queue.
        Map<LocalDate, List<Queued>> q = nights("2026-07-01", "2026-07-03");
        assertEquals(List.of("T5", "T4", "T2"), tickets(q.get(LocalDate.of(2026, 7, 3))));
        assertEquals(List.of(2, 1, 2), nights(q.get(LocalDate.of(2026, 7, 3))));
    }

    private static List<String> tickets(List<Queued> q) {
        return q.stream().map(Queued::ticket).toList();
    }

    private static List<Integer> nights(List<Queued> q) {
        return q.stream().map(Queued::nights).toList();
    }
}
