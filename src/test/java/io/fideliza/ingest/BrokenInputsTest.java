package io.fideliza.ingest;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.InputDataset.CUSTOMERS;
import static io.fideliza.contract.InputDataset.EVENTS;
import static io.fideliza.contract.InputDataset.ORDERS;
import static io.fideliza.contract.InputDataset.PRODUCTS;
import static io.fideliza.contract.InputDataset.SUPPORT;
import static io.fideliza.contract.InputDataset.SURVEYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.contract.InputDataset;
import io.fideliza.contract.InputError;
import io.fideliza.manifest.InputCounts;
import io.fideliza.run.Materializer;
import io.fideliza.spark.InputReader;
import io.fideliza.testing.Ingestion;
import io.fideliza.testing.Slow;
import io.fideliza.testing.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken inputs under {@code src/test/resources/broken/CASE/}: for each case, the exact
 * quarantine (reason, column, file and line of every rejected row) and the exact counts of every input,
 * or the exact one-line error that stops the run (exit code 2). A case without products gets
 * {@code _common/products.csv}; binary inputs (Parquet, gzip) are written by the case's setup.
 */
@SparkTest
@Slow
class BrokenInputsTest {
    private final SparkSession spark;

    BrokenInputsTest(SparkSession spark) {
        this.spark = spark;
    }

    static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);

    @TempDir
    Path dir;

    /** One case: its folder, what the test writes into it, then either outcomes per input or an error. */
    record Case(String name, BiConsumer<SparkSession, Path> setup, Map<InputDataset, Expected> expected, List<String> error,
                Consumer<CleanInputs> extra) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The counts of an input and its quarantine as sorted "reason:column@file:line" entries. */
    record Expected(InputCounts counts, List<String> quarantine) {
    }

    static Expected expect(long read, long valid, long quarantined, long duplicates, long after, String... rows) {
        return new Expected(new InputCounts(read, valid, quarantined, duplicates, after),
                Arrays.stream(rows).sorted().toList());
    }

    static Case ok(String name, Map<InputDataset, Expected> expected) {
        return new Case(name, (spark, d) -> { }, expected, null, c -> { });
    }

    static Case fails(String name, BiConsumer<SparkSession, Path> setup, String... fragments) {
        return new Case(name, setup, null, List.of(fragments), c -> { });
    }

    static Stream<Case> cases() {
        Expected noRows = expect(0, 0, 0, 0, 0);
        Expected fourProducts = expect(4, 4, 0, 0, 0);
        return Stream.of(
                ok("bad_timestamps", Map.of(PRODUCTS, fourProducts,
                        ORDERS, expect(7, 3, 4, 0, 0,
                                "invalid_timestamp:ordered_at@orders.csv:3", "invalid_timestamp:ordered_at@orders.csv:4",
                                "invalid_timestamp:ordered_at@orders.csv:5", "invalid_timestamp:ordered_at@orders.csv:6"),
                        SUPPORT, expect(2, 1, 1, 0, 0, "invalid_timestamp:first_response_at@support.csv:2"))),
                ok("missing_ids", Map.of(PRODUCTS, fourProducts,
                        ORDERS, expect(5, 1, 4, 0, 0,
                                "missing_value:order_id@orders.csv:2", "missing_value:customer_id@orders.csv:3",
                                "missing_value:product_id@orders.csv:4", "missing_value:customer_id@orders.csv:5"),
                        EVENTS, expect(2, 1, 1, 0, 0, "missing_value:customer_id@events.csv:2"),
                        SUPPORT, expect(2, 1, 1, 0, 0, "missing_value:ticket_id@support.csv:2"),
                        SURVEYS, expect(2, 1, 1, 0, 0, "missing_value:customer_id@surveys.csv:2"),
                        CUSTOMERS, expect(2, 1, 1, 0, 0, "missing_value:customer_id@customers.csv:2"))),
                ok("bad_numbers", Map.of(
                        PRODUCTS, expect(5, 1, 4, 0, 0,
                                "out_of_range:price@products.csv:3", "out_of_range:replenish_days@products.csv:4",
                                "invalid_decimal:price@products.csv:5", "invalid_boolean:consumable@products.csv:6"),
                        ORDERS, expect(8, 1, 7, 0, 0,
                                "invalid_integer:quantity@orders.csv:2", "invalid_integer:quantity@orders.csv:3",
                                "out_of_range:quantity@orders.csv:4", "out_of_range:unit_price@orders.csv:5",
                                "invalid_decimal:unit_price@orders.csv:6", "invalid_integer:quantity@orders.csv:7",
                                "invalid_integer:quantity@orders.csv:9"),
                        SUPPORT, expect(5, 1, 4, 0, 0,
                                "out_of_range:contacts@support.csv:2", "out_of_range:csat@support.csv:3",
                                "out_of_range:cost@support.csv:4", "invalid_integer:contacts@support.csv:5"),
                        SURVEYS, expect(4, 1, 3, 0, 0,
                                "out_of_range:score@surveys.csv:2", "out_of_range:score@surveys.csv:3",
                                "invalid_integer:score@surveys.csv:5"))),
                ok("unknown_product", Map.of(
                        PRODUCTS, expect(5, 4, 1, 0, 0, "out_of_range:price@products.csv:6"),
                        ORDERS, expect(5, 2, 3, 0, 0,
                                "unknown_product:product_id@orders.csv:3", "unknown_product:product_id@orders.csv:5",
                                "unknown_product:product_id@orders.csv:6"))),
                ok("unknown_event_type", Map.of(PRODUCTS, fourProducts, ORDERS, noRows,
                        EVENTS, expect(6, 3, 3, 0, 0,
                                "unknown_event_type:event_type@events.csv:3", "missing_value:event_type@events.csv:5",
                                "missing_value:product_id@events.csv:7"))),
                ok("resolved_before_opened", Map.of(PRODUCTS, fourProducts, ORDERS, noRows,
                        SUPPORT, expect(5, 3, 2, 0, 0,
                                "before_opened:resolved_at@support.csv:3",
                                "before_opened:first_response_at@support.csv:4"))),
                new Case("quoted_fields", (spark, d) -> { }, Map.of(ORDERS, noRows,
                        PRODUCTS, expect(5, 4, 1, 0, 0, "invalid_decimal:price@products.csv:8")), null,
                        clean -> assertEquals(List.of("Ink, black \"XL\"", "Two\nline name",
                                        "Comma, and \"quote\" and\nnewline", "Plain"),
                                names(clean))),
                new Case("bom_crlf", (spark, d) -> { }, Map.of(
                        PRODUCTS, expect(3, 2, 1, 0, 0, "invalid_decimal:price@products.csv:3"),
                        ORDERS, expect(2, 2, 0, 0, 0)), null,
                        clean -> assertEquals(List.of("Printer", "Multi\r\nline"), names(clean))),
                new Case("invalid_utf8", (spark, d) -> { }, Map.of(ORDERS, noRows,
                        PRODUCTS, expect(3, 1, 2, 0, 0, "invalid_utf8@products.csv:3", "invalid_utf8@products.csv:4")),
                        null, clean -> assertEquals(List.of("Caf\u00e9"), names(clean))),
                ok("empty_file", Map.of(PRODUCTS, fourProducts, ORDERS, noRows, EVENTS, noRows)),
                ok("header_only", Map.of(PRODUCTS, fourProducts, ORDERS, noRows, CUSTOMERS, noRows)),
                new Case("column_order_extra_columns", (spark, d) -> { }, Map.of(PRODUCTS, fourProducts,
                        ORDERS, expect(3, 2, 1, 0, 0, "wrong_field_count@orders.csv:4")), null,
                        clean -> assertEquals(List.of("O1 C1 P1 1 10.0000", "O2 C2 P2 2 12.5000"),
                                clean.orders().orderBy(ORDER_ID).collectAsList().stream()
                                        .map(r -> String.join(" ", r.getString(0), r.getString(1), r.getString(2),
                                                String.valueOf(r.getInt(4)), r.getDecimal(5).toPlainString()))
                                        .toList())),
                new Case("absent_optional", (spark, d) -> { }, Map.of(PRODUCTS, fourProducts, ORDERS, expect(2, 2, 0, 0, 0)),
                        null, clean -> {
                            assertEquals(Set.of(PRODUCTS, ORDERS), clean.present());
                            assertEquals(ConsentSource.NOBODY, clean.consent(), "no customers file: nobody gets marketing");
                            assertEquals(0, clean.events().count());
                        }),
                new Case("unbalanced_quote", (spark, d) -> { }, Map.of(PRODUCTS, fourProducts,
                        ORDERS, expect(4, 3, 1, 0, 0, "malformed_csv@orders.csv:3")), null,
                        clean -> assertEquals(List.of("O1", "O3", "O4"), orderIds(clean), "the lines after it are read")),
                new Case("stray_quote", (spark, d) -> writeGzippedStrayQuote(d), Map.of(PRODUCTS, fourProducts,
                        ORDERS, expect(8, 5, 3, 0, 0, "malformed_csv@orders.csv:3", "malformed_csv@orders.csv:8",
                                "malformed_csv@orders.csv:10"),
                        EVENTS, expect(5, 4, 1, 0, 0, "malformed_csv@events.csv.gz:4")), null,
                        clean -> {
                            assertEquals(List.of("O1", "O3", "O4", "O5", "O7"), orderIds(clean));
                            assertEquals(List.of(
                                            "3 O2,C1,P1,\"2026-05-01T10:00:00Z,1,10,a stray quote",
                                            "8 O6,C1,P1,2026-05-01T10:00:00Z,1,10,\"closed\" early",
                                            "10 O8,C1,P1,\"2026-05-01T10:00:00Z,1,10,never closed"),
                                    quarantinedRecords(clean, ORDERS), "each broken line keeps its own text");
                            assertEquals(List.of("4 C1,\"cart_add,2026-05-01T10:02:00Z,P2"),
                                    quarantinedRecords(clean, EVENTS));
                        }),
                new Case("stray_quote_at_half", (spark, d) -> writeStrayQuoteAtHalf(d), Map.of(PRODUCTS, fourProducts,
                        ORDERS, expect(4000, 3999, 1, 0, 0, "malformed_csv@orders.csv:2001")), null,
                        clean -> {
                            InputCounts orders = clean.counts().get(ORDERS);
                            assertEquals(1.0 / 4000, orders.quarantineShare(), 1e-12,
                                    "one row of 4,000 for ingest.max_quarantine_share, not the second half of the file");
                            assertEquals(List.of("2001 O2000,C60,P1,\"2026-05-01T10:00:00Z,1,2000"),
                                    quarantinedRecords(clean, ORDERS));
                        }),
                ok("duplicates_and_after_run_date", Map.of(PRODUCTS, fourProducts,
                        ORDERS, expect(8, 3, 1, 3, 1, "invalid_timestamp:ordered_at@orders.csv:8"),
                        CUSTOMERS, expect(4, 1, 1, 1, 1, "duplicate_key:customer_id@customers.csv:4"))),
                ok("csv_parts", Map.of(PRODUCTS, fourProducts,
                        ORDERS, expect(4, 2, 2, 0, 0, "invalid_integer:quantity@orders/part-0001.csv:3",
                                "unknown_product:product_id@orders/part-0002.csv:2"))),
                new Case("parquet_wrong_types", BrokenInputsTest::writeWrongTypes, Map.of(PRODUCTS, fourProducts,
                        ORDERS, expect(8, 2, 5, 0, 1,
                                "invalid_integer:quantity@orders.parquet/part-1.parquet:-",
                                "invalid_decimal:unit_price@orders.parquet/part-1.parquet:-",
                                "missing_value:customer_id@orders.parquet/part-1.parquet:-",
                                "missing_value:ordered_at@orders.parquet/part-1.parquet:-",
                                "unknown_product:product_id@orders.parquet/part-1.parquet:-"),
                        EVENTS, expect(2, 1, 1, 0, 0, "unknown_event_type:event_type@events.parquet/part-1.parquet:-")), null,
                        clean -> {
                            Row o1 = clean.orders().filter("order_id = 'O1'").first();
                            assertEquals("1", o1.getString(o1.fieldIndex(CUSTOMER_ID)), "a number read as text");
                            assertEquals(2, o1.getInt(o1.fieldIndex(QUANTITY)), "2.0 stored as a double is 2");
                            assertEquals(Timestamp.from(Instant.parse("2026-05-01T10:00:00Z")),
                                    o1.getTimestamp(o1.fieldIndex(ORDERED_AT)));
                            Row q = clean.quarantine().get(ORDERS).filter("reason = 'invalid_decimal'").first();
                            assertTrue(q.getString(q.fieldIndex(RECORD)).contains("\"unit_price\":\"ten\""),
                                    "the raw record is kept: " + q);
                        }),
                ok("implausible_values", Map.of(PRODUCTS, fourProducts,
                        ORDERS, expect(7, 2, 5, 0, 0,
                                "out_of_range:quantity@orders.csv:3", "out_of_range:quantity@orders.csv:4",
                                "out_of_range:ordered_at@orders.csv:5", "out_of_range:ordered_at@orders.csv:6",
                                "out_of_range:unit_price@orders.csv:7"))),
                ok("latin1_products", Map.of(
                        PRODUCTS, expect(3, 1, 2, 0, 0, "invalid_utf8@products.csv:2", "invalid_utf8@products.csv:4"),
                        ORDERS, expect(3, 1, 2, 0, 0, "unknown_product:product_id@orders.csv:2",
                                "unknown_product:product_id@orders.csv:4"))),
                fails("misspelt_consent", (spark, d) -> { }, "customers.csv: column 'marketing_optin' looks like the "
                        + "contract's 'marketing_opt_in', which is missing"),
                fails("duplicate_column", (spark, d) -> { },
                        "orders.csv: column 'quantity' appears twice in the header (columns 5 and 7)"),
                fails("missing_required_column", (spark, d) -> { }, "orders.csv: required column 'unit_price' is missing"),
                fails("missing_required_dataset", (spark, d) -> { }, "required dataset 'orders' not found"),
                fails("corrupt_gzip", (spark, d) -> { }, "orders.csv.gz: cannot read", "Not in GZIP format"),
                fails("truncated_gzip", (spark, d) -> writeTruncatedGzip(d), "orders.csv.gz: cannot read",
                        "Unexpected end of ZLIB input stream"),
                fails("parquet_corrupt", (spark, d) -> { }, "orders.parquet: cannot read as Parquet"),
                fails("parquet_missing_column", BrokenInputsTest::writeParquetWithoutUnitPrice,
                        "orders.parquet: required column 'unit_price' is missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBrokenInputHasItsExactReasonAndCounts(Case c) throws Exception {
        // -Dbroken.case=NAME,NAME runs some cases while working on it.
        String only = System.getProperty("broken.case");
        org.junit.jupiter.api.Assumptions.assumeTrue(only == null || only.isEmpty() || List.of(only.split(",")).contains(c.name()));
        copyCase(c.name(), dir);
        c.setup().accept(spark, dir);
        if (c.error() != null) {
            InputError e = assertThrows(InputError.class, () -> ingest(dir));
            for (String fragment : c.error()) {
                assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' names " + fragment);
            }
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            return;
        }
        CleanInputs clean = ingest(dir);
        assertEquals(c.expected().keySet(), clean.present(), "the inputs found");
        for (Map.Entry<InputDataset, Expected> e : c.expected().entrySet()) {
            InputDataset d = e.getKey();
            assertEquals(e.getValue().counts(), clean.counts().get(d), d + " counts");
            assertTrue(clean.counts().get(d).balances());
            assertEquals(e.getValue().quarantine(), quarantine(clean, d), d + " quarantine");
            long byReason = clean.quarantineReasons().get(d).values().stream().mapToLong(Long::longValue).sum();
            assertEquals(e.getValue().counts().quarantined(), byReason, d + " reasons add up");
        }
        c.extra().accept(clean);
    }

    CleanInputs ingest(Path input) {
        return Ingestion.of(spark, input, RUN_DATE);
    }

    /** Every quarantined row of an input as "reason:column@file:line", sorted. */
    static List<String> quarantine(CleanInputs clean, InputDataset d) {
        Dataset<Row> q = clean.quarantine().get(d);
        List<String> rows = new ArrayList<>();
        for (Row r : q.collectAsList()) {
            String column = r.getString(r.fieldIndex(REASON_COLUMN));
            Object line = r.get(r.fieldIndex(LINE));
            assertFalse(r.isNullAt(r.fieldIndex(DETAIL)), "every reason has a sentence: " + r);
            rows.add(r.getString(r.fieldIndex(REASON)) + (column == null ? "" : ":" + column) + "@"
                    + r.getString(r.fieldIndex(SOURCE_FILE)) + ":" + (line == null ? "-" : line));
        }
        return rows.stream().sorted().toList();
    }

    static List<String> orderIds(CleanInputs clean) {
        return clean.orders().orderBy(ORDER_ID).collectAsList().stream()
                .map(r -> r.getString(r.fieldIndex(ORDER_ID))).toList();
    }

    /** Every quarantined row of an input as "line record", by line. */
    static List<String> quarantinedRecords(CleanInputs clean, InputDataset d) {
        return clean.quarantine().get(d).orderBy(LINE).collectAsList().stream()
                .map(r -> r.get(r.fieldIndex(LINE)) + " " + r.getString(r.fieldIndex(RECORD))).toList();
    }

    static List<String> names(CleanInputs clean) {
        return clean.products().orderBy(PRODUCT_ID).collectAsList().stream()
                .map(r -> r.getString(r.fieldIndex(NAME))).toList();
    }

    static void copyCase(String name, Path target) throws IOException, URISyntaxException {
        Path source = Path.of(Objects.requireNonNull(BrokenInputsTest.class.getResource("/broken/" + name),
                "no corpus case " + name).toURI());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                Files.createDirectories(to.getParent());
                Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.deleteIfExists(target.resolve("README"));
        boolean hasProducts;
        try (Stream<Path> files = Files.list(target)) {
            hasProducts = files.anyMatch(p -> p.getFileName().toString().startsWith("products"));
        }
        if (!hasProducts) {
            Path common = Path.of(BrokenInputsTest.class.getResource("/broken/_common/products.csv").toURI());
            Files.copy(common, target.resolve("products.csv"));
        }
    }

    // ---- binary inputs, written by Spark or gzip at test time ----

    static void writeTruncatedGzip(Path dir) {
        StringBuilder csv = new StringBuilder("order_id,customer_id,product_id,ordered_at,quantity,unit_price\n");
        for (int i = 0; i < 5000; i++) {
            csv.append("O").append(i).append(",C").append(i % 97).append(",P1,2026-05-01T10:00:00Z,1,").append(i)
                    .append('\n');
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = buf.toByteArray();
        io.fideliza.testing.Files.writeBytes(dir, "orders.csv.gz", Arrays.copyOf(bytes, bytes.length / 2));
    }

    static void writeGzippedStrayQuote(Path dir) {
        String csv = "customer_id,event_type,occurred_at,product_id\n"
                + "C1,view,2026-05-01T10:00:00Z,P1\n"
                + "C1,view,2026-05-01T10:01:00Z,P2\n"
                + "C1,\"cart_add,2026-05-01T10:02:00Z,P2\n"
                + "C1,checkout,2026-05-01T10:03:00Z,\n"
                + "C2,view,2026-05-02T10:00:00Z,P3\n";
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write(csv.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        io.fideliza.testing.Files.writeBytes(dir, "events.csv.gz", buf.toByteArray());
    }

    /** 4,000 orders with a stray quote at line 2,001 (issue 18: it used to swallow the 2,000 lines after it). */
    static void writeStrayQuoteAtHalf(Path dir) {
        StringBuilder csv = new StringBuilder("order_id,customer_id,product_id,ordered_at,quantity,unit_price\n");
        for (int i = 1; i <= 4000; i++) {
            csv.append("O").append(i).append(",C").append(i % 97).append(",P1,")
                    .append(i == 2000 ? "\"" : "").append("2026-05-01T10:00:00Z,1,").append(i).append('\n');
        }
        io.fideliza.testing.Files.writeBytes(dir, "orders.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    static final Timestamp MAY_1 = Timestamp.from(Instant.parse("2026-05-01T10:00:00Z"));

    static void writeWrongTypes(SparkSession spark, Path dir) {
        StructType part1 = new StructType()
                .add(ORDER_ID, DataTypes.StringType).add(CUSTOMER_ID, DataTypes.LongType)
                .add(PRODUCT_ID, DataTypes.StringType).add(ORDERED_AT, DataTypes.TimestampType)
                .add(QUANTITY, DataTypes.DoubleType).add(UNIT_PRICE, DataTypes.StringType);
        Timestamp july2 = Timestamp.from(Instant.parse("2026-07-02T10:00:00Z"));
        writeParquet(spark, dir.resolve("orders.parquet/part-1.parquet"), part1, List.of(
                RowFactory.create("O1", 1L, "P1", MAY_1, 2.0, "10.50"),
                RowFactory.create("O2", 2L, "P1", MAY_1, 1.5, "10"),
                RowFactory.create("O3", 3L, "P1", MAY_1, 1.0, "ten"),
                RowFactory.create("O4", null, "P1", MAY_1, 1.0, "1"),
                RowFactory.create("O5", 5L, "P1", null, 1.0, "1"),
                RowFactory.create("O6", 6L, "P9", MAY_1, 1.0, "1"),
                RowFactory.create("O7", 7L, "P1", july2, 1.0, "1")));
        // A second part with other types for the same columns, and its columns in another order.
        StructType part2 = new StructType()
                .add(UNIT_PRICE, DataTypes.createDecimalType(10, 2)).add(QUANTITY, DataTypes.IntegerType)
                .add("ORDER_ID", DataTypes.StringType).add(CUSTOMER_ID, DataTypes.StringType)
                .add(PRODUCT_ID, DataTypes.StringType).add(ORDERED_AT, DataTypes.StringType)
                .add("extra", DataTypes.BooleanType);
        writeParquet(spark, dir.resolve("orders.parquet/part-2.parquet"), part2, List.of(
                RowFactory.create(new java.math.BigDecimal("3.50"), 2, "O8", "C8", "P2", "2026-05-02 09:00:00", true)));
        StructType events = new StructType()
                .add(CUSTOMER_ID, DataTypes.StringType).add(EVENT_TYPE, DataTypes.IntegerType)
                .add(OCCURRED_AT, DataTypes.DateType).add(PRODUCT_ID, DataTypes.StringType);
        writeParquet(spark, dir.resolve("events.parquet/part-1.parquet"), events, List.of(
                RowFactory.create("C1", 3, java.sql.Date.valueOf("2026-05-01"), "P1")));
        StructType events2 = new StructType()
                .add(CUSTOMER_ID, DataTypes.StringType).add(EVENT_TYPE, DataTypes.StringType)
                .add(OCCURRED_AT, DataTypes.DateType).add(PRODUCT_ID, DataTypes.StringType);
        writeParquet(spark, dir.resolve("events.parquet/part-2.parquet"), events2, List.of(
                RowFactory.create("C1", "view", java.sql.Date.valueOf("2026-05-01"), "P1")));
    }

    static void writeParquetWithoutUnitPrice(SparkSession spark, Path dir) {
        StructType schema = new StructType()
                .add(ORDER_ID, DataTypes.StringType).add(CUSTOMER_ID, DataTypes.StringType)
                .add(PRODUCT_ID, DataTypes.StringType).add(ORDERED_AT, DataTypes.StringType)
                .add(QUANTITY, DataTypes.IntegerType);
        writeParquet(spark, dir.resolve("orders.parquet"), schema,
                List.of(RowFactory.create("O1", "C1", "P1", "2026-05-01T10:00:00Z", 1)));
    }

    /** Writes rows as one Parquet file at exactly {@code target}. */
    static void writeParquet(SparkSession spark, Path target, StructType schema, List<Row> rows) {
        try {
            Path tmp = Files.createTempDirectory("parquet");
            spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite)
                    .parquet(tmp.resolve("out").toString());
            Path part;
            try (Stream<Path> files = Files.list(tmp.resolve("out"))) {
                part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            }
            Files.createDirectories(target.getParent());
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
