package io.fideliza.tools;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig;
import io.fideliza.contract.FieldType;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.ingest.ValueParsers;
import io.fideliza.recommend.AlsRecommender;
import io.fideliza.recommend.Interactions;
import io.fideliza.run.RunContext;
import io.fideliza.spark.SparkSessions;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * For scripts/bench: fits the pipeline's ALS (same settings, same interaction weights) on the data set's
 * orders and events, then times MLlib's own
 * {@code recommendForAllUsers(k)} and {@link BlockedTopK} (through {@link BlockedRecommendations}) on that
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
            // Orders and events straight from the CSV parts, typed with ingest's parsers (the sizes hold
            // deliberately broken rows: those become null and are dropped) but without the rest of ingest:
            // the benchmark is about the top-k, and ingest (timed in the pipeline run) would dominate it.
            Dataset<Row> orders = csv(spark, input, "orders").select(col(CUSTOMER_ID), col(PRODUCT_ID),
                    ValueParsers.parse(col(ORDERED_AT), FieldType.TIMESTAMP, ZoneOffset.UTC).as(ORDERED_AT),
                    ValueParsers.parse(col(QUANTITY), FieldType.INT, ZoneOffset.UTC).as(QUANTITY),
                    lower(col(STATUS)).as(STATUS)).filter(col(ORDERED_AT).isNotNull().and(col(QUANTITY).isNotNull()));
            Dataset<Row> events = csv(spark, input, "events").select(col(CUSTOMER_ID), col(PRODUCT_ID),
                    ValueParsers.parse(col(OCCURRED_AT), FieldType.TIMESTAMP, ZoneOffset.UTC).as(OCCURRED_AT),
                    lower(col(EVENT_TYPE)).as(EVENT_TYPE))
                    .filter(col(OCCURRED_AT).isNotNull());
            CleanInputs clean = new CleanInputs(null, null, orders, events, null, null, null, null, null, null,
                    io.fideliza.ingest.ConsentSource.NOBODY);
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
                BlockedRecommendations.recommend(spark, fitted, fitted.items().select(PRODUCT_ID), none, none, s.topN())
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

    private static Dataset<Row> csv(SparkSession spark, String input, String name) {
        java.nio.file.Path folder = java.nio.file.Path.of(input, name);
        String path = Files.isDirectory(folder) ? folder.toString() : input + "/" + name + ".csv";
        return spark.read().option("header", true).csv(path);
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
