package io.fideliza.tools;

import io.fideliza.config.JobConfig;
import io.fideliza.config.JobConfig.SegmentSettings;
import io.fideliza.features.FeaturesStage;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.ingest.IngestStage;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.RunContext;
import io.fideliza.segment.SegmentStage;
import io.fideliza.segment.SegmentStage.Segmentation;
import io.fideliza.spark.OutputStore;
import io.fideliza.spark.SparkSessions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The segment stage's cost on a night that assigns customers to the model against a night that refits it, on
 * the same customers in one JVM: ingest and features once, a first night that fits the first model (a warm-up,
 * reported apart), then refit and assign nights alternately; prints one JSON line with every night's seconds and
 * the medians. Usage: SegmentBenchmark INPUT WORK_DIR RUN_DATE ROUNDS (scripts/bench-segment)
 */
public final class SegmentBenchmark {
    private SegmentBenchmark() {
    }

    public static void main(String[] args) {
        Path input = Path.of(args[0]);
        Path work = Path.of(args[1]);
        LocalDate day = LocalDate.parse(args[2]);
        int rounds = Integer.parseInt(args[3]);
        JobConfig config = JobConfig.defaults();
        SparkSession spark = SparkSessions.create("local[*]", config.spark().shufflePartitions(), "UTC");
        try {
            RunContext run = new RunContext(day, ZoneOffset.UTC);
            // Ingest and features as a night makes them, staged under a folder never published.
            OutputStore prep = new OutputStore(spark, work.resolve("prep").toString(), day, new Manifest(day));
            long t0 = System.nanoTime();
            CleanInputs clean = new IngestStage(spark, run, config.ingest(), input.toString()).run(input.toString(), prep);
            Dataset<Row> features = new FeaturesStage(run, config.features()).run(clean, prep).rows();
            double prepSeconds = (System.nanoTime() - t0) / 1e9;
            String nights = work.resolve("nights").toString();
            double first = night(spark, nights, day, config.segment(), clean, features, true);
            List<Double> refits = new ArrayList<>();
            List<Double> assigns = new ArrayList<>();
            SegmentSettings refit = config.segment().withModel(config.segment().model().withRefit(true));
            for (int i = 1; i <= rounds; i++) {
                refits.add(night(spark, nights, day.plusDays(2L * i - 1), refit, clean, features, true));
                assigns.add(night(spark, nights, day.plusDays(2L * i), config.segment(), clean, features, false));
            }
            System.out.printf(Locale.ROOT, "{\"customers\": %d, \"ingest_and_features_seconds\": %.1f, "
                            + "\"first_model_seconds\": %.2f, \"refit_seconds\": %s, \"assign_seconds\": %s, "
                            + "\"median_refit\": %.2f, \"median_assign\": %.2f, \"ratio\": %.3f}%n",
                    features.count(), prepSeconds, first, list(refits), list(assigns), median(refits), median(assigns),
                    median(assigns) / median(refits));
        } finally {
            spark.stop();
        }
    }

    /** One night of the segment stage, staged and published; its seconds (the stage's, as the manifest times it). */
    private static double night(SparkSession spark, String out, LocalDate day, SegmentSettings settings,
                                CleanInputs clean, Dataset<Row> features, boolean refitExpected) {
        Manifest manifest = new Manifest(day);
        OutputStore store = new OutputStore(spark, out, day, manifest);
        long t0 = System.nanoTime();
        Segmentation s = new SegmentStage(spark, new RunContext(day, ZoneOffset.UTC), settings)
                .run(new SegmentStage.Input(clean, features), store);
        double seconds = (System.nanoTime() - t0) / 1e9;
        store.publish();
        if (s.model().refittedTonight() != refitExpected) {
            throw new IllegalStateException("night " + day + ": expected refit " + refitExpected + ", " + s.summary());
        }
        System.err.printf(Locale.ROOT, "%s %6.2f s  %s%n", day, seconds, s.summary());
        return seconds;
    }

    private static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String list(List<Double> v) {
        return v.stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList().toString();
    }
}
