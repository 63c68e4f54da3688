package io.fideliza.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fideliza.config.ContactPolicy;
import io.fideliza.config.JobConfig;
import io.fideliza.config.Measurement;
import io.fideliza.config.Playbook;
import io.fideliza.contract.InputError;
import io.fideliza.run.RunContext;
import io.fideliza.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fideliza preview}: the change an edit makes, per action, channel and segment; the run's outputs untouched. */
@SparkTest
class PlaybookPreviewTest {
    private final SparkSession spark;

    @TempDir
    Path tmp;

    private Path out;

    PlaybookPreviewTest(SparkSession spark) {
        this.spark = spark;
    }

    private void write(String dataset, String ddl, List<Row> rows) {
        spark.createDataFrame(rows, StructType.fromDDL(ddl)).coalesce(1).write()
                .parquet(out.resolve(dataset + "/run_date=2026-06-30").toString());
    }

    private static scala.collection.immutable.Seq<String> none() {
        return scala.jdk.javaapi.CollectionConverters.asScala(List.<String>of()).toList();
    }

    @BeforeEach
    void published() throws IOException {
        out = tmp.resolve("out");
        write("customer_features", "customer_id string, needs_service_recovery boolean, recovery_reason string, "
                + "contactable boolean, preferred_channel string, orders long, recency_days int, first_order_date date, "
                + "recent_abandoned_product_ids array<string>", List.of(
                RowFactory.create("H1", false, null, true, "email", 3L, 200, Date.valueOf("2025-01-10"), none()),
                RowFactory.create("H2", false, null, true, "email", 2L, 250, Date.valueOf("2025-02-10"), none()),
                RowFactory.create("L1", false, null, true, "email", 6L, 10, Date.valueOf("2025-03-10"), none())));
        write("segments", "customer_id string, segment_id int, segment_name string", List.of(
                RowFactory.create("H1", 7, "Hibernating"), RowFactory.create("H2", 7, "Hibernating"),
                RowFactory.create("L1", 3, "Loyal")));
        write("recommendations", "customer_id string, rank int, product_id string, score double, kind string, "
                + "because_product_id string, due_date date", List.of(
                // What they looked at again and again: keeping in touch has something to carry (popular alone has not).
                RowFactory.create("H1", 1, "P9", 3.0, "browsed", "P9", null),
                RowFactory.create("H2", 1, "P9", 3.0, "browsed", "P9", null),
                RowFactory.create("L1", 1, "P3", 0.9, "cross_sell", "P1", null)));
        Files.createDirectories(out.resolve("_manifests"));
        Files.writeString(out.resolve("_manifests/2026-06-30.json"), "{\"status\": \"succeeded\"}");
    }

    /** Every file under the folder with a hash of its bytes. */
    private static Map<String, Integer> listing(Path root) throws IOException {
        Map<String, Integer> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), java.util.Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    /** The playbook without caps, cooldowns or control groups, so that every pick shows. */
    private static Playbook plain(Playbook p) {
        return p.with(ContactPolicy.NONE, Measurement.NONE);
    }

    @Test
    void anEditedSegmentListMovesItsCustomersAndWritesNothingIntoTheRun() throws IOException {
        Map<String, Integer> before = listing(out);
        Playbook current = plain(JobConfig.defaults().playbook());
        String text = Files.readString(Path.of("jobs/playbook.yaml"))
                .replace("  Hibernating: [win_back, nurture]", "  Hibernating: [nurture]");
        Playbook edited = plain(Playbook.fromYaml(text, "edited.yaml"));
        PlaybookPreview preview = new PlaybookPreview(spark, out.toString(),
                new RunContext(LocalDate.of(2026, 6, 30), ZoneOffset.UTC), 0);
        List<PlaybookPreview.Change> changes = preview.compare(current, edited);
        assertEquals(List.of(
                "action, channel, segment: customers to contact now -> with the edit (held out as control)",
                "  nurture, email, Hibernating: 0 -> 2 (+2)",
                "  win_back, email, Hibernating: 2 -> 0 (-2)",
                "1 other action, channel and segment combinations unchanged"), PlaybookPreview.lines(changes));
        Path to = tmp.resolve("preview");
        preview.write(changes, to.resolve("preview-2026-06-30.csv"));
        assertEquals("""
                action,channel,segment_name,customers_now,customers_with_edit,change,control_now,control_with_edit\r
                nurture,email,Hibernating,0,2,2,0,0\r
                win_back,email,Hibernating,2,0,-2,0,0\r
                cross_sell,email,Loyal,1,1,0,0,0\r
                """, Files.readString(to.resolve("preview-2026-06-30.csv")));
        assertEquals(before, listing(out), "the run's output folder is exactly as it was");
        assertEquals(List.of("no change: the edited playbook plans every customer as the current one does"),
                PlaybookPreview.lines(preview.compare(current, current)));
        assertThrows(InputError.class, () -> preview.write(changes, out.resolve("preview/p.csv")),
                "never into the run's outputs");
        assertEquals(before, listing(out));
    }
}
