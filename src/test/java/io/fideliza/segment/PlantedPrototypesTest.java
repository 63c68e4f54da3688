package io.fideliza.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.JobConfig;
import io.fideliza.config.SegmentAlgorithm;
import io.fideliza.features.CustomerFeatures;
import io.fideliza.generate.SampleDataGenerator;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.RunContext;
import io.fideliza.testing.Ingestion;
import io.fideliza.testing.Slow;
import io.fideliza.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segmentation recovers the behaviours the generator plants. */
@SparkTest
@Slow
class PlantedPrototypesTest {
    private final SparkSession spark;

    PlantedPrototypesTest(SparkSession spark) {
        this.spark = spark;
    }

    @TempDir
    Path dir;

    @Test
    void kmeansRecoversThePlantedPrototypes() throws Exception {
        LocalDate end = LocalDate.of(2026, 6, 30);
        new SampleDataGenerator(new SampleDataGenerator.Spec(600, 120, 5, end, 540, 1, false)).writeTo(dir);
        RunContext run = new RunContext(end, ZoneOffset.UTC);
        CleanInputs clean = Ingestion.of(spark, dir, end);
        JobConfig config = JobConfig.defaults();
        Dataset<Row> features = new CustomerFeatures(run, config.features()).compute(clean).localCheckpoint(true);
        Map<String, String> truth = Files.readAllLines(dir.resolve("_truth/prototypes.csv")).stream().skip(1)
                .map(l -> l.split(",")).collect(Collectors.toMap(a -> a[0], a -> a[1]));
        for (SegmentAlgorithm.Choice algorithm : List.of(SegmentAlgorithm.Choice.KMEANS)) {
            JobConfig.SegmentSettings s = new JobConfig.SegmentSettings(algorithm, 8, 4, 8, 0.0, 40, 7);
            Segmenter.Training result = new Segmenter(spark, s)
                    .fit(features, Optional.empty(), List.of(), Optional.empty(), "test", 1, end);
            List<String> t = new ArrayList<>();
            List<Integer> p = new ArrayList<>();
            for (Row r : result.assigned().select(io.fideliza.contract.Columns.CUSTOMER_ID,
                    io.fideliza.contract.Columns.SEGMENT_ID).collectAsList()) {
                t.add(truth.get(r.getString(0)));
                p.add(r.getInt(1));
            }
            double ari = AdjustedRandIndex.of(t, p);
            // the evidence
            System.out.printf(java.util.Locale.ROOT, "%s: adjusted Rand index %.3f%n", algorithm.code(), ari);
            assertTrue(ari >= 0.9, algorithm.code() + ": adjusted Rand index " + ari);
            assertEquals(8, result.model().info().segments().size());
        }
    }
}
