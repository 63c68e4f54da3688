package io.fideliza.evaluate;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig.RecommendSettings;
import io.fideliza.contract.OrderStatus;
import io.fideliza.contract.RecommendationKind;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.ranking.PopularityBaseline;
import io.fideliza.ranking.RankingMetrics;
import io.fideliza.ranking.TemporalSplit;
import io.fideliza.recommend.Interactions;
import io.fideliza.recommend.Recommendations;
import io.fideliza.recommend.RecommenderModel;
import io.fideliza.recommend.RecommenderParams;
import io.fideliza.recommend.RecommenderTraining;
import io.fideliza.recommend.ReplenishmentPlanner;
import io.fideliza.run.Progress;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Measures the recommender offline on a temporal split at the cut-off. Cross-sell (what customers bought that was
 * new to them): Precision@k, Recall@k, nDCG@k, MAP@k, hit rate and catalogue coverage for the nightly model (ALS
 * blended with complement evidence, through the nightly run's own code), ALS alone, complements alone, and the
 * popularity and item co-occurrence baselines. Replenishment: the share of refills bought in the test window that
 * were recommended, and the due date's error. With a search, the model's parameters are first chosen by the
 * training step ({@link RecommenderTraining}) on a validation split that ends one test window before the cut-off,
 * so the test weeks never pick the model.
 */
public final class OfflineEvaluation {
    public static final String MODEL = "fideliza";
    public static final String ALS = "als";
    public static final String COMPLEMENTS = "complements";
    public static final String POPULARITY = "popularity";
    public static final String COOCCURRENCE = "item_cooccurrence";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";

    /** One measured model on one split. {@code params} is null for the baselines. */
    public record Result(String split, LocalDate cutoff, String model, int k, RankingMetrics.Scores scores,
                         RecommenderParams params, boolean chosen, double seconds) {
    }

    /**
     * Replenishment at the cut-off against the refills of the test window.
     *
     * @param refills          (customer, consumable) pairs bought again in the window, bought before the cut-off too
     * @param recommended      consumables due (recommended as replenishment) at the cut-off
     * @param recall           share of the refills that were recommended
     * @param precision        share of the recommended that were bought in the window
     * @param meanDueErrorDays mean of |first refill in the window - due date| over the recommended refills
     * @param medianDueErrorDays the median of the same
     * @param firstPurchases   (customer, consumable) pairs bought in the window for the first time by a customer with
     *                         a purchase before
     * @param firstRefills     first refills recommended at the cut-off
     * @param firstRecall      share of those first purchases that were recommended as a first refill
     * @param firstPrecision   share of the first refills recommended that were bought in the window
     */
    public record Replenishment(LocalDate cutoff, int refills, int recommended, double recall, double precision,
                                double meanDueErrorDays, double medianDueErrorDays, int firstPurchases, int firstRefills,
                                double firstRecall, double firstPrecision) {
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

    /** Every result row: the validation runs of the search (if any), then the models on the test split. */
    public List<Result> run(CleanInputs all, LocalDate cutoff, int testWeeks, int k, boolean search) {
        List<Result> results = new ArrayList<>();
        RecommenderParams chosen = RecommenderTraining.configured(settings);
        RecommendSettings s = settings.withTopN(k);
        if (search) {
            TemporalSplit validation = TemporalSplit.at(all, cutoff.minusDays(7L * testWeeks), testWeeks, zone);
            RecommenderTraining training = new RecommenderTraining(spark, s, zone, progress);
            List<RecommenderTraining.Candidate> candidates = training.search(validation, k);
            for (RecommenderTraining.Candidate c : candidates) {
                results.add(new Result(VALIDATION, validation.cutoff(), MODEL, k, c.scores(), c.params(), c.chosen(),
                        c.seconds()));
                if (c.chosen()) {
                    chosen = training.fullIterations(c.params());
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
        Dataset<Row> interactions = Interactions.build(test.train(), test.run(), s.weights(), s.halfLifeDays())
                .persist(StorageLevel.MEMORY_AND_DISK());
        t0 = System.nanoTime();
        // One fit (ALS and complements) serves the three: the blend, ALS alone, complements alone.
        RecommenderModel model = RecommenderModel.fit(spark, test.train(), test.run(), s,
                chosen.usesAls() ? chosen : chosen.withBlend(1));
        results.add(model(test, MODEL, model.withBlend(chosen.blend()), interactions, k, search, t0));
        t0 = System.nanoTime();
        results.add(model(test, ALS, model.withBlend(1), interactions, k, false, t0));
        t0 = System.nanoTime();
        results.add(model(test, COMPLEMENTS, model.withBlend(0), interactions, k, false, t0));
        interactions.unpersist();
        return results;
    }

    private Result baseline(TemporalSplit split, String model, Map<String, List<String>> recs, int k, long t0) {
        RankingMetrics.Scores s = RankingMetrics.score(recs, split.truth(), k, split.history().products());
        Result r = new Result(TEST, split.cutoff(), model, k, s, null, false, (System.nanoTime() - t0) / 1e9);
        report(r);
        return r;
    }

    private Result model(TemporalSplit split, String name, RecommenderModel model, Dataset<Row> interactions, int k,
                         boolean chosen, long t0) {
        Dataset<Row> only = spark.createDataset(new ArrayList<>(split.truth().keySet()), Encoders.STRING()).toDF(CUSTOMER_ID);
        Dataset<Row> excluded = Recommendations.excluded(split.train(), split.run(), settings.justBoughtDays(), null);
        Map<String, List<String>> recs = RecommenderTraining.ranked(model.personal(spark, split.train(), interactions,
                excluded, only, settings.minProductsForAls(), k), PopularityBaseline.recommend(split.history(),
                split.truth().keySet(), k), k);
        RankingMetrics.Scores scores = RankingMetrics.score(recs, split.truth(), k, split.history().products());
        Result r = new Result(TEST, split.cutoff(), name, k, scores, model.params(), chosen,
                (System.nanoTime() - t0) / 1e9);
        report(r);
        return r;
    }

    /**
     * Replenishment at the cut-off: the consumables the nightly run would say are due, against what customers bought
     * again in the following {@code testWeeks}; and the first refills of the configured model against consumables
     * bought for the first time.
     */
    public Replenishment replenishment(CleanInputs all, LocalDate cutoff, int testWeeks) {
        long t0 = System.nanoTime();
        Dataset<Row> consumables = all.products().filter(col(CONSUMABLE)).select(PRODUCT_ID);
        if (consumables.isEmpty()) {
            progress.stage("replenish", "no product is a consumable: nothing to measure", (System.nanoTime() - t0) / 1e9);
            return new Replenishment(cutoff, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, Double.NaN,
                    Double.NaN);
        }
        TemporalSplit split = TemporalSplit.at(all, cutoff, testWeeks, zone);
        Dataset<Row> bought = all.orders().filter(OrderStatus.isPurchase())
                .join(consumables, PRODUCT_ID);
        java.sql.Timestamp end = split.run().runEnd();
        java.sql.Timestamp testEnd = new io.fideliza.run.RunContext(cutoff.plusDays(7L * testWeeks), zone).runEnd();
        Dataset<Row> before = bought.filter(col(ORDERED_AT).lt(lit(end))).select(CUSTOMER_ID, PRODUCT_ID).distinct();
        Dataset<Row> customersBefore = all.orders().filter(col(ORDERED_AT).lt(lit(end))).select(CUSTOMER_ID).distinct();
        Dataset<Row> window = bought.filter(col(ORDERED_AT).geq(lit(end)).and(col(ORDERED_AT).lt(lit(testEnd))))
                .groupBy(CUSTOMER_ID, PRODUCT_ID).agg(min(to_date(col(ORDERED_AT))).as("_first"));
        Dataset<Row> refills = window.join(before, pair());
        Dataset<Row> due = new ReplenishmentPlanner(split.run(), settings.replenishWindowDays(),
                settings.replenishOverdueDays()).due(split.train()).select(CUSTOMER_ID, PRODUCT_ID, DUE_DATE);
        List<Row> matched = refills.join(due, pair(), "full")
                .select(col("_first"), col(DUE_DATE)).collectAsList();
        int refillCount = 0;
        int dueCount = 0;
        List<Double> errors = new ArrayList<>();
        for (Row r : matched) {
            refillCount += r.isNullAt(0) ? 0 : 1;
            dueCount += r.isNullAt(1) ? 0 : 1;
            if (!r.isNullAt(0) && !r.isNullAt(1)) {
                errors.add((double) Math.abs(r.getDate(0).toLocalDate().toEpochDay() - r.getDate(1).toLocalDate().toEpochDay()));
            }
        }
        // First purchases of a consumable by customers who bought something before the cut-off.
        Dataset<Row> firsts = window.join(before, pair(), "left_anti").join(customersBefore, CUSTOMER_ID);
        RecommendSettings s = settings;
        Dataset<Row> interactions = Interactions.build(split.train(), split.run(), s.weights(), s.halfLifeDays());
        Dataset<Row> firstRefills = RecommenderModel.fit(spark, split.train(), split.run(), s,
                        RecommenderTraining.configured(s).withBlend(0))
                .personal(spark, split.train(), interactions, Recommendations.excluded(split.train(), split.run(),
                        s.justBoughtDays(), due), null, s.minProductsForAls(), s.topN())
                .filter(col(KIND).equalTo(RecommendationKind.REPLENISHMENT.code())).select(CUSTOMER_ID, PRODUCT_ID)
                .persist(StorageLevel.MEMORY_AND_DISK());
        long firstCount = firsts.count();
        long firstRecommended = firstRefills.count();
        long firstHits = firsts.join(firstRefills, pair()).count();
        firstRefills.unpersist();
        errors.sort(Double::compare);
        double mean = errors.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double median = errors.isEmpty() ? Double.NaN : errors.size() % 2 == 1 ? errors.get(errors.size() / 2)
                : (errors.get(errors.size() / 2 - 1) + errors.get(errors.size() / 2)) / 2;
        Replenishment r = new Replenishment(cutoff, refillCount, dueCount, share(errors.size(), refillCount),
                share(errors.size(), dueCount), mean, median, (int) firstCount, (int) firstRecommended,
                share(firstHits, firstCount), share(firstHits, firstRecommended));
        progress.stage("replenish", String.format(Locale.ROOT, "refills %d, recommended %.3f of them, due error %.1f days; "
                + "first refills %.3f of %d", r.refills(), r.recall(), r.meanDueErrorDays(), r.firstRecall(),
                r.firstPurchases()), (System.nanoTime() - t0) / 1e9);
        return r;
    }

    private static scala.collection.immutable.Seq<String> pair() {
        return scala.jdk.javaapi.CollectionConverters.asScala(List.of(CUSTOMER_ID, PRODUCT_ID)).toList();
    }

    private static double share(long part, long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    private void report(Result r) {
        progress.stage(r.split(), String.format(Locale.ROOT, "%s%s nDCG@%d %.4f  P %.4f  R %.4f  MAP %.4f  hit %.3f  cov %.3f",
                r.model(), r.params() == null ? "" : " (" + r.params().label() + ")",
                r.k(), r.scores().ndcg(), r.scores().precision(), r.scores().recall(), r.scores().map(),
                r.scores().hitRate(), r.scores().coverage()), r.seconds());
    }
}
