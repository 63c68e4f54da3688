package io.fideliza.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.manifest.Manifest;
import io.fideliza.run.Outputs;
import io.fideliza.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SparkTest
class OutputStoreTest {
    private final SparkSession spark;

    OutputStoreTest(SparkSession spark) {
        this.spark = spark;
    }

    static final LocalDate DAY = LocalDate.of(2026, 6, 30);

    @TempDir
    Path out;

    private Path write(String dataset, String content) throws Exception {
        Path p = out.resolve(dataset + "/run_date=" + DAY + "/part-0.parquet");
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p.getParent();
    }

    @Test
    void aRunKilledWhilePublishingGetsThePreviousPartitionsBack() throws Exception {
        // The killed publish had set segments and quarantine/orders aside, and already moved the new features in.
        Path trash = out.resolve("_trash/run_date=" + DAY);
        Files.createDirectories(trash);
        Files.move(write("segments", "old segments"), trash.resolve("segments"));
        Files.move(write("quarantine/orders", "old quarantine"), trash.resolve("quarantine~orders"));
        Files.move(write("customer_features", "old features"), trash.resolve("customer_features"));
        write("customer_features", "new features");
        Files.createDirectories(out.resolve("_staging/run_date=" + DAY + "/segment_plans"));

        new OutputStore(spark, out.toString(), DAY, new Manifest(DAY)).close();

        assertEquals("old segments", read("segments"));
        assertEquals("old quarantine", read("quarantine/orders"));
        assertEquals("new features", read("customer_features"), "a partition already replaced stays");
        assertFalse(Files.exists(out.resolve("_trash")));
        assertFalse(Files.exists(out.resolve("_staging/run_date=" + DAY)), "stale staging is dropped");
    }

    private String read(String dataset) throws Exception {
        return Files.readString(out.resolve(dataset + "/run_date=" + DAY + "/part-0.parquet"));
    }

    @Test
    void aModelVersionIsPublishedOnlyWithItsRunAndVersionsCountUp() throws Exception {
        OutputStore first = new OutputStore(spark, out.toString(), DAY, new Manifest(DAY));
        assertTrue(first.latestModel("segments").isEmpty());
        Outputs.ModelVersion v1 = first.stageModel("segments");
        assertEquals(1, v1.version());
        first.writeText(new org.apache.hadoop.fs.Path(v1.folder(), "model.json"), "{\"k\": 5}");
        assertTrue(first.latestModel("segments").isEmpty(), "staged, not yet published");
        first.publish();
        first.close();
        assertEquals("{\"k\": 5}", Files.readString(out.resolve("_models/segments/version=1/model.json")));

        LocalDate next = DAY.plusDays(1);
        OutputStore failed = new OutputStore(spark, out.toString(), next, new Manifest(next));
        assertEquals(1, failed.latestModel("segments").orElseThrow().version());
        Outputs.ModelVersion v2 = failed.stageModel("segments");
        assertEquals(2, v2.version());
        failed.writeText(new org.apache.hadoop.fs.Path(v2.folder(), "model.json"), "{}");
        failed.discard();
        failed.close();
        assertFalse(Files.exists(out.resolve("_models/segments/version=2")), "a failed run publishes no model");
        try (OutputStore again = new OutputStore(spark, out.toString(), next, new Manifest(next))) {
            assertEquals(1, again.latestModel("segments").orElseThrow().version());
        }
    }
}
