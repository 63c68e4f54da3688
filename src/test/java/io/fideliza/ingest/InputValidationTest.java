package io.fideliza.ingest;

import static io.fideliza.testing.Files.PRODUCTS;
import static io.fideliza.testing.Files.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.config.JobConfig;
import io.fideliza.run.RunContext;
import io.fideliza.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fideliza validate}: the counts, the accounting, the first quarantined rows and the guards; nothing written. */
@SparkTest
class InputValidationTest {
    private final SparkSession spark;

    @TempDir
    Path dir;

    InputValidationTest(SparkSession spark) {
        this.spark = spark;
    }

    private InputValidation.Report validate() {
        return InputValidation.validate(spark, new RunContext(LocalDate.of(2026, 6, 30), ZoneOffset.UTC),
                JobConfig.defaults().ingest(), dir.toString(), 20);
    }

    /** Every file under the folder with its bytes' hash: what "writes nothing" compares. */
    private static Map<String, Integer> listing(Path root) throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), java.util.Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    @Test
    void aBrokenExtractIsReportedWithItsLinesAndRefusedWithoutWritingAnything() throws IOException {
        write(dir, "products.csv", PRODUCTS);
        write(dir, "orders.csv", """
                order_id,customer_id,product_id,ordered_at,quantity,unit_price,channel,status
                O1,C1,P1,2026-06-20T10:15:00Z,1,100.00,web,
                O1,C1,P1,2026-06-20T10:15:00Z,1,100.00,web,
                O2,,P1,2026-06-20T10:15:00Z,1,100.00,web,completed
                O3,C2,P9,2026-06-20T10:15:00Z,1,20.00,app,completed
                O4,C2,P2,2026-07-02T10:15:00Z,1,20.00,app,completed
                """);
        Map<String, Integer> before = listing(dir);
        InputValidation.Report report = validate();
        assertEquals(List.of(
                "input            read      valid  quarantined  duplicates  after_run_date",
                "products            4          4            0           0               0",
                "orders              5          1            2           1               1",
                "accounting: read = valid + quarantined + duplicates + after_run_date for every input",
                "quarantined rows (the first 2 of 2):",
                "  orders.csv:4 missing_value (customer_id)",
                "  orders.csv:5 unknown_product (product_id)",
                "refused: orders: 40.0% of 5 rows quarantined (limit 5.0%, ingest.max_quarantine_share); reasons: "
                        + "{missing_value=1, unknown_product=1} (the guard quarantine_share: --accept quarantine_share "
                        + "runs anyway)",
                "nothing was published"), report.lines());
        assertEquals(before, listing(dir), "the input folder is as it was, and there is no output folder");
    }

    @Test
    void cleanInputsAreFitToUse() {
        write(dir, "products.csv", PRODUCTS);
        write(dir, "orders.csv", """
                order_id,customer_id,product_id,ordered_at,quantity,unit_price,channel,status
                O1,C1,P1,2026-06-20T10:15:00Z,1,100.00,web,
                """);
        InputValidation.Report report = validate();
        assertEquals(null, report.refusal());
        assertEquals(List.of(
                "input            read      valid  quarantined  duplicates  after_run_date",
                "products            4          4            0           0               0",
                "orders              1          1            0           0               0",
                "accounting: read = valid + quarantined + duplicates + after_run_date for every input",
                "guards: the inputs are fit to use",
                "nothing was published"), report.lines());
    }
}
