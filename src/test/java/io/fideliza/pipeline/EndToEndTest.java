package io.fideliza.pipeline;

import static io.fideliza.contract.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fideliza.config.JobConfig;
import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.contract.RecommendationKind;
import io.fideliza.run.Progress;
import io.fideliza.run.RunContext;
import io.fideliza.testing.ExportFiles;
import io.fideliza.testing.Slow;
import io.fideliza.testing.SparkTest;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline over the shipped sample-data, checked on the content of every output. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SparkTest
@Slow
class EndToEndTest {
    static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);

    @TempDir
    static Path out;

    final SparkSession spark;
    JsonNode manifest;

    EndToEndTest(SparkSession spark) {
        this.spark = spark;
    }

    @BeforeAll
    void runOnSampleData() throws Exception {
        new Pipeline(spark, JobConfig.defaults(), new RunContext(RUN_DATE, ZoneOffset.UTC),
                new Progress(new PrintStream(System.out, true, StandardCharsets.UTF_8)))
                .run("sample-data", out.toString());
        manifest = new ObjectMapper().readTree(out.resolve("_manifests/2026-06-30.json").toFile());
    }

    /** The sample's customers who opted in to marketing (read once: a Spark job per exported row added up). */
    private Set<String> optedIn() {
        return spark.read().option("header", true).csv("sample-data/customers.csv")
                .filter("marketing_opt_in = 'true'").collectAsList().stream().map(r -> r.getString(0))
                .collect(Collectors.toSet());
    }

    Dataset<Row> output(String name) {
        return spark.read().parquet(out.resolve(name).resolve("run_date=2026-06-30").toString());
    }

    @Test
    void theManifestAccountsForEveryInputRow() {
        assertEquals("succeeded", manifest.get("status").asText());
        Map<String, long[]> expected = Map.of(
                // read, valid, quarantined, duplicates, after_run_date: the generator's broken rows
                "orders", new long[] {4430, 4422, 5, 1, 2},
                "products", new long[] {61, 60, 1, 0, 0},
                "events", new long[] {19801, 19799, 2, 0, 0},
                "support", new long[] {135, 134, 1, 0, 0},
                "surveys", new long[] {199, 198, 1, 0, 0},
                "customers", new long[] {300, 300, 0, 0, 0});
        for (var e : expected.entrySet()) {
            JsonNode in = manifest.get("inputs").get(e.getKey());
            long[] got = {in.get("read").asLong(), in.get("valid").asLong(), in.get("quarantined").asLong(),
                in.get("duplicates").asLong(), in.get("after_run_date").asLong()};
            assertEquals(Arrays.toString(e.getValue()), Arrays.toString(got), e.getKey());
        }
        assertEquals(1, manifest.get("quarantine_reasons").get("orders").get("unknown_product").asInt());
        List<String> stages = new java.util.ArrayList<>();
        manifest.get("stages").forEach(s -> stages.add(s.get("name").asText()));
        assertEquals(List.of("ingest", "check", "contacts", "features", "segment", "value", "recommend", "care",
                "plan", "outcomes", "export", "report", "publish"),
                stages);
        assertEquals(300, manifest.get("outputs").get("segments").asLong());
    }

    @Test
    void theReportIsOneSelfContainedPageWithCharts() throws Exception {
        String html = Files.readString(out.resolve("report/run_date=2026-06-30/index.html"), StandardCharsets.UTF_8);
        assertTrue(html.split("<svg", -1).length - 1 >= 3, "at least three charts");
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"));
        for (Row r : output("segment_profiles").select(SEGMENT_NAME).collectAsList()) {
            assertTrue(html.contains(r.getString(0)), r.getString(0));
        }
        assertEquals(1, manifest.get("outputs").get("report").asLong());
    }

    @Test
    void quarantinedRowsKeepTheirFileLineAndRecord() {
        List<Row> rows = output("quarantine/orders").orderBy(LINE).collectAsList();
        assertEquals(5, rows.size());
        Row first = rows.get(0);
        assertEquals("orders.csv", first.getString(first.fieldIndex(SOURCE_FILE)));
        assertEquals("invalid_timestamp", first.getString(first.fieldIndex(REASON)));
        assertTrue(first.getString(first.fieldIndex(RECORD)).startsWith("O-BAD-1,C0000001,"));
    }

    @Test
    void everyCustomerHasOneSegmentWithAUniqueName() {
        Dataset<Row> segments = output("segments");
        assertEquals(300, segments.count());
        assertEquals(300, segments.select(CUSTOMER_ID).distinct().count());
        List<Row> names = segments.select(SEGMENT_ID, SEGMENT_NAME).distinct().collectAsList();
        JobConfig.SegmentSettings s = JobConfig.defaults().segment();
        assertTrue(names.size() >= s.kMin() && names.size() <= s.kMax(), names.toString());
        assertEquals(names.size(), names.stream().map(r -> r.getString(1)).distinct().count());
        Dataset<Row> profiles = output("segment_profiles");
        assertEquals(names.size(), profiles.count());
        assertEquals(300L, profiles.agg(org.apache.spark.sql.functions.sum(CUSTOMERS)).first().getLong(0));
        for (String kpi : List.of("repeat_purchase_rate", "orders_per_customer", "avg_order_value",
                "support_contacts_per_customer", "median_first_response_hours", "median_resolution_hours",
                "first_contact_resolution_rate", "cost_per_contact", "csat_avg", "nps", "ces_avg")) {
            assertTrue(Arrays.asList(profiles.columns()).contains(kpi), kpi);
        }
    }

    @Test
    void theFirstNightFitsTheSegmentModelPublishesItAndNamesItInTheManifest() throws Exception {
        JsonNode model = manifest.get("segment_model");
        assertEquals(1, model.get("version").asInt());
        assertTrue(model.get("refitted_tonight").asBoolean());
        assertEquals("no model yet", model.get("refit_reason").asText());
        assertEquals("2026-07-28", model.get("next_scheduled_refit").asText(), "28 days after its training");
        assertEquals(0.0, model.get("drift").get("size_shift").asDouble(), "the training night has not drifted");
        JsonNode saved = new ObjectMapper().readTree(out.resolve("_models/segments/version=1/model.json").toFile());
        assertEquals("2026-06-30", saved.get("trained_on").asText());
        assertEquals(model.get("k").asInt(), saved.get("segments").size());
        assertTrue(Files.isDirectory(out.resolve("_models/segments/version=1/clusters")));
        assertTrue(Files.isDirectory(out.resolve("_models/segments/version=1/scaler")));
        assertEquals(300, spark.read().parquet(out.resolve("_models/segments/version=1/training_customers").toString())
                .count());
        Dataset<Row> segments = output("segments");
        assertEquals(0, segments.filter("lifecycle is null or segment_change <> 'new' or model_version <> 1").count());
        assertEquals(300, output("segment_refit_migrations").agg(org.apache.spark.sql.functions.sum(CUSTOMERS))
                .first().getLong(0), "the first model's refit table: every customer is new to it");
        Dataset<Row> profiles = output("segment_profiles");
        assertEquals(0, profiles.filter("name_holds_share < 0.5").count(), "every name holds for most of its segment");
        String html = Files.readString(out.resolve("report/run_date=2026-06-30/index.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<h2>Cuándo cambian los segmentos</h2>"), "the sample's run is in Spanish");
    }

    @Test
    void recommendationsAreRankedAndNeverUnavailableOrOwnedDurables() {
        Dataset<Row> recs = output("recommendations");
        int topN = JobConfig.defaults().recommend().topN();
        for (Row r : recs.groupBy(CUSTOMER_ID).agg(org.apache.spark.sql.functions.collect_list(RANK))
                .collectAsList()) {
            List<Integer> ranks = r.<Integer>getList(1).stream().sorted().toList();
            assertEquals(java.util.stream.IntStream.rangeClosed(1, ranks.size()).boxed().toList(), ranks);
            assertTrue(ranks.size() <= topN);
        }
        Set<String> unavailable = spark.read().option("header", true).csv("sample-data/products.csv")
                .filter("available = 'false'").collectAsList().stream().map(r -> r.getString(0))
                .collect(Collectors.toSet());
        assertFalse(unavailable.isEmpty());
        assertEquals(0, recs.filter(org.apache.spark.sql.functions.col(PRODUCT_ID).isin(unavailable.toArray())).count());
        // Owned: bought and not cancelled (a cancelled order never arrived).
        Dataset<Row> owned = spark.read().option("header", true).csv("sample-data/orders.csv")
                .filter("status = 'completed' and try_cast(quantity as int) > 0")
                .join(spark.read().option("header", true).csv("sample-data/products.csv")
                        .filter("consumable = 'false'").select(PRODUCT_ID), PRODUCT_ID)
                .select(CUSTOMER_ID, PRODUCT_ID).distinct();
        assertEquals(0, recs.filter("kind = 'cross_sell'").join(owned,
                scala.jdk.javaapi.CollectionConverters.asScala(List.of(CUSTOMER_ID, PRODUCT_ID)).toSeq()).count());
        assertTrue(recs.filter("kind = 'replenishment'").count() > 0);
        assertEquals(0, recs.filter("kind = 'replenishment' and due_date is null").count());
        Set<String> kinds = recs.select(KIND).distinct().collectAsList().stream().map(r -> r.getString(0))
                .collect(Collectors.toSet());
        Set<String> allowed = Arrays.stream(RecommendationKind.values()).map(RecommendationKind::code)
                .collect(Collectors.toSet());
        assertTrue(allowed.containsAll(kinds), kinds.toString());
    }

    @Test
    void everyCustomerHasOnePlanAndOptedOutCustomersGetNoMarketing() {
        Dataset<Row> plans = output("action_plans");
        assertEquals(300, plans.count());
        assertEquals(300, plans.select(CUSTOMER_ID).distinct().count());
        Set<String> actions = Arrays.stream(Action.values()).map(Action::code).collect(Collectors.toSet());
        Set<String> channels = Arrays.stream(Channel.values()).map(Channel::code).collect(Collectors.toSet());
        for (Row r : plans.select(ACTION, CHANNEL).distinct().collectAsList()) {
            assertTrue(actions.contains(r.getString(0)) && channels.contains(r.getString(1)), r.toString());
        }
        Dataset<Row> optedOut = spark.read().option("header", true).csv("sample-data/customers.csv")
                .filter("marketing_opt_in is null or marketing_opt_in = 'false'").select(CUSTOMER_ID);
        assertTrue(optedOut.count() > 10);
        long marketed = plans.join(optedOut, CUSTOMER_ID)
                .filter("action <> 'service_recovery' and channel <> 'none'").count();
        assertEquals(0, marketed);
        assertEquals(0, plans.filter("action = 'service_recovery' and size(product_ids) > 0").count());
        assertTrue(output("segment_plans").count() > 0);
    }

    @Test
    void controlCustomersArePlannedButNeverExportedAndTheRunKeepsItsKpis() throws Exception {
        Dataset<Row> control = output("action_plans").filter(CONTROL);
        assertTrue(control.count() > 5, "about a tenth of the customers contacted are held out");
        assertEquals(0, control.filter(ACTION + " = 'service_recovery' or " + CHANNEL + " = 'none'").count());
        Set<String> exported = new HashSet<>();
        try (var files = Files.list(out.resolve("exports/run_date=2026-06-30"))) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith("_") && Files.isRegularFile(p))
                    .toList()) {
                ExportFiles.rows(f).forEach(row -> exported.add(row.get(CUSTOMER_ID)));
            }
        }
        for (Row r : control.select(CUSTOMER_ID).collectAsList()) {
            assertFalse(exported.contains(r.getString(0)), r.getString(0) + " is in a control group");
        }
        assertEquals(0, output("action_outcomes").count(), "a first run has no earlier plan to measure");
        assertEquals("earlier plans", manifest.get("contact_history").get("source").asText());
        assertTrue(manifest.get("kpis").get("repeat_purchase_rate").asDouble() > 0);
        String html = Files.readString(out.resolve("report/run_date=2026-06-30/index.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("Nothing to measure yet"));
    }

    @Test
    void exportsOpenSafelyInASpreadsheet() throws Exception {
        Path dir = out.resolve("exports/run_date=2026-06-30");
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().equals("_summary.csv")));
        long rows = 0;
        Set<String> emailed = new HashSet<>();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            assertEquals((byte) 0xEF, bytes[0], "UTF-8 byte order mark");
            for (Map<String, String> rec : ExportFiles.rows(f)) {
                for (String cell : rec.values()) {
                    assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, cell);
                }
                if (!f.getFileName().toString().startsWith("_")) {
                    rows++;
                    if (!rec.get(EMAIL).isEmpty()) {
                        emailed.add(rec.get(CUSTOMER_ID));
                    }
                }
            }
        }
        // Most of the sample's customers write Spanish: the run is in Spanish, ";" as the delimiter.
        Path first = files.stream().filter(p -> !p.getFileName().toString().startsWith("_")).findFirst().orElseThrow();
        assertTrue(Files.readString(first, StandardCharsets.UTF_8).startsWith("\uFEFFcliente;nombre;idioma;email;"));
        // Campaign files: only customers who may be contacted, each with the contact detail of the channel.
        Set<String> optedIn = optedIn();
        long sends = 0;
        try (var campaigns = Files.list(dir.resolve("campaigns"))) {
            for (Path f : campaigns.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("_") || name.endsWith(".new.csv")) {
                    continue;
                }
                for (Map<String, String> rec : ExportFiles.rows(f)) {
                    assertTrue(optedIn.contains(rec.get(CUSTOMER_ID)), name + ": " + rec.get(CUSTOMER_ID) + " may be contacted");
                    sends++;
                }
            }
        }
        assertEquals(output("action_plans").filter("not control and channel <> 'none' and action <> "
                + "'service_recovery'").count(), sends, "every marketing send in one campaign file");
        assertEquals(manifest.get("outputs").get("exports").asLong(), rows);
        assertTrue(optedIn.containsAll(emailed), "emails only for customers who opted in");
        // The care team's files: safe cells too, each ordered by priority, one row per ticket of the care queue.
        long careRows = 0;
        try (var care = Files.list(dir.resolve("care"))) {
            for (Path f : care.sorted().toList()) {
                int last = 0;
                for (Map<String, String> rec : ExportFiles.rows(f)) {
                    for (String cell : rec.values()) {
                        assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, cell);
                    }
                    int priority = Integer.parseInt(rec.get(PRIORITY));
                    assertTrue(priority > last, f + ": ordered by priority");
                    last = priority;
                    careRows++;
                }
            }
        }
        assertEquals(output("care_queue").count(), careRows);
    }
}
