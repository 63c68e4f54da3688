package io.fideliza.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fideliza.config.JobConfig;
import io.fideliza.contract.InputError;
import io.fideliza.segment.SegmentModelFixture;
import io.fideliza.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fideliza explain} on a published date with planted customers: a plan sent after earlier steps were passed
 * over, a plan held back by the contact policy, a service recovery without consent, a control-group pick.
 */
@SparkTest
class CustomerExplanationTest {
    static final LocalDate DAY = LocalDate.of(2026, 6, 30);
    private final SparkSession spark;

    @TempDir
    Path out;

    CustomerExplanationTest(SparkSession spark) {
        this.spark = spark;
    }

    private void write(String dataset, String ddl, List<Row> rows) {
        spark.createDataFrame(rows, StructType.fromDDL(ddl)).coalesce(1).write()
                .parquet(out.resolve(dataset + "/run_date=2026-06-30").toString());
    }

    private static Date d(String day) {
        return Date.valueOf(day);
    }

    private static scala.collection.immutable.Seq<String> seq(String... ids) {
        return scala.jdk.javaapi.CollectionConverters.asScala(List.of(ids)).toList();
    }

    @BeforeEach
    void published() throws IOException {
        String features = "customer_id string, recency_days int, orders long, monetary double, tenure_days int, "
                + "sessions long, abandoned_carts long, unhappiness int, days_since_last_visit int, "
                + "orders_per_month double, avg_order_value double, contactable boolean, unsubscribed boolean";
        write("customer_features", features, List.of(
                RowFactory.create("C1", 10, 5L, 500.0, 400, 20L, 0L, 0, 5, 1.0, 100.0, true, false),
                RowFactory.create("C2", 10, 5L, 500.0, 400, 20L, 0L, 0, 5, 1.0, 100.0, true, false),
                RowFactory.create("C3", 200, 1L, 30.0, 300, 2L, 1L, 0, 150, 0.1, 30.0, false, false),
                RowFactory.create("C4", 200, 1L, 30.0, 300, 2L, 1L, 0, 150, 0.1, 30.0, true, false)));
        Path model = out.resolve("_models/segments/version=1");
        Files.createDirectories(model);
        SegmentModelFixture.save(spark.read().parquet(out.resolve("customer_features/run_date=2026-06-30")
                .toString()), List.of(new SegmentModelFixture.Segment(3, "Loyal", "C1"),
                new SegmentModelFixture.Segment(7, "Hibernating", "C3")), model);
        write("segments", "customer_id string, segment_id int, segment_name string, lifecycle string, "
                + "model_version int", List.of(
                RowFactory.create("C1", 3, "Loyal", "active", 1), RowFactory.create("C2", 3, "Loyal", "active", 1),
                RowFactory.create("C3", 7, "Hibernating", "lapsing", 1),
                RowFactory.create("C4", 7, "Hibernating", "lapsing", 1)));
        write("recommendations", "customer_id string, rank int, product_id string, score double, kind string, "
                + "because_product_id string, due_date date", List.of(
                RowFactory.create("C1", 1, "P3", 0.9, "cross_sell", "P1", null),
                RowFactory.create("C1", 2, "P9", 0.25, "popular", null, null),
                RowFactory.create("C2", 1, "P2", 1.0, "replenishment", "P2", d("2026-07-05"))));
        String plans = "customer_id string, segment_id int, segment_name string, action string, channel string, "
                + "send_on date, priority int, product_ids array<string>, reason string, control boolean, "
                + "playbook_rule string";
        write("action_plans", plans, List.of(
                RowFactory.create("C1", 3, "Loyal", "cross_sell", "email", d("2026-07-02"), 7, seq("P3"),
                        "Cable goes with their Printer", false, null),
                RowFactory.create("C2", 3, "Loyal", "replenishment_reminder", "none", null, 2, seq(),
                        "held back: Refill reminder: sent on 2026-06-20, cooldown 21 days; Keep in touch: 2 "
                                + "contacts in 7 days (cap 2)", false, null),
                RowFactory.create("C3", 7, "Hibernating", "service_recovery", "phone", d("2026-07-01"), 1, seq(),
                        "open support ticket: a personal contact to put it right, no offer", false, null),
                RowFactory.create("C4", 7, "Hibernating", "win_back", "email", d("2026-07-01"), 5, seq(),
                        "no order for 200 days", true, "lapsing customers")));
        write("care_queue", "ticket_id string, customer_id string, queue_reason string, contact_by string, "
                + "contact string", List.of(RowFactory.create("T9", "C3", "open", "phone", "+34 600 000 000")));
        Files.createDirectories(out.resolve("_manifests"));
        Files.writeString(out.resolve("_manifests/2026-06-30.json"),
                "{\"run_date\": \"2026-06-30\", \"status\": \"succeeded\"}");
    }

    private List<String> explain(String customer, boolean personal) {
        return new CustomerExplanation(spark, out.toString(), DAY, JobConfig.defaults().playbook(), personal)
                .explain(customer);
    }

    @Test
    void aPlanSentAfterEarlierStepsNamesEveryStep() {
        assertEquals(List.of(
                "customer C1, run date 2026-06-30 (" + out + ")",
                "features:",
                "  recency_days: 10", "  orders: 5", "  monetary: 500.0", "  tenure_days: 400", "  sessions: 20",
                "  abandoned_carts: 0", "  unhappiness: 0", "  days_since_last_visit: 5", "  orders_per_month: 1.0",
                "  avg_order_value: 100.0", "  contactable: true", "  unsubscribed: false",
                "segment: Loyal (id 3), lifecycle active, model version 1",
                "  why: distance to each segment's centroid (standard deviations per feature, nearest first):",
                "    Loyal (id 3): 0.00",
                // 9 of the 10 features differ; each is sqrt(3) standard deviations apart: sqrt(9 * 3 / 10).
                "    Hibernating (id 7): 1.64",
                "recommendations:",
                "  1. P3: cross_sell, score 0.900, because of P1",
                "  2. P9: popular, score 0.250",
                "plan: cross_sell on email on 2026-07-02; reason: Cable goes with their Printer",
                "steps (the playbook's list for Loyal):",
                "  service_recovery: not needed (no open problem to put right)",
                "  replenishment_reminder: skipped: its trigger does not hold, or the contact policy (cap, cooldown) "
                        + "held it back",
                "  cart_recovery: skipped: its trigger does not hold, or the contact policy (cap, cooldown) held it "
                        + "back",
                "  cross_sell: taken: email on 2026-07-02",
                "  nurture: not tried: an earlier step was taken"), explain("C1", false));
    }

    @Test
    void aPlanHeldBackNamesTheCapAndCooldownOfEachStep() {
        List<String> lines = explain("C2", false);
        assertEquals(List.of(
                "plan: replenishment_reminder on none; reason: held back: Refill reminder: sent on 2026-06-20, "
                        + "cooldown 21 days; Keep in touch: 2 contacts in 7 days (cap 2)",
                "steps (the playbook's list for Loyal):",
                "  service_recovery: not needed (no open problem to put right)",
                "  replenishment_reminder: skipped: sent on 2026-06-20, cooldown 21 days",
                "  cart_recovery: skipped: its trigger does not hold for this customer",
                "  cross_sell: skipped: its trigger does not hold for this customer",
                "  nurture: skipped: 2 contacts in 7 days (cap 2)"), lines.subList(lines.size() - 7, lines.size()));
        assertEquals("  1. P2: replenishment, score 1.000, because of P2, due 2026-07-05",
                lines.get(lines.indexOf("recommendations:") + 1));
    }

    @Test
    void serviceRecoveryWithoutConsentAndPersonalDataOnlyWhenAskedFor() {
        List<String> lines = explain("C3", false);
        assertEquals(List.of(
                "care queue:",
                "  ticket_id: T9, queue_reason: open, contact_by: phone, contact: (personal data: --personal shows it)",
                "plan: service_recovery on phone on 2026-07-01; reason: open support ticket: a personal contact to put "
                        + "it right, no offer",
                "steps (the playbook's list for Hibernating):",
                "  service_recovery: taken (open support ticket: a personal contact to put it right, no offer)",
                "  win_back: skipped: service recovery comes first: no marketing with a problem to put right",
                "  nurture: skipped: service recovery comes first: no marketing with a problem to put right"),
                lines.subList(lines.size() - 7, lines.size()));
        assertEquals("  ticket_id: T9, queue_reason: open, contact_by: phone, contact: +34 600 000 000",
                explain("C3", true).get(lines.indexOf("care queue:") + 1));
    }

    @Test
    void aControlGroupPickChosenByARule() {
        List<String> lines = explain("C4", false);
        assertEquals(List.of(
                "plan: win_back on email on 2026-07-01, held out as the action's control group (not sent); reason: no "
                        + "order for 200 days",
                "steps (the playbook rule 'lapsing customers'):",
                "  service_recovery: not needed (no open problem to put right)",
                "  win_back: taken: email on 2026-07-01; control: held out as the action's control group, planned but "
                        + "not sent",
                "  nurture: not tried: an earlier step was taken"), lines.subList(lines.size() - 5, lines.size()));
    }

    @Test
    void anUnpublishedDateOrAnUnknownCustomerIsOneLine() {
        assertEquals("customer C9 is not in " + out + "/customer_features/run_date=2026-06-30 (erased, or not a customer on 2026-06-30)",
                assertThrows(InputError.class, () -> explain("C9", false)).getMessage());
        InputError e = assertThrows(InputError.class, () -> new CustomerExplanation(spark, out.toString(),
                DAY.plusDays(1), JobConfig.defaults().playbook(), false).explain("C1"));
        assertEquals("run date 2026-07-01 is not published in " + out + " (no " + out
                + "/_manifests/2026-07-01.json)", e.getMessage());
    }
}
