package io.fideliza.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs compare on what a reader of the outputs sees: a cluster's Hadoop file system writes checksum files
 * and _SUCCESS markers that a local run's does not, and its tasks may split rows into other part files; those
 * are no difference, a changed row or file is.
 */
@SparkTest
class OutputComparisonTest {
    static final String DAY = "2026-06-30";
    private final SparkSession spark;

    @TempDir
    Path dir;

    OutputComparisonTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void checksumFilesAndSuccessMarkersAreNotOutputs() throws IOException {
        Path local = dir.resolve("local");
        Path cluster = dir.resolve("cluster");
        spark.sql("SELECT id AS customer_id, id * 1.5D AS score FROM range(3)").coalesce(1).write()
                .parquet(local.resolve("segments/run_date=" + DAY).toString());
        Files.createDirectories(local.resolve("exports/run_date=" + DAY));
        Files.writeString(local.resolve("exports/run_date=" + DAY + "/champions.csv"), "customer_id\nC1\n");
        // The same files written through Hadoop's checksummed local file system, as on a cluster's executors: a
        // .NAME.crc beside each, and the committer's _SUCCESS.
        Configuration conf = new Configuration();
        try (FileSystem hadoopLocal = FileSystem.newInstanceLocal(conf)) {
            FileUtil.copy(hadoopLocal, new org.apache.hadoop.fs.Path(local.toUri()), hadoopLocal,
                    new org.apache.hadoop.fs.Path(cluster.toUri()), false, conf);
            for (String partition : List.of("segments", "exports")) {
                hadoopLocal.create(new org.apache.hadoop.fs.Path(cluster.resolve(partition + "/run_date=" + DAY
                        + "/_SUCCESS").toUri())).close();
            }
        }
        try (Stream<Path> files = Files.walk(cluster)) {
            assertEquals(4, files.filter(f -> f.getFileName().toString().endsWith(".crc")).count(),
                    "a checksum beside each of the part, the csv and the two markers");
        }

        // The same rows in one part file here and two there: how the tasks split them, not what a reader sees.
        String quarantine = "quarantine/events/run_date=" + DAY;
        spark.sql("SELECT id AS line FROM range(2)").coalesce(1).write().parquet(local.resolve(quarantine).toString());
        spark.sql("SELECT id AS line FROM range(2)").repartition(2).write()
                .parquet(cluster.resolve(quarantine).toString());

        List<String> verdicts = OutputComparison.compare(spark, local, cluster, DAY, 1e-4).stream()
                .map(v -> v.dataset() + " " + v.same() + " " + v.detail()).toList();
        assertEquals(List.of("exports/run_date=" + DAY + " true 1 files",
                quarantine + " true rows 2 / 2, differing 0 / 0, decimals apart 0, files 1 / 2",
                "segments/run_date=" + DAY + " true rows 3 / 3, differing 0 / 0, decimals apart 0, files 1 / 1"), verdicts);

        Files.delete(cluster.resolve("exports/run_date=" + DAY + "/.champions.csv.crc"));
        Files.writeString(cluster.resolve("exports/run_date=" + DAY + "/champions.csv"), "customer_id\nC2\n");
        assertEquals("champions.csv differs", OutputComparison.compare(spark, local, cluster, DAY, 1e-4).get(0).detail());
    }
}
