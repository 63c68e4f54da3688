package io.fideliza.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.JobConfig;
import io.fideliza.evaluate.PlantedAudit;
import io.fideliza.generate.PlantedComplements;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.Progress;
import io.fideliza.run.RunContext;
import io.fideliza.spark.OutputStore;
import io.fideliza.testing.Ingestion;
import io.fideliza.testing.Slow;
import io.fideliza.testing.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's planted case, with the shipped settings and the nightly path (the training step, then the model):
 * 12 device families (a device, two durable accessories, a consumable bought every few weeks) among filler
 * products. The done-when thresholds of the issue.
 */
@SparkTest
@Slow
class PlantedFamiliesTest {
    private final SparkSession spark;

    PlantedFamiliesTest(SparkSession spark) {
        this.spark = spark;
    }

    @TempDir
    Path dir;

    @Test
    void ownersGetTheAccessoryTheyLackForTheRightReasonAndTheirDevicesConsumable() throws Exception {
        PlantedComplements.Spec spec = PlantedComplements.Spec.of(PlantedComplements.Scenario.COMPLEMENTS, 1200, 7);
        Path input = dir.resolve("in");
        new PlantedComplements(spec).writeTo(input);
        RunContext run = new RunContext(spec.endDate(), ZoneOffset.UTC);
        CleanInputs clean = Ingestion.of(spark, input, run.runDate());
        JobConfig.RecommendSettings settings = JobConfig.defaults().recommend();
        Progress quiet = new Progress(new PrintStream(new ByteArrayOutputStream()));

        NightlyModel.Choice night;
        try (OutputStore out = new OutputStore(spark, dir.resolve("out").toString(), run.runDate(),
                new Manifest(run.runDate()))) {
            night = new NightlyModel(spark, settings, quiet).choose(clean, run, out);
        }
        assertTrue(night.trained());
        assertEquals(1, night.version());
        Recommendations.Result result = new Recommendations(spark, run, settings)
                .run(clean, PlantedAudit.oneSegment(clean), night.model());
        PlantedAudit.Result audit = PlantedAudit.measure(spark, input.toString(), clean, result.recommendations(),
                settings.topN());

        String detail = audit.markdown() + night.summary();
        assertTrue(audit.accessoryPairs() > 300, detail);
        assertTrue(audit.accessoryInTopK() >= 0.8, detail);
        assertTrue(audit.becauseInFamily() >= 0.9, detail);
        assertTrue(audit.consumablePairs() > 100, detail);
        assertTrue(audit.consumableInTopK() >= 0.9, detail);
        assertEquals(0.0, audit.consumableToNonOwners(), detail);
    }
}
