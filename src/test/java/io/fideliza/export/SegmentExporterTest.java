package io.fideliza.export;

import static io.fideliza.contract.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.JobConfig;
import io.fideliza.testing.SparkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Exports of hand-built plans whose names carry accents and formula-like text, as marketers' data does.
 * The files are left in {@code target/export-check} so that {@code scripts/check-exports target/export-check
 * 2026-06-30} can open them in LibreOffice too.
 */
@SparkTest
class SegmentExporterTest {
    static final Path OUT = Path.of("target/export-check/exports/run_date=2026-06-30");

    private final SparkSession spark;

    SegmentExporterTest(SparkSession spark) {
        this.spark = spark;
    }

    static Row plan(String customer, int segment, String segmentName, String action, String channel, String sendOn,
                    List<String> ids, List<String> names, String reason) {
        return RowFactory.create(customer, segment, segmentName, action, channel,
                sendOn == null ? null : Date.valueOf(sendOn), 3, seq(ids), reason, "cart-reminder", seq(names));
    }

    static Object seq(List<String> values) {
        return scala.jdk.javaapi.CollectionConverters.asScala(values).toSeq();
    }

    @Test
    void accentsSurviveAndFormulaLikeCellsAreText() throws Exception {
        StructType planSchema = new StructType().add(CUSTOMER_ID, DataTypes.StringType)
                .add(SEGMENT_ID, DataTypes.IntegerType).add(SEGMENT_NAME, DataTypes.StringType)
                .add(ACTION, DataTypes.StringType).add(CHANNEL, DataTypes.StringType).add(SEND_ON, DataTypes.DateType)
                .add(PRIORITY, DataTypes.IntegerType)
                .add(PRODUCT_IDS, DataTypes.createArrayType(DataTypes.StringType))
                .add(REASON, DataTypes.StringType).add(OFFER_ID, DataTypes.StringType)
                .add(PRODUCT_NAMES, DataTypes.createArrayType(DataTypes.StringType));
        Dataset<Row> plans = spark.createDataFrame(List.of(
                plan("C1", 1, "Clientes fiéles", "cart_recovery", "email", "2026-07-01", List.of("P1", "P2"),
                        List.of("Café molido ñandú", "Crème brûlée"), "left Café molido ñandú in the cart"),
                plan("C2", 1, "Clientes fiéles", "cart_recovery", "email", "2026-07-01", List.of("P9"),
                        List.of("=HYPERLINK(\"http://evil.example\",\"Oferta\")"), "=1+1"),
                plan("+34600111222", 1, "Clientes fiéles", "cart_recovery", "sms", "2026-07-02", List.of("@P3"),
                        List.of("-10% Tè verde"), "@SUM(A1:A9)"),
                plan("C4", 2, "Dormidos", "nurture", "none", null, List.of(), List.of(), "no marketing consent")),
                planSchema);
        Dataset<Row> segmentPlans = spark.createDataFrame(List.of(
                RowFactory.create(1, "Clientes fiéles", "cart_recovery", "email", 2L, Date.valueOf("2026-07-01"),
                        Date.valueOf("2026-07-01")),
                RowFactory.create(1, "Clientes fiéles", "cart_recovery", "sms", 1L, Date.valueOf("2026-07-02"),
                        Date.valueOf("2026-07-02")),
                RowFactory.create(2, "Dormidos", "nurture", "none", 1L, null, null)), new StructType()
                .add(SEGMENT_ID, DataTypes.IntegerType).add(SEGMENT_NAME, DataTypes.StringType)
                .add(ACTION, DataTypes.StringType).add(CHANNEL, DataTypes.StringType).add(CUSTOMERS, DataTypes.LongType)
                .add(FIRST_SEND_ON, DataTypes.DateType).add(LAST_SEND_ON, DataTypes.DateType));
        Dataset<Row> customers = spark.createDataFrame(List.of(RowFactory.create("C1", "josé@example.com"),
                RowFactory.create("C2", "=cmd@example.com"), RowFactory.create("+34600111222", "x@example.com")),
                new StructType().add(CUSTOMER_ID, DataTypes.StringType).add(EMAIL, DataTypes.StringType));
        Dataset<Row> features = spark.createDataFrame(List.of(RowFactory.create("C1", true),
                RowFactory.create("C2", true), RowFactory.create("+34600111222", false)),
                new StructType().add(CUSTOMER_ID, DataTypes.StringType).add(CONTACTABLE, DataTypes.BooleanType));

        deleteRecursively(OUT);
        Files.createDirectories(OUT);
        FileSystem fs = FileSystem.getLocal(spark.sparkContext().hadoopConfiguration());
        Map<String, Long> written = SegmentExporter.of(JobConfig.defaults().export(), customers, fs,
                new org.apache.hadoop.fs.Path(OUT.toAbsolutePath().toString())).write(plans, segmentPlans, customers,
                features);

        assertEquals(Map.of("clientes-fieles.csv", 3L, "_summary.csv", 3L), written);
        byte[] bytes = Files.readAllBytes(OUT.resolve("clientes-fieles.csv"));
        assertEquals((byte) 0xEF, bytes[0], "a byte order mark, so spreadsheets read UTF-8");
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        // No language column: English, "," as the delimiter; the codes follow the names.
        assertEquals(String.join("\r\n",
                "customer_id,first_name,language,email,phone,segment_name,action_name,channel_name,send_on,priority,"
                        + "offer_id,product_ids,product_names,reason,segment_id,action,channel,reason_code",
                "C1,,en,josé@example.com,,Clientes fiéles,Cart reminder,Email,2026-07-01,3,cart-reminder,P1 | P2,"
                        + "Café molido ñandú | Crème brûlée,left Café molido ñandú in the cart,1,cart_recovery,email,",
                "C2,,en,'=cmd@example.com,,Clientes fiéles,Cart reminder,Email,2026-07-01,3,cart-reminder,P9,"
                        + "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Oferta\"\")\",'=1+1,1,cart_recovery,email,",
                "'+34600111222,,en,,,Clientes fiéles,Cart reminder,SMS,2026-07-02,3,cart-reminder,'@P3,'-10% Tè verde,"
                        + "'@SUM(A1:A9),1,cart_recovery,sms,", ""), text);
        assertTrue(Files.readString(OUT.resolve("_summary.csv"), StandardCharsets.UTF_8).contains("Clientes fiéles"));
    }

    private static void deleteRecursively(Path p) throws java.io.IOException {
        if (Files.exists(p)) {
            try (var walk = Files.walk(p)) {
                for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        }
    }
}
