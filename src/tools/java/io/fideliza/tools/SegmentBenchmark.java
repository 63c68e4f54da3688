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
import io.fideliza.contract.InputDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
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
 * the medians. The features, support and surveys are kept under WORK_DIR/cache for the next benchmark of the same
 * data. Usage: SegmentBenchmark INPUT WORK_DIR RUN_DATE ROUNDS (scripts/bench-segment)
 */
public final class SegmentBenchmark {
    private SegmentBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path input = Path.of(args[0]);
        Path work = Path.of(args[1]);
        LocalDate day = LocalDate.parse(args[2]);
        int rounds = Integer.parseInt(args[3]);
        JobConfig config = JobConfig.defaults();
        SparkSession spark = SparkSessions.create("local[*]", config.spark().shufflePartitions(), "UTC");
        try {
            RunContext run = new RunContext(day, ZoneOffset.UTC);
            Path cache = work.resolve("cache");
            long t0 = System.nanoTime();
            if (!Files.exists(cache.resolve("_COMPLETE"))) {
                // Ingest and features as a night makes them, staged under a folder never published; then what the
                // segment stage reads is kept, so that later benchmarks of the same data skip this.
                OutputStore prep = new OutputStore(spark, work.resolve("prep").toString(), day, new Manifest(day));
                CleanInputs made = new IngestStage(spark, run, config.ingest(), input.toString())
                        .run(input.toString(), prep);
                new FeaturesStage(run, config.features()).run(new FeaturesStage.Input(made,
                        new io.fideliza.contacts.ContactsStage(run, config.plan(), config.ingest().workFiles()).run(made, prep)), prep).rows()
                        .write().parquet(cache.resolve("features").toString());
                made.support().write().parquet(cache.resolve("support").toString());
                made.surveys().write().parquet(cache.resolve("surveys").toString());
                prep.discard();
                Files.createFile(cache.resolve("_COMPLETE"));
            }
            double prepSeconds = (System.nanoTime() - t0) / 1e9;
            Dataset<Row> features = spark.read().parquet(cache.resolve("features").toString());
            CleanInputs clean = supportAndSurveys(spark, spark.read().parquet(cache.resolve("support").toString()),
                    spark.read().parquet(cache.resolve("surveys").toString()));
            String nights = work.resolve("nights").toString();
            double first = night(spark, nights, day, config.segment(), clean, features, true)[0];
            List<Double> refits = new ArrayList<>();
            List<Double> assigns = new ArrayList<>();
            List<Double> refitsCpu = new ArrayList<>();
            List<Double> assignsCpu = new ArrayList<>();
            SegmentSettings refit = config.segment().withModel(config.segment().model().withRefit(true));
            for (int i = 1; i <= rounds; i++) {
                double[] r = night(spark, nights, day.plusDays(2L * i - 1), refit, clean, features, true);
                double[] a = night(spark, nights, day.plusDays(2L * i), config.segment(), clean, features, false);
                refits.add(r[0]);
                refitsCpu.add(r[1]);
                assigns.add(a[0]);
                assignsCpu.add(a[1]);
            }
            System.out.printf(Locale.ROOT, "{\"customers\": %d, \"ingest_and_features_seconds\": %.1f, "
                            + "\"first_model_seconds\": %.2f, \"refit_seconds\": %s, \"assign_seconds\": %s, "
                            + "\"median_refit\": %.2f, \"median_assign\": %.2f, \"ratio\": %.3f, "
                            + "\"refit_cpu_seconds\": %s, \"assign_cpu_seconds\": %s, \"median_refit_cpu\": %.2f, "
                            + "\"median_assign_cpu\": %.2f, \"cpu_ratio\": %.3f}%n",
                    features.count(), prepSeconds, first, list(refits), list(assigns), median(refits), median(assigns),
                    median(assigns) / median(refits), list(refitsCpu), list(assignsCpu), median(refitsCpu),
                    median(assignsCpu), median(assignsCpu) / median(refitsCpu));
        } finally {
            spark.stop();
        }
    }

    /**
     * One night of the segment stage, staged and published: its seconds (the stage's, as the manifest times it) and
     * the CPU seconds the JVM spent meanwhile, a cost that other processes on a shared machine do not inflate.
     */
    private static double[] night(SparkSession spark, String out, LocalDate day, SegmentSettings settings,
                                CleanInputs clean, Dataset<Row> features, boolean refitExpected) {
        Manifest manifest = new Manifest(day);
        OutputStore store = new OutputStore(spark, out, day, manifest);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Segmentation s = new SegmentStage(spark, new RunContext(day, ZoneOffset.UTC), settings)
                .run(new SegmentStage.Input(clean, features), store);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        store.publish();
        if (s.model().refittedTonight() != refitExpected) {
            throw new IllegalStateException("night " + day + ": expected refit " + refitExpected + ", " + s.summary());
        }
        System.err.printf(Locale.ROOT, "%s %6.2f s (CPU %6.2f s)  %s%n", day, seconds, cpu, s.summary());
        return new double[] {seconds, cpu};
    }

    /** Inputs with only what the segment stage reads of them (support and surveys, for the profiles). */
    private static CleanInputs supportAndSurveys(SparkSession spark, Dataset<Row> support, Dataset<Row> surveys) {
        java.util.function.Function<InputDataset, Dataset<Row>> empty =
                d -> spark.createDataFrame(List.<Row>of(), d.typedSchema());
        return new CleanInputs(empty.apply(InputDataset.PRODUCTS), empty.apply(InputDataset.CUSTOMERS),
                empty.apply(InputDataset.ORDERS), empty.apply(InputDataset.EVENTS), support, surveys, Map.of(), Map.of(),
                Map.of(), Set.of(InputDataset.SUPPORT, InputDataset.SURVEYS), io.fideliza.ingest.ConsentSource.NOBODY);
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
