package io.fideliza.recommend;

import static io.fideliza.contract.Columns.*;

import io.fideliza.config.ConfidenceScale;
import io.fideliza.config.JobConfig.AlsSettings;
import io.fideliza.config.JobConfig.ModelSettings;
import io.fideliza.config.JobConfig.RecommendSettings;
import io.fideliza.contract.RecommendationKind;
import io.fideliza.ranking.PopularityBaseline;
import io.fideliza.ranking.RankingMetrics;
import io.fideliza.ranking.TemporalSplit;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.RunContext;
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
 * The recommender's training step: a temporal validation split of the history (the last
 * {@code validation_weeks} before the run date are what customers went on to buy), candidates of the configured
 * grid (ALS rank, regularisation, alpha, confidence scaling, and ALS's weight in the blend with complement
 * evidence) fitted on the weeks before and scored by nDCG@k on what customers bought next, then the best fitted on
 * the whole history. The search halves its work: every ALS setting at one blend, then only the best at the other
 * blends, with fewer ALS iterations than the final fit (a 300-customer history does not need 17 full fits); ALS
 * is fitted once per ALS setting and the blends reuse it. A candidate that gives
 * most customers the same picks is refused whatever its nDCG: on a catalogue where cheap products are bought by
 * everyone, what customers buy next rewards recommending those to all (issue 25).
 */
public final class RecommenderTraining {
    /**
     * One candidate measured on the validation split.
     *
     * @param samePicksShare the largest share of validation customers given the same first personal picks
     * @param refused        it gives most customers the same picks ({@code samePicksShare} above the setting)
     */
    public record Candidate(RecommenderParams params, RankingMetrics.Scores scores, double samePicksShare,
                            boolean refused, double seconds, boolean chosen) {
        Candidate chosen(boolean isChosen) {
            return new Candidate(params, scores, samePicksShare, refused, seconds, isChosen);
        }
    }

    /** How many first personal picks two customers must share to count as given "the same picks". */
    static final int SAME_PICKS = 3;

    /** The model fitted with the chosen candidate, and every candidate measured. */
    public record Outcome(RecommenderModel model, List<Candidate> candidates) {
    }

    private final SparkSession spark;
    private final RecommendSettings settings;
    private final ZoneId zone;
    private final Progress progress;

    public RecommenderTraining(SparkSession spark, RecommendSettings settings, ZoneId zone, Progress progress) {
        this.spark = spark;
        this.settings = settings;
        this.zone = zone;
        this.progress = progress;
    }

    /** The parameters a model is fitted with when no search runs: the configured ones. */
    public static RecommenderParams configured(RecommendSettings s) {
        ModelSettings m = s.model();
        return new RecommenderParams(s.als(), m.confidence(), m.epsilon(), m.blend(), m.neighbours(),
                m.significance(), m.evidenceByActivity());
    }

    /** A searched candidate's parameters with recommend.als.iterations: what the chosen one is fitted with. */
    public RecommenderParams fullIterations(RecommenderParams searched) {
        AlsSettings a = searched.als();
        return searched.withAls(new AlsSettings(a.rank(), a.regParam(), a.alpha(), settings.als().iterations(),
                a.seed()));
    }

    /**
     * Chooses on the validation split before {@code run}'s date, then fits the choice on everything up to it (the
     * nightly run trains through {@link RecommenderLearner}; this is the same training for offline evaluation).
     */
    public Outcome train(CleanInputs in, RunContext run, int k) {
        LocalDate cutoff = run.runDate().minusDays(7L * settings.model().validationWeeks());
        TemporalSplit split = TemporalSplit.at(in, cutoff, settings.model().validationWeeks(), zone);
        if (split.truth().isEmpty()) {
            // Too short a history to validate anything: the configured parameters.
            return new Outcome(RecommenderModel.fit(spark, in, run, settings, configured(settings)), List.of());
        }
        List<Candidate> candidates = search(split, k);
        Candidate best = candidates.stream().filter(Candidate::chosen).findFirst().orElseThrow();
        return new Outcome(RecommenderModel.fit(spark, in, run, settings, fullIterations(best.params())), candidates);
    }

    /** A candidate of the search: the model fitted on the split's training part, and how it did. */
    record Measured(RecommenderModel model, Candidate candidate) {
    }

    /** {@link #searchFitted}'s candidates, the chosen one marked. */
    public List<Candidate> search(TemporalSplit split, int k) {
        return choose(searchFitted(split, k).stream().map(Measured::candidate).toList());
    }

    /**
     * The candidates of the grid on {@code split}, by successive halving: complement evidence alone (blend 0, when
     * listed) and every ALS setting at one blend, then the best {@code kept_als_settings} ALS settings at the other
     * blends (they reuse the fitted ALS). ALS is fitted with {@code search_iterations}. The split's interactions,
     * complement evidence and per-customer rows are built once for all candidates.
     */
    List<Measured> searchFitted(TemporalSplit split, int k) {
        ModelSettings m = settings.model();
        RecommenderParams base = configured(settings);
        Dataset<Row> only = spark.createDataset(new ArrayList<>(split.truth().keySet()), Encoders.STRING())
                .toDF(CUSTOMER_ID);
        Dataset<Row> interactions = Interactions.build(split.train(), split.run(), settings.weights(),
                settings.halfLifeDays()).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> excluded = Recommendations.excluded(split.train(), split.run(), settings.justBoughtDays(), null);
        Dataset<Row> customers = RecommenderModel.customers(split.train(), interactions, excluded, only)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, List<String>> popular = PopularityBaseline.recommend(split.history(), split.truth().keySet(), k);
        Measuring on = new Measuring(split, customers, popular, k);
        List<Measured> out = new ArrayList<>();
        long t0 = System.nanoTime();
        // Complement evidence does not depend on the ALS candidates: learnt once.
        RecommenderModel complementsOnly = RecommenderModel.fit(spark, split.train(), split.run(), settings,
                base.withBlend(0));
        List<Double> blends = m.blends();
        if (blends.contains(0.0)) {
            out.add(measure(complementsOnly, on, t0));
        }
        List<Double> positive = blends.stream().filter(b -> b > 0).distinct().toList();
        if (!positive.isEmpty()) {
            double first = positive.contains(m.blend()) ? m.blend() : positive.get(positive.size() / 2);
            // Round 1: every ALS setting the split can tell apart, at the first blend.
            List<Measured> round1 = new ArrayList<>();
            List<RecommenderParams> grid = alsGrid(base);
            List<RecommenderParams> searched = sizedToSplit(grid, split.truth().size());
            if (searched.size() < grid.size()) {
                progress.stage("validate", String.format(Locale.ROOT, "%d validation customers: %d of the grid's %d ALS "
                        + "settings (recommend.training.customers_per_als_setting %d)", split.truth().size(),
                        searched.size(), grid.size(), m.customersPerAlsSetting()), 0);
            }
            for (RecommenderParams setting : searched) {
                long t1 = System.nanoTime();
                RecommenderParams p = setting.withBlend(first);
                RecommenderModel fitted = RecommenderModel.fitAls(spark, interactions, split.run(), p,
                        complementsOnly.complements());
                round1.add(measure(fitted, on, t1));
            }
            out.addAll(round1);
            // Round 2: the best ALS settings of round 1 at the other blends.
            for (int i : kept(round1.stream().map(Measured::candidate).toList(), m.keptAlsSettings())) {
                for (double blend : positive) {
                    if (blend != first) {
                        out.add(measure(round1.get(i).model().withBlend(blend), on, System.nanoTime()));
                    }
                }
            }
        }
        customers.unpersist();
        interactions.unpersist();
        return out;
    }

    /** The grid's ALS settings: confidence x rank x regularisation x alpha, with {@code search_iterations}. */
    List<RecommenderParams> alsGrid(RecommenderParams base) {
        ModelSettings m = settings.model();
        List<RecommenderParams> grid = new ArrayList<>();
        for (ConfidenceScale conf : m.confidences()) {
            for (int rank : m.ranks()) {
                for (double reg : m.regParams()) {
                    for (double alpha : m.alphas()) {
                        grid.add(base.withConfidence(conf).withAls(new AlsSettings(rank, reg, alpha,
                                m.searchIterations(), settings.als().seed())));
                    }
                }
            }
        }
        return grid;
    }

    /**
     * The settings of {@code grid} a split of {@code customers} validation customers searches: all of them, or as
     * many as {@code customers_per_als_setting} allows, the configured one (recommend.als, recommend.confidence)
     * first when the grid holds it, then the grid's in order; in the grid's order either way.
     */
    List<RecommenderParams> sizedToSplit(List<RecommenderParams> grid, int customers) {
        ModelSettings m = settings.model();
        int allowed = m.alsSettingsFor(customers, grid.size());
        if (allowed >= grid.size()) {
            return grid;
        }
        AlsSettings configured = settings.als();
        List<RecommenderParams> preferred = new ArrayList<>(grid);
        preferred.sort(java.util.Comparator.comparing((RecommenderParams p) -> !(p.confidence() == m.confidence()
                && p.als().rank() == configured.rank() && p.als().regParam() == configured.regParam()
                && p.als().alpha() == configured.alpha())));
        java.util.Set<RecommenderParams> kept = new java.util.HashSet<>(preferred.subList(0, allowed));
        return grid.stream().filter(kept::contains).toList();
    }

    /** What every candidate of one search is measured against. */
    private record Measuring(TemporalSplit split, Dataset<Row> customers, Map<String, List<String>> popular, int k) {
    }

    /**
     * The indexes of the {@code n} best candidates of {@code measured}: those not refused first, then by nDCG
     * (best first), then by the share of identical lists (smallest first); ties keep the earlier.
     */
    static List<Integer> kept(List<Candidate> measured, int n) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparing((Integer i) -> measured.get(i).refused())
                .thenComparing(i -> measured.get(i).refused() ? measured.get(i).samePicksShare()
                        : -measured.get(i).scores().ndcg()));
        return order.subList(0, Math.min(n, order.size()));
    }

    /**
     * Marks the best nDCG@k among the candidates not refused (ties: the earlier). When every candidate is refused,
     * complement evidence alone where it was measured, else the one with the fewest identical lists.
     */
    static List<Candidate> choose(List<Candidate> measured) {
        Candidate best = null;
        for (Candidate c : measured) {
            if (!c.refused() && (best == null || c.scores().ndcg() > best.scores().ndcg())) {
                best = c;
            }
        }
        if (best == null) {
            for (Candidate c : measured) {
                if (c.params().blend() == 0) {
                    best = c;
                    break;
                }
                if (best == null || c.samePicksShare() < best.samePicksShare()) {
                    best = c;
                }
            }
        }
        List<Candidate> marked = new ArrayList<>();
        for (Candidate c : measured) {
            marked.add(c.chosen(c == best));
        }
        return marked;
    }

    private Measured measure(RecommenderModel model, Measuring on, long t0) {
        int k = on.k();
        TemporalSplit split = on.split();
        List<Row> personal = model.personal(spark, split.train(), on.customers(), settings.minProductsForAls(), k)
                .select(CUSTOMER_ID, PRODUCT_ID, KIND, RANK).collectAsList();
        Map<String, List<String>> recs = ranked(personal, on.popular(), k);
        RankingMetrics.Scores s = RankingMetrics.score(recs, split.truth(), k, split.history().products());
        double same = samePicksShare(personal, SAME_PICKS);
        boolean refused = same > settings.model().maxSamePicksShare();
        double seconds = (System.nanoTime() - t0) / 1e9;
        progress.stage("validate", String.format(Locale.ROOT, "%s: nDCG@%d %.4f  P %.4f  hit %.3f  same picks %.1f%%%s",
                model.params().label(), k, s.ndcg(), s.precision(), s.hitRate(), 100 * same, refused
                        ? String.format(Locale.ROOT, ": refused, it gives most customers the same picks (above %.0f%%, "
                        + "recommend.training.max_same_picks_share)", 100 * settings.model().maxSamePicksShare()) : ""),
                seconds);
        return new Measured(model, new Candidate(model.params(), s, same, refused, seconds, false));
    }

    /** Where a kind of personal pick stands in a customer's list: refills, then goes-with, then ALS's own picks. */
    private static int order(String kind) {
        return kind.equals(RecommendationKind.REPLENISHMENT.code()) ? 0
                : kind.equals(RecommendationKind.CROSS_SELL.code()) ? 1 : 2;
    }

    /**
     * The largest share of customers with personal picks whose first {@code n} cross-sell and personal picks (as a
     * set) are the same: near 1 when a model recommends the same best-sellers to everybody. Rows: customer_id,
     * product_id, kind, rank.
     */
    static double samePicksShare(List<Row> personal, int n) {
        Map<String, List<Row>> byCustomer = new HashMap<>();
        for (Row r : personal) {
            if (!r.getString(2).equals(RecommendationKind.REPLENISHMENT.code())) {
                byCustomer.computeIfAbsent(r.getString(0), c -> new ArrayList<>()).add(r);
            }
        }
        Map<java.util.Set<String>, Integer> lists = new HashMap<>();
        int most = 0;
        for (List<Row> rows : byCustomer.values()) {
            rows.sort(java.util.Comparator.comparingInt((Row r) -> order(r.getString(2))).thenComparingInt(r -> r.getInt(3)));
            java.util.Set<String> first = new java.util.TreeSet<>();
            for (Row r : rows.subList(0, Math.min(n, rows.size()))) {
                first.add(r.getString(1));
            }
            most = Math.max(most, lists.merge(first, 1, Integer::sum));
        }
        return byCustomer.isEmpty() ? 0 : (double) most / byCustomer.size();
    }

    /**
     * Each customer's list as the nightly run orders the products new to them: first refills, then cross-sells,
     * best first, then popular products (here {@code popular}, per customer, without what they own) for the
     * places left; the first k.
     */
    public static Map<String, List<String>> ranked(Dataset<Row> personal, Map<String, List<String>> popular, int k) {
        return ranked(personal.select(CUSTOMER_ID, PRODUCT_ID, KIND, RANK).collectAsList(), popular, k);
    }

    /** {@link #ranked(Dataset, Map, int)} over collected rows: customer_id, product_id, kind, rank. */
    static Map<String, List<String>> ranked(List<Row> personal, Map<String, List<String>> popular, int k) {
        List<Row> sorted = new ArrayList<>(personal);
        sorted.sort(java.util.Comparator.comparing((Row r) -> r.getString(0))
                .thenComparingInt(r -> order(r.getString(2))).thenComparingInt(r -> r.getInt(3)));
        Map<String, List<String>> recs = new HashMap<>();
        for (Row r : sorted) {
            List<String> list = recs.computeIfAbsent(r.getString(0), c -> new ArrayList<>());
            if (list.size() < k) {
                list.add(r.getString(1));
            }
        }
        popular.forEach((c, products) -> {
            List<String> list = recs.computeIfAbsent(c, x -> new ArrayList<>());
            for (String p : products) {
                if (list.size() >= k) {
                    break;
                }
                if (!list.contains(p)) {
                    list.add(p);
                }
            }
        });
        return recs;
    }
}
