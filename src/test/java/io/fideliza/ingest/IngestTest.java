package io.fideliza.ingest;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.Columns.NAME;
import static io.fideliza.contract.Columns.ORDERED_AT;
import static io.fideliza.contract.Columns.ORDER_ID;
import static io.fideliza.testing.Files.PRODUCTS;
import static io.fideliza.testing.Files.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.JobConfig;
import io.fideliza.contract.InputDataset;
import io.fideliza.manifest.InputCounts;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.DiscardedOutputs;
import io.fideliza.run.RunContext;
import io.fideliza.spark.OutputStore;
import io.fideliza.testing.Ingestion;
import io.fideliza.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class IngestTest {
    private final SparkSession spark;

    IngestTest(SparkSession spark) {
        this.spark = spark;
    }

    @TempDir
    Path dir;

    /** Timestamps without an offset are read in {@code zone}, whatever the Spark session's zone. */
    private CleanInputs ingest(LocalDate runDate, String zone) {
        return Ingestion.of(spark, dir, runDate, ZoneId.of(zone));
    }

    /** reason -> line numbers, from the quarantine of one input. */
    private static Map<String, List<Long>> reasons(CleanInputs clean, InputDataset d) {
        return clean.quarantine().get(d).collectAsList().stream().collect(Collectors.groupingBy(
                r -> r.getString(r.fieldIndex(REASON)) + ":" + r.getString(r.fieldIndex(REASON_COLUMN)),
                java.util.TreeMap::new,
                Collectors.mapping(r -> r.getLong(r.fieldIndex(LINE)),
                        Collectors.collectingAndThen(Collectors.toList(), l -> l.stream().sorted().toList()))));
    }

    @Test
    void everyOrderRowIsValidQuarantinedDuplicateOrLate() {
        write(dir, "products.csv", PRODUCTS);
        write(dir, "orders.csv", """
                order_id,customer_id,product_id,ordered_at,quantity,unit_price,channel,status
                O1,C1,P1,2026-05-01T10:15:00Z,1,100.00,web,
                O2,C1,P2,2026-05-02 10:15:00,2,20.00,WEB,completed
                O3,C2,P2,2026-05-03T10:15:00+02:00,-1,20.00,app,returned
                O4,C2,P9,2026-05-03T10:15:00Z,1,20.00,app,completed
                O5,C3,P1,03/05/2026,1,100.00,web,completed
                O6,,P1,2026-05-03T10:15:00Z,1,100.00,web,completed
                O7,C3,P1,2026-05-03T10:15:00Z,0,100.00,web,completed
                O8,C3,P1,2026-05-03T10:15:00Z,1,-5,web,completed
                O9,C3,P1,2026-05-03T10:15:00Z,1.5,100.00,web,completed
                O10,C3,P1,2026-05-03T10:15:00Z,1,abc,web,completed
                O11,C3,P1,2026-05-03T10:15:00Z,1,100.00,web,lost
                O2,C1,P2,2026-05-02 10:15:00,2,20.00,WEB,completed
                O12,C4,P1,2026-07-01T00:00:00Z,1,100.00,web,completed
                O13,C4,P1,2026-06-30T23:59:59Z,1,100.00,web,completed
                """);
        CleanInputs clean = ingest(LocalDate.of(2026, 6, 30), "UTC");

        assertEquals(new InputCounts(14, 4, 8, 1, 1), clean.counts().get(InputDataset.ORDERS));
        Map<String, List<Long>> byReason = reasons(clean, InputDataset.ORDERS);
        assertEquals(List.of(5L), byReason.get("unknown_product:product_id"));
        assertEquals(List.of(6L), byReason.get("invalid_timestamp:ordered_at"));
        assertEquals(List.of(7L), byReason.get("missing_value:customer_id"));
        assertEquals(List.of(8L), byReason.get("out_of_range:quantity"));
        assertEquals(List.of(9L), byReason.get("out_of_range:unit_price"));
        assertEquals(List.of(10L), byReason.get("invalid_integer:quantity"));
        assertEquals(List.of(11L), byReason.get("invalid_decimal:unit_price"));
        assertEquals(List.of(12L), byReason.get("invalid_value:status"));
        assertTrue(clean.counts().get(InputDataset.ORDERS).balances());

        List<Row> valid = clean.orders().orderBy(ORDER_ID).collectAsList();
        assertEquals(List.of("O1", "O13", "O2", "O3"), valid.stream().map(r -> r.getString(0)).toList().subList(0, 4));
        Row o1 = valid.get(0);
        assertEquals("completed", o1.getString(o1.fieldIndex(STATUS)), "an empty status means completed");
        Row o2 = valid.get(2);
        assertEquals("web", o2.getString(o2.fieldIndex(CHANNEL)), "channels are lower-cased");
        // 10:15 with +02:00 is 08:15 UTC.
        Row o3 = valid.get(3);
        assertEquals(java.sql.Timestamp.from(java.time.Instant.parse("2026-05-03T08:15:00Z")),
                o3.getTimestamp(o3.fieldIndex(ORDERED_AT)));
    }

    @Test
    void timestampsWithoutOffsetAreReadInTheRunTimezone() {
        write(dir, "products.csv", PRODUCTS);
        write(dir, "orders.csv", """
                order_id,customer_id,product_id,ordered_at,quantity,unit_price
                O1,C1,P1,2026-05-01 10:00:00,1,100
                O2,C1,P1,2026-06-30 23:30:00,1,100
                """);
        CleanInputs clean = ingest(LocalDate.of(2026, 6, 30), "Europe/Madrid");
        // 10:00 in Madrid (summer) is 08:00 UTC; 23:30 on the run date is still that day in Madrid.
        Row o1 = clean.orders().orderBy(ORDER_ID).first();
        assertEquals(java.sql.Timestamp.from(java.time.Instant.parse("2026-05-01T08:00:00Z")),
                o1.getTimestamp(o1.fieldIndex(ORDERED_AT)));
        assertEquals(new InputCounts(2, 2, 0, 0, 0), clean.counts().get(InputDataset.ORDERS));
    }

    @Test
    void everyFormWithoutAnOffsetIsWallClockTimeInTheRunZoneWhateverTheSessionZone() {
        write(dir, "products.csv", PRODUCTS);
        write(dir, "orders.csv", """
                order_id,customer_id,product_id,ordered_at,quantity,unit_price
                O1,C1,P1,2026-01-15,1,100
                O2,C1,P1,2026-01-15T09:30,1,100
                O3,C1,P1,2026-01-15 09:30:15.5,1,100
                O4,C1,P1,2026-01-15T09:30:00Z,1,100
                """);
        spark.conf().set("spark.sql.session.timeZone", "Asia/Tokyo"); // put back after the test by SparkExtension
        CleanInputs clean = ingest(LocalDate.of(2026, 6, 30), "America/New_York");
        assertEquals(List.of(Instant.parse("2026-01-15T05:00:00Z"), Instant.parse("2026-01-15T14:30:00Z"),
                        Instant.parse("2026-01-15T14:30:15.500Z"), Instant.parse("2026-01-15T09:30:00Z")),
                clean.orders().orderBy(ORDER_ID).collectAsList().stream()
                        .map(r -> r.getTimestamp(r.fieldIndex(ORDERED_AT)).toInstant()).toList());
    }

    /**
     * On local Spark, inputs under ingest.small_input_mb run on one shuffle partition, without adaptive execution and
     * with the plain plan text, from ingest on; larger inputs keep the session's settings; a -D setting is kept.
     */
    @Test
    void aSmallLocalInputRunsOnOneShufflePartitionWithoutAdaptiveExecution() {
        write(dir, "products.csv", PRODUCTS);
        write(dir, "orders.csv", """
                order_id,customer_id,product_id,ordered_at,quantity,unit_price
                O1,C1,P1,2026-05-01T10:00:00Z,1,100
                """);
        RunContext run = new RunContext(LocalDate.of(2026, 6, 30), ZoneOffset.UTC);
        JobConfig.IngestSettings defaults = JobConfig.defaults().ingest();
        spark.conf().set(SHUFFLE_PARTITIONS, "3");
        spark.conf().set(ADAPTIVE, "true");
        spark.conf().set(EXPLAIN_MODE, "formatted");
        // 0 MB: no input is small.
        new IngestStage(spark, run, defaults.withWorkFiles(new JobConfig.WorkFiles(JobConfig.WorkFiles.Mode.AUTO, 0)),
                dir.toString()).run(dir.toString(), new DiscardedOutputs());
        assertEquals(List.of("3", "true", "formatted"), sessionSettings());

        System.setProperty(EXPLAIN_MODE, "extended");
        try {
            new IngestStage(spark, run, defaults, dir.toString()).run(dir.toString(), new DiscardedOutputs());
        } finally {
            System.clearProperty(EXPLAIN_MODE);
        }
        assertEquals(List.of("1", "false", "formatted"), sessionSettings(), "the -D setting is left alone");
    }

    static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    static final String ADAPTIVE = "spark.sql.adaptive.enabled";
    static final String EXPLAIN_MODE = "spark.sql.ui.explainMode";

    private List<String> sessionSettings() {
        return List.of(spark.conf().get(SHUFFLE_PARTITIONS), spark.conf().get(ADAPTIVE), spark.conf().get(EXPLAIN_MODE));
    }

    @Test
    void workFilesInMemoryOrInParquetUnderStagingGiveTheSameInputs(@TempDir Path out) {
        write(dir, "products.csv", PRODUCTS);
        write(dir, "orders.csv", """
                order_id,customer_id,product_id,ordered_at,quantity,unit_price
                O1,C1,P1,2026-05-01T10:00:00Z,1,100
                O2,C1,P9,2026-05-01T10:00:00Z,1,100
                O1,C1,P1,2026-05-01T10:00:00Z,1,100
                O3,C2,P2,2026-07-01T10:00:00Z,1,20
                """);
        LocalDate day = LocalDate.of(2026, 6, 30);
        RunContext run = new RunContext(day, ZoneOffset.UTC);
        JobConfig.IngestSettings defaults = JobConfig.defaults().ingest();
        CleanInputs inMemory = new IngestStage(spark, run, defaults.withWorkFiles(new JobConfig.WorkFiles(JobConfig.WorkFiles.Mode.MEMORY, 20)),
                dir.toString()).run(dir.toString(), new DiscardedOutputs());
        OutputStore store = new OutputStore(spark, out.toString(), day, new Manifest(day));
        CleanInputs inParquet = new IngestStage(spark, run, defaults.withWorkFiles(new JobConfig.WorkFiles(JobConfig.WorkFiles.Mode.PARQUET, 20)),
                dir.toString()).run(dir.toString(), store);

        assertTrue(Files.isDirectory(out.resolve("_staging/run_date=2026-06-30/_work/classified/products")),
                "the keyed input's work file is under staging");
        assertTrue(Files.isDirectory(out.resolve("_staging/run_date=2026-06-30/_work/checked/orders")));
        assertEquals(new InputCounts(4, 1, 1, 1, 1), inParquet.counts().get(InputDataset.ORDERS));
        for (InputDataset d : List.of(InputDataset.PRODUCTS, InputDataset.ORDERS)) {
            assertEquals(inMemory.counts().get(d), inParquet.counts().get(d));
            assertEquals(sorted(inMemory.valid(d)), sorted(inParquet.valid(d)), d + " valid rows");
            assertEquals(sorted(inMemory.quarantine().get(d)), sorted(inParquet.quarantine().get(d)), d + " quarantine");
        }
        store.discard();
        store.close();
        assertFalse(Files.exists(out.resolve("_staging")), "work files go with the staging folder");
    }

    @Test
    void anInputInAnotherEncodingIsReadAsSuchWhenTheConfigSaysSo() throws Exception {
        java.nio.file.Files.write(dir.resolve("products.csv"), ("product_id,name,category,price,consumable,replenish_days,"
                + "available\nP1,Caf\u00e9 molido,coffee,4.50,true,30,true\nP2,Az\u00facar,coffee,1.20,true,,true\n")
                .getBytes(java.nio.charset.Charset.forName("windows-1252")));
        write(dir, "orders.csv", "order_id,customer_id,product_id,ordered_at,quantity,unit_price\n"
                + "O1,C1,P1,2026-05-01T10:00:00Z,1,4.50\n");
        LocalDate day = LocalDate.of(2026, 6, 30);
        JobConfig.IngestSettings defaults = JobConfig.defaults().ingest();
        JobConfig.IngestSettings latin = new JobConfig.IngestSettings(defaults.maxQuarantineShare(), defaults.workFiles(),
                Map.of("products", "windows-1252"), defaults.bounds(), defaults.guards(), defaults.withoutConsentColumn());
        CleanInputs clean = new IngestStage(spark, new RunContext(day, ZoneOffset.UTC), latin, dir.toString())
                .run(dir.toString(), new DiscardedOutputs());
        assertEquals(List.of("Az\u00facar", "Caf\u00e9 molido"), clean.products().orderBy(NAME).collectAsList().stream()
                .map(r -> r.getString(r.fieldIndex(NAME))).toList());
        assertEquals(new InputCounts(1, 1, 0, 0, 0), clean.counts().get(InputDataset.ORDERS));
    }

    private static List<String> sorted(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    @Test
    void supportEventsSurveysAndCustomersFollowTheirRules() {
        write(dir, "products.csv", PRODUCTS);
        write(dir, "orders.csv", "order_id,customer_id,product_id,ordered_at,quantity,unit_price\n");
        write(dir, "events.csv", """
                customer_id,event_type,occurred_at,product_id,session_id,channel
                C1,view,2026-05-01T10:00:00Z,P1,S1,web
                C1,hover,2026-05-01T10:00:00Z,P1,S1,web
                C1,cart_add,2026-05-01T10:00:00Z,,S1,web
                C1,checkout,2026-05-01T10:01:00Z,,S1,web
                """);
        write(dir, "support.csv", """
                ticket_id,customer_id,opened_at,first_response_at,resolved_at,channel,topic,contacts,csat,cost
                T1,C1,2026-05-01T10:00:00Z,2026-05-01T11:00:00Z,2026-05-02T10:00:00Z,email,delivery,1,5,3.50
                T2,C1,2026-05-01T10:00:00Z,2026-05-01T09:00:00Z,,phone,defect,1,,6.50
                T3,C1,2026-05-01T10:00:00Z,,,phone,defect,0,,6.50
                T4,C1,2026-05-01T10:00:00Z,,,phone,defect,1,6,6.50
                """);
        write(dir, "surveys.csv", """
                customer_id,answered_at,kind,score
                C1,2026-05-01T10:00:00Z,nps,10
                C1,2026-05-01T10:00:00Z,nps,11
                C1,2026-05-01T10:00:00Z,ces,7
                C1,2026-05-01T10:00:00Z,ces,8
                C1,2026-05-01T10:00:00Z,mood,3
                """);
        write(dir, "customers.csv", """
                customer_id,signup_date,country,email,marketing_opt_in
                C1,2026-01-01,ES,a@example.com,yes
                C1,2026-01-02,ES,b@example.com,no
                C2,2026-13-01,ES,c@example.com,true
                C3,2026-01-01,ES,d@example.com,maybe
                C4,2026-07-02,ES,e@example.com,1
                """);
        CleanInputs clean = ingest(LocalDate.of(2026, 6, 30), "UTC");
        assertEquals(Map.of("unknown_event_type:event_type", List.of(3L), "missing_value:product_id", List.of(4L)),
                reasons(clean, InputDataset.EVENTS));
        assertEquals(Map.of("before_opened:first_response_at", List.of(3L), "out_of_range:contacts", List.of(4L),
                "out_of_range:csat", List.of(5L)), reasons(clean, InputDataset.SUPPORT));
        assertEquals(Map.of("out_of_range:score", List.of(3L, 5L), "invalid_value:kind", List.of(6L)),
                reasons(clean, InputDataset.SURVEYS));
        assertEquals(Map.of("duplicate_key:customer_id", List.of(3L), "invalid_date:signup_date", List.of(4L),
                "invalid_boolean:marketing_opt_in", List.of(5L)), reasons(clean, InputDataset.CUSTOMERS));
        assertEquals(new InputCounts(5, 1, 3, 0, 1), clean.counts().get(InputDataset.CUSTOMERS));
        assertEquals(ConsentSource.COLUMN, clean.consent(), "each customer's marketing_opt_in decides");
    }

    @Test
    void absentOptionalDatasetsAreEmptyAndWithoutAConsentColumnNobodyMayBeContacted() {
        write(dir, "products.csv", PRODUCTS);
        write(dir, "orders.csv", "order_id,customer_id,product_id,ordered_at,quantity,unit_price\nO1,C1,P1,2026-05-01,1,1\n");
        CleanInputs clean = ingest(LocalDate.of(2026, 6, 30), "UTC");
        assertEquals(0, clean.events().count());
        assertEquals(0, clean.customers().count());
        assertEquals(java.util.Set.of(InputDataset.PRODUCTS, InputDataset.ORDERS), clean.present());
        assertEquals(ConsentSource.NOBODY, clean.consent());
        assertFalse(clean.everyoneContactable());

        write(dir, "customers.csv", "customer_id,country\nC1,ES\n");
        JobConfig.IngestSettings everyone = new JobConfig.IngestSettings(0.05, new JobConfig.WorkFiles(JobConfig.WorkFiles.Mode.MEMORY, 20),
                java.util.Map.of(), JobConfig.defaults().ingest().bounds(), JobConfig.defaults().ingest().guards(),
                JobConfig.Consent.EVERYONE);
        CleanInputs stated = new IngestStage(spark, new RunContext(LocalDate.of(2026, 6, 30), ZoneOffset.UTC), everyone,
                dir.toString()).run(dir.toString(), new DiscardedOutputs());
        assertEquals(ConsentSource.EVERYONE, stated.consent(), "the config states that every customer consented");
        assertTrue(stated.everyoneContactable());
    }
}
