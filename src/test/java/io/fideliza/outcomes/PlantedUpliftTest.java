package io.fideliza.outcomes;

import static io.fideliza.contract.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.JobConfig;
import io.fideliza.generate.PlantedCampaign;
import io.fideliza.generate.SampleDataGenerator;
import io.fideliza.pipeline.Pipeline;
import io.fideliza.run.Progress;
import io.fideliza.run.RunContext;
import io.fideliza.testing.Slow;
import io.fideliza.testing.QuickTraining;
import io.fideliza.testing.SparkTest;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A planted effect recovered: 2,000 generated customers with a win-back campaign planned on 26 May whose
 * emails make customers sent convert at 30% and those held out at 10% (`scripts/generate-planted --campaign-date`); a run on
 * 26 May plans it (with its own control draw), a run on 30 June measures it. The win-back uplift's interval
 * must hold the planted 20 points and not zero; the goes-with suggestion, planted with no effect, must hold zero.
 * The models are fitted once, on the campaign's night, and reused on the measured night: what is measured is the
 * campaign night's plan, whatever segments or recommender the later night would have.
 */
@SparkTest
@Slow
class PlantedUpliftTest {
    static final LocalDate CAMPAIGN = LocalDate.of(2026, 5, 26);
    static final LocalDate MEASURED = LocalDate.of(2026, 6, 30);
    static final double TREATED_RATE = 0.30;
    static final double CONTROL_RATE = 0.10;

    /**
     * Five segments instead of the k search; no refit or retraining of any model 35 days later; the one-candidate
     * training grid.
     */
    static final String CONFIG = """
            segment:
              k: 5
              refit_days: 60
            value:
              every_days: 60
            recommend:
              training:
                every_days: 60
            """;

    private final SparkSession spark;

    PlantedUpliftTest(SparkSession spark) {
        this.spark = spark;
    }

    @TempDir
    Path dir;

    @Test
    void theMeasuredUpliftRecoversThePlantedOne() throws Exception {
        Path input = dir.resolve("in");
        Path output = dir.resolve("out");
        new SampleDataGenerator(new SampleDataGenerator.Spec(2000, 400, 7, MEASURED, 540, 1, false)).writeTo(input);
        PlantedCampaign.Planted planted = new PlantedCampaign(CAMPAIGN, TREATED_RATE, CONTROL_RATE, 0.10, 7)
                .plantInto(input);
        assertTrue(planted.contacts() > 200, planted.toString());
        Progress progress = new Progress(new PrintStream(System.out, true, StandardCharsets.UTF_8));
        JobConfig config = QuickTraining.of(JobConfig.load(Files.writeString(dir.resolve("job.yaml"), CONFIG)));
        for (LocalDate day : new LocalDate[] {CAMPAIGN, MEASURED}) {
            new Pipeline(spark, config, new RunContext(day, ZoneOffset.UTC), progress)
                    .run(input.toString(), output.toString());
        }
        Map<String, long[]> pooled = new LinkedHashMap<>();
        for (Row r : spark.read().parquet(output.resolve("action_outcomes/run_date=" + MEASURED).toString())
                .filter(PLAN_RUN_DATE + " = '" + CAMPAIGN + "'").collectAsList()) {
            long[] n = pooled.computeIfAbsent(r.getAs(ACTION), a -> new long[4]);
            n[0] += r.<Long>getAs(TREATED);
            n[1] += r.<Long>getAs(CONTROL);
            n[2] += r.<Long>getAs(TREATED_CONVERTED);
            n[3] += r.<Long>getAs(CONTROL_CONVERTED);
        }
        long[] w = pooled.get("win_back");
        Uplift winBack = Uplift.of(w[0], w[2], w[1], w[3]);
        System.out.printf("planted %s; measured win_back %d/%d vs %d/%d: %s%n", planted, w[2], w[0], w[3], w[1],
                winBack);
        assertTrue(w[1] >= 10, "a control group to compare with: " + w[1]);
        assertTrue(winBack.holds(TREATED_RATE - CONTROL_RATE), "the planted 20 points inside the interval: " + winBack);
        assertTrue(winBack.low() > 0, "and the effect told from chance: " + winBack);
        // No effect is planted on any other action: the one with the largest control group must measure none.
        String other = pooled.entrySet().stream().filter(e -> !e.getKey().equals("win_back"))
                .max(java.util.Comparator.comparingLong(e -> e.getValue()[1])).orElseThrow().getKey();
        long[] c = pooled.get(other);
        Uplift unplanted = Uplift.of(c[0], c[2], c[1], c[3]);
        System.out.printf("measured %s %d/%d vs %d/%d: %s%n", other, c[2], c[0], c[3], c[1], unplanted);
        assertTrue(c[1] >= 10, "a control group to compare with: " + c[1]);
        assertTrue(unplanted.holds(0), "no effect planted on " + other + ": the interval holds zero: " + unplanted);
        assertEquals(1, spark.read().parquet(output.resolve("action_plans").toString())
                .filter(RUN_DATE + " = '" + CAMPAIGN + "' and " + CONTROL + " and " + ACTION + " = 'win_back'")
                .limit(1).count(), "the campaign's plan held some customers out");
    }
}
