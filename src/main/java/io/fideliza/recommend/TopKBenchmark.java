package io.fideliza.recommend;

import static io.fideliza.contract.Columns.*;

import io.fideliza.config.JobConfig;
import io.fideliza.contract.InputDataset;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.ingest.Ingest;
import io.fideliza.pipeline.RunContext;
import io.fideliza.spark.InputReader;
import io.fideliza.spark.InputReader.RawInput;
import io.fideliza.spark.OutputStore;
import io.fideliza.spark.SparkSessions;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * For scripts/bench: fits the pipeline's ALS on the pipeline's interactions, then times MLlib's own
 * {@code recommendForAllUsers(k)} and {@link BlockedTopK} (through {@link AlsRecommender#recommend}) on that
 * same model, every product a candidate, and prints one JSON line with the seconds.
 * Usage: TopKBenchmark INPUT RUN_DATE [ROUNDS]
 */
public final class TopKBenchmark {
    private TopKBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String input = args[0];
        LocalDate runDate = LocalDate.parse(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        JobConfig config = JobConfig.defaults();
        RunContext run = new RunContext(runDate, ZoneOffset.UTC);
        SparkSession spark = SparkSessions.create(System.getProperty("fideliza.master", "local[*]"),
                config.spark().shufflePartitions(), "UTC");
        try {
            String work = Files.createTempDirectory("fideliza-topk").toUri().toString();
            InputReader reader = new InputReader(spark, input);
            Map<InputDataset, RawInput> raw = new EnumMap<>(InputDataset.class);
            for (InputDataset d : InputDataset.values()) {
                reader.read(d).ifPresent(r -> raw.put(d, r));
            }
            CleanInputs clean = new Ingest(spark, runDate, ZoneOffset.UTC)
                    .run(raw, new OutputStore(spark, work, runDate).workArea());
            JobConfig.RecommendSettings s = config.recommend();
            Dataset<Row> interactions = Interactions.build(clean, run, s.weights(), s.halfLifeDays()).cache();
            long pairs = interactions.count();
            AlsRecommender als = new AlsRecommender(spark, s.als());
            long t0 = System.nanoTime();
            AlsRecommender.Fitted fitted = als.fit(interactions);
            fitted.model().userFactors().cache().count();
            fitted.model().itemFactors().cache().count();
            double fit = (System.nanoTime() - t0) / 1e9;
            Dataset<Row> none = interactions.select(CUSTOMER_ID, PRODUCT_ID).limit(0);
            double[] ours = new double[rounds];
            double[] mllib = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                // Alternated so that a load spike on a shared machine hits both alike.
                t0 = System.nanoTime();
                fitted.model().recommendForAllUsers(s.topN()).write().format("noop").mode("overwrite").save();
                mllib[r] = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                als.recommend(fitted, fitted.items().select(PRODUCT_ID), none, none, s.topN())
                        .write().format("noop").mode("overwrite").save();
                ours[r] = (System.nanoTime() - t0) / 1e9;
            }
            double m = median(mllib);
            double o = median(ours);
            System.out.printf(Locale.ROOT, "{\"interactions\": %d, \"users\": %d, \"items\": %d, \"k\": %d, "
                            + "\"als_fit_seconds\": %.2f, \"mllib_recommendForAllUsers_seconds\": %.2f, "
                            + "\"blocked_topk_seconds\": %.2f, \"ratio\": %.2f, \"blas\": \"%s\"}%n",
                    pairs, fitted.users().count(), fitted.items().count(), s.topN(), fit, m, o, m / o,
                    BlockedTopK.blasName());
        } finally {
            spark.stop();
        }
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
