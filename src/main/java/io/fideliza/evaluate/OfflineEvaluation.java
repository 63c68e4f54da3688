package io.fideliza.evaluate;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.col;

import io.fideliza.config.JobConfig.AlsSettings;
import io.fideliza.config.JobConfig.RecommendSettings;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.recommend.Interactions;
import io.fideliza.recommend.Recommendations;
import io.fideliza.run.Progress;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Measures the recommender offline: a temporal split at the cut-off, then Precision@k, Recall@k, nDCG@k,
 * MAP@k, hit rate and catalogue coverage for ALS (the nightly run's own cross-sell path), a popularity
 * baseline and an item co-occurrence baseline. With a search, ALS parameters are first chosen on a validation
 * split that ends where the test starts minus the test window, so the test weeks never pick the model.
 */
public final class OfflineEvaluation {
    public static final String ALS = "als";
    public static final String POPULARITY = "popularity";
    public static final String COOCCURRENCE = "item_cooccurrence";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";

    /** The small grid the search tries (rank x reg_param x alpha); iterations and seed come from the config. */
    static final int[] SEARCH_RANKS = {16, 32};
    static final double[] SEARCH_REGS = {0.1, 1.0};
    static final double[] SEARCH_ALPHAS = {3.0, 10.0, 40.0};

    /** One measured model on one split. {@code als} is null for the baselines. */
    public record Result(String split, LocalDate cutoff, String model, int k, RankingMetrics.Scores scores,
                         AlsSettings als, boolean chosen, double seconds) {
    }

    private final SparkSession spark;
    private final RecommendSettings settings;
    private final ZoneId zone;
    private final Progress progress;

    public OfflineEvaluation(SparkSession spark, RecommendSettings settings, ZoneId zone, Progress progress) {
        this.spark = spark;
        this.settings = settings;
        this.zone = zone;
        this.progress = progress;
    }

    /** Every result row: the validation runs of the search (if any), then the three models on the test split. */
    public List<Result> run(CleanInputs all, LocalDate cutoff, int testWeeks, int k, boolean search) {
        List<Result> results = new ArrayList<>();
        AlsSettings chosen = settings.als();
        if (search) {
            LocalDate validationCutoff = cutoff.minusDays(7L * testWeeks);
            TemporalSplit validation = TemporalSplit.at(all, validationCutoff, testWeeks, zone);
            Result best = null;
            for (int rank : SEARCH_RANKS) {
                for (double reg : SEARCH_REGS) {
                    for (double alpha : SEARCH_ALPHAS) {
                        AlsSettings als = new AlsSettings(rank, reg, alpha, settings.als().iterations(),
                                settings.als().seed());
                        Result r = als(validation, VALIDATION, als, k, false);
                        results.add(r);
                        if (best == null || r.scores().ndcg() > best.scores().ndcg()) {
                            best = r;
                        }
                    }
                }
            }
            chosen = best.als();
            for (int i = 0; i < results.size(); i++) {
                Result r = results.get(i);
                if (r == best) {
                    results.set(i, new Result(r.split(), r.cutoff(), r.model(), r.k(), r.scores(), r.als(), true,
                            r.seconds()));
                }
            }
        }
        TemporalSplit test = TemporalSplit.at(all, cutoff, testWeeks, zone);
        progress.line(String.format(Locale.ROOT, "test split at %s: %d customers with new products in the next %d weeks, "
                + "%d products in the catalogue", cutoff, test.truth().size(), testWeeks, test.history().products()));
        long t0 = System.nanoTime();
        results.add(baseline(test, POPULARITY,
                PopularityBaseline.recommend(test.history(), test.truth().keySet(), k), k, t0));
        t0 = System.nanoTime();
        results.add(baseline(test, COOCCURRENCE,
                new CooccurrenceBaseline(test.history()).recommend(test.truth().keySet(), k), k, t0));
        results.add(als(test, TEST, chosen, k, true));
        return results;
    }

    private Result baseline(TemporalSplit split, String model, Map<String, List<String>> recs, int k, long t0) {
        RankingMetrics.Scores s = RankingMetrics.score(recs, split.truth(), k, split.history().products());
        Result r = new Result(TEST, split.cutoff(), model, k, s, null, false, (System.nanoTime() - t0) / 1e9);
        report(r);
        return r;
    }

    private Result als(TemporalSplit split, String splitName, AlsSettings als, int k, boolean chosen) {
        long t0 = System.nanoTime();
        RecommendSettings s = withAls(settings, als, k);
        Dataset<Row> interactions = Interactions.build(split.train(), split.run(), s.weights(), s.halfLifeDays())
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> none = split.train().orders().select(CUSTOMER_ID, PRODUCT_ID).limit(0);
        List<Row> rows = new Recommendations(spark, split.run(), s).crossSell(split.train(), interactions, none, k)
                .select(CUSTOMER_ID, PRODUCT_ID, RANK).orderBy(col(CUSTOMER_ID), col(RANK)).collectAsList();
        interactions.unpersist();
        Map<String, List<String>> recs = new HashMap<>();
        for (Row r : rows) {
            recs.computeIfAbsent(r.getString(0), c -> new ArrayList<>()).add(r.getString(1));
        }
        RankingMetrics.Scores scores = RankingMetrics.score(recs, split.truth(), k, split.history().products());
        Result r = new Result(splitName, split.cutoff(), ALS, k, scores, als, chosen, (System.nanoTime() - t0) / 1e9);
        report(r);
        return r;
    }

    private void report(Result r) {
        progress.stage(r.split(), String.format(Locale.ROOT, "%s%s nDCG@%d %.4f  P %.4f  R %.4f  MAP %.4f  hit %.3f  cov %.3f",
                r.model(), r.als() == null ? "" : String.format(Locale.ROOT, " (rank %d, reg %s, alpha %s)",
                        r.als().rank(), r.als().regParam(), r.als().alpha()),
                r.k(), r.scores().ndcg(), r.scores().precision(), r.scores().recall(), r.scores().map(),
                r.scores().hitRate(), r.scores().coverage()), r.seconds());
    }

    static RecommendSettings withAls(RecommendSettings s, AlsSettings als, int topN) {
        return new RecommendSettings(topN, s.weights(), s.halfLifeDays(), als, s.minProductsForAls(),
                s.justBoughtDays(), s.replenishWindowDays(), s.replenishOverdueDays());
    }
}
