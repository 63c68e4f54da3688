package io.fideliza.segment;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.ORDERS;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig.SegmentSettings;
import io.fideliza.segment.ClusterFits.Fit;
import io.fideliza.segment.RefitMatcher.Overlap;
import io.fideliza.segment.SegmentMatcher.Identity;
import io.fideliza.segment.SegmentMatcher.PreviousCentroid;
import io.fideliza.segment.SegmentModelInfo.Candidate;
import io.fideliza.segment.SegmentModelInfo.Retired;
import io.fideliza.segment.SegmentModelInfo.SegmentInfo;
import io.fideliza.segment.SegmentNamer.Name;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * A refit of the segment model: fits the candidate clusterings on tonight's customers ({@link ClusterFits}),
 * weighs the best against the model in place, kept or carried over ({@link RefitCarryOver}: its centroids kept, a
 * segment added for a new kind of customer, emptied ones retired), which stays unless clearly beaten; takes the
 * first of those that moves no more than segment.refit_max_moved_share of the last run's customers (any, when
 * the refit was asked for), recording a better one refused; and makes the new model
 * version: segments carried over from the old model by the customers they share ({@link RefitMatcher}), or
 * from outputs published before segments were a model by centroid ({@link SegmentMatcher}); new segments
 * named ({@link SegmentNamer}) and given new ids; retired ones listed; and the training night's figures that
 * later nights measure drift against.
 */
public final class Segmenter {
    static final String SCALED = "_segment_scaled";
    static final String CLUSTER = "_cluster";
    /**
     * Customers per partition for the k search: an iteration over them is milliseconds of arithmetic, and
     * each further task only adds scheduling to its many small jobs (docs/benchmarks.md).
     */
    static final int ROWS_PER_PARTITION = 200_000;

    /** A refit's outcome: the model for tonight, and tonight's customers under it (features, vectors, segment). */
    public record Training(SegmentModel model, Dataset<Row> assigned) {
    }

    /** The model in place, judged on tonight's customers: silhouette, smallest segment, and why it may not stay. */
    private record Judged(SegmentModel model, double silhouette, double smallestShare, Optional<String> unfit) {
    }

    private final SparkSession spark;
    private final SegmentSettings settings;
    /** What the last refit tried and left out, for its decision (null: nothing). */
    private String tried;

    public Segmenter(SparkSession spark, SegmentSettings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    /** What an option is: the model in place as it is, the model in place carried over, or a new fit. */
    private enum Kind { KEPT, CARRIED, FRESH }

    /**
     * A model the refit may put in place: its scaler and clustering, tonight's customers under it ({@link #CLUSTER}
     * beside the scaled vector), the old segment each of its clusters carries on, and what it would move.
     */
    private record Option(Kind kind, StandardScalerModel scaler, Model<?> clustering, Dataset<Row> scaledRows,
                          Map<Integer, Integer> carried, List<Overlap> overlaps, RefitCarryOver.Moves moves,
                          String algorithm, int k, double silhouette, double smallestShare, String note) {
    }

    /**
     * Refits on {@code features}.
     *
     * @param incumbent the model in place, if any: kept unless a candidate is clearly better
     * @param legacy    without a model, the previous run's segment_centroids, whose ids and names carry over
     * @param lastRun   the customers of the last run (customer_id), the ones a refit can move; empty: none known
     * @param reason    why tonight refits, kept in the model
     * @param version   the version the new model will have
     */
    public Training fit(Dataset<Row> features, Optional<SegmentModel> incumbent, List<PreviousCentroid> legacy,
                        Optional<Dataset<Row>> lastRun, String reason, int version, LocalDate runDate) {
        Dataset<Row> withVector = SegmentFeatureVector.withVector(features);
        StandardScalerModel scaler = new StandardScaler().setInputCol(SegmentFeatureVector.RAW_VECTOR)
                .setOutputCol(SCALED).setWithMean(true).setWithStd(true).fit(withVector);
        long total = features.count();
        Dataset<Row> scaled = keep(scaler.transform(withVector)
                .coalesce((int) Math.max(1, (total + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION)));

        ClusterFits search = new ClusterFits(spark, settings);
        List<Fit> fits = search.fitAll(scaled, total);
        if (fits.isEmpty()) {
            throw new IllegalStateException("no clustering could be fitted on " + total + " customers");
        }
        Fit best = search.choose(fits, incumbent.map(m -> m.info().k()).orElse(legacy.size()));
        fits.stream().filter(f -> f != best).forEach(f -> f.assigned().unpersist());
        Optional<Judged> current = incumbent.map(m -> judge(m, features, scaled, total, search));

        // The candidates: the model in place as it is, the model in place carried over (a segment added for a new
        // kind of customer, emptied ones retired), and the best new fit.
        Dataset<Row> oldLabels = incumbent.map(m -> keep(oldLabels(m, features, lastRun))).orElse(null);
        Option chosen;
        SegmentModelInfo.Refused refused = null;
        String decision;
        if (incumbent.isEmpty()) {
            chosen = fresh(best, scaler, scaled, null);
            decision = decision(best, current, fits.size(), legacy);
        } else {
            SegmentModel m = incumbent.get();
            Judged j = current.get();
            Option kept = new Option(Kind.KEPT, m.scaler(), m.clusters(), m.scaled(features), identity(m), List.of(),
                    new RefitCarryOver.Moves(oldLabels.filter(col("_last")).count(), 0, 0, 0, 0),
                    m.info().algorithm(), m.info().k(), j.silhouette(), j.smallestShare(), null);
            // A configuration the model in place is not asks for a new fit, not for this model carried over.
            Optional<Option> evolved = RefitPolicy.configChange(settings, m.info()).isPresent()
                    ? Optional.empty() : evolve(m, features, scaled, total, j, oldLabels, search);
            Option base = evolved.orElse(kept);
            boolean baseUnfit = evolved.isEmpty() && j.unfit().isPresent();
            Option candidate = fresh(best, scaler, scaled, oldLabels);
            // A segment added for a new kind is adopted on its members, not its silhouette (often lower, as the
            // silhouette rewards no small group between two others): a new fit must still beat the model in place.
            boolean newKind = evolved.filter(o -> o.carried().size() < o.k()).isPresent();
            double bar = newKind ? Math.max(base.silhouette(), j.silhouette()) : base.silhouette();
            boolean better = baseUnfit || best.silhouette() - bar > settings.model().refitMargin();
            // Asked for (--refit, or a configuration the model in place is not): any share may move.
            boolean accepted = settings.model().refit() || RefitPolicy.configChange(settings, m.info()).isPresent();
            List<Option> preferred = new ArrayList<>();
            if (better) {
                preferred.add(candidate);
            }
            evolved.ifPresent(preferred::add);
            preferred.add(kept);
            chosen = kept;
            for (Option o : preferred) {
                if (o == kept || accepted || o.moves().share() <= settings.model().refitMaxMoved()) {
                    chosen = o;
                    break;
                }
                if (refused == null) {
                    refused = new SegmentModelInfo.Refused(o.algorithm(), o.k(), o.silhouette(), o.moves(),
                            settings.model().refitMaxMoved(), String.format(Locale.ROOT,
                            "%s would move %.1f%% of the last run's customers (%d of %d), more than "
                                    + "segment.refit_max_moved_share %s; run with --refit to accept it",
                            o == candidate ? "the new fit" : "carrying the segments over",
                            100 * o.moves().share(), o.moves().moved(), o.moves().customers(),
                            settings.model().refitMaxMoved()));
                }
            }
            if (chosen == candidate) {
                decision = decision(best, current, fits.size(), legacy);
            } else if (chosen == kept) {
                decision = decision(best, current, fits.size(), legacy);
                if (!keeps(best, current.get())) {
                    decision = String.format(Locale.ROOT, "kept version %d (%s k=%d, silhouette %.3f on tonight's "
                            + "customers)", m.info().version(), m.info().algorithm(), m.info().k(), j.silhouette());
                }
            } else {
                decision = chosen.note();
            }
            if (tried != null && chosen.note() == null) {
                decision += "; " + tried;
            }
            if (refused != null) {
                decision += String.format(Locale.ROOT, "; refused %s k=%d (silhouette %.3f): %s",
                        refused.algorithm(), refused.k(), refused.silhouette(), refused.why());
            }
        }
        fits.forEach(f -> f.assigned().unpersist());
        boolean replace = chosen.kind() != Kind.KEPT;

        StandardScalerModel chosenScaler = chosen.scaler();
        Model<?> clustering = chosen.clustering();
        Dataset<Row> clustered = keep(SegmentModel.withClusters(chosen.scaledRows(), clustering));
        int championOrders = championOrders(features);
        Map<Integer, ClusterSummary> summaries = ClusterSummary.of(clustered, championOrders);
        ClusterSummary population = summaries.remove(ClusterSummary.POPULATION);

        // Which clusters carry on a segment of the model in place (or of the last run before models).
        Map<Integer, Identity> carried = new LinkedHashMap<>();
        List<Overlap> overlaps = chosen.overlaps();
        if (incumbent.isPresent()) {
            Map<Integer, String> oldNames = new HashMap<>();
            incumbent.get().info().segments().forEach(s -> oldNames.put(s.segmentId(), s.name()));
            chosen.carried().forEach((cluster, id) -> carried.put(cluster, new Identity(id, oldNames.get(id))));
        } else if (!legacy.isEmpty()) {
            Map<Integer, double[]> centers = new LinkedHashMap<>();
            summaries.forEach((c, s) -> centers.put(c, s.center()));
            carried.putAll(SegmentMatcher.match(centers, legacy, chosenScaler.std().toArray()));
        }
        Map<Integer, Identity> identities = new HashMap<>(carried);
        Map<Integer, double[]> unmatchedShares = new LinkedHashMap<>();
        summaries.forEach((c, s) -> {
            if (!carried.containsKey(c)) {
                unmatchedShares.put(c, s.shares());
            }
        });
        // A new segment never takes a name the model in place used: lists and reports built on that name would
        // silently change meaning.
        java.util.Set<String> taken = new java.util.HashSet<>();
        carried.values().forEach(i -> taken.add(i.name()));
        incumbent.ifPresent(m -> {
            m.info().segments().forEach(s -> taken.add(s.name()));
            m.info().retired().forEach(r -> taken.add(r.name()));
        });
        Map<Integer, String> fresh = SegmentNamer.name(unmatchedShares, population.shares(), taken);
        int maxId = Math.max(incumbent.map(m -> m.info().maxSegmentId()).orElse(0),
                legacy.stream().mapToInt(PreviousCentroid::segmentId).max().orElse(0));
        // New segments get ids in a fixed order (by name), so the same data gives the same ids.
        List<Integer> newClusters = new ArrayList<>(fresh.keySet());
        newClusters.sort(Comparator.comparing((Integer c) -> Name.of(fresh.get(c)).map(Enum::ordinal).orElse(99))
                .thenComparing(fresh::get));
        for (int c : newClusters) {
            identities.put(c, new Identity(++maxId, fresh.get(c)));
        }

        List<SegmentInfo> segments = new ArrayList<>();
        for (ClusterSummary s : summaries.values()) {
            Identity id = identities.get(s.cluster());
            Optional<Name> rule = Name.of(id.name());
            Double holds = rule.map(s::share).orElse(null);
            String ruleText = rule.map(r -> r.rule(championOrders)).orElse(null);
            segments.add(new SegmentInfo(id.segmentId(), id.name(), rule.map(Enum::name).orElse(null),
                    SegmentNamer.describe(s, population, id.name(), ruleText, holds == null ? 0 : holds),
                    s.cluster(), s.customers(), s.customers() / (double) Math.max(1, total), s.meanDistance(),
                    s.fitDistance(), holds, s.typicalRecency(), s.center(),
                    carried.containsKey(s.cluster()) ? carried.get(s.cluster()).segmentId() : null));
        }
        segments.sort(Comparator.comparingInt(SegmentInfo::segmentId));
        List<Retired> retired = new ArrayList<>();
        if (replace && incumbent.isPresent()) {
            for (SegmentInfo old : incumbent.get().info().segments()) {
                boolean carriedOn = carried.values().stream().anyMatch(i -> i.segmentId() == old.segmentId());
                if (!carriedOn) {
                    Integer to = RefitMatcher.mostWentTo(overlaps, old.segmentId());
                    long customers = overlaps.stream().filter(o -> o.oldSegment() == old.segmentId())
                            .mapToLong(Overlap::customers).sum();
                    retired.add(new Retired(old.segmentId(), old.name(),
                            to == null ? null : identities.get(to).segmentId(), customers));
                }
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Fit f : fits) {
            candidates.add(new Candidate(f.algorithm().code(), f.k(), f.silhouette(), f.smallestShare(),
                    chosen.kind() == Kind.FRESH && f == best, false));
        }
        current.ifPresent(j -> candidates.add(new Candidate(j.model().info().algorithm(), j.model().info().k(),
                j.silhouette(), j.smallestShare(), !replace, true)));
        if (chosen.kind() == Kind.CARRIED) {
            candidates.add(new Candidate(chosen.algorithm(), chosen.k(), chosen.silhouette(), chosen.smallestShare(),
                    true, false));
        }
        SegmentModelInfo info = new SegmentModelInfo(version, incumbent.map(m -> m.info().version()).orElse(null),
                runDate.toString(), reason, decision, replace,
                chosen.algorithm(), segments.size(),
                SegmentFeatureVector.names(), total, chosen.silhouette(), chosen.smallestShare(), championOrders, maxId, candidates,
                segments, retired, chosen.moves(), refused);
        SegmentModel model = new SegmentModel(chosenScaler, clustering, info);
        scaled.unpersist();
        if (oldLabels != null) {
            oldLabels.unpersist();
        }
        return new Training(model, model.withSegments(clustered));
    }

    /** The model in place's clusters, each carrying on its own segment. */
    private static Map<Integer, Integer> identity(SegmentModel m) {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        m.info().segments().forEach(s -> out.put(s.cluster(), s.segmentId()));
        return out;
    }

    /**
     * Each customer's segment under the model in place tonight ({@code _old}), and whether they were in the last
     * run ({@code _last}; everyone when no last run is known).
     */
    private static Dataset<Row> oldLabels(SegmentModel m, Dataset<Row> features, Optional<Dataset<Row>> lastRun) {
        Dataset<Row> old = m.assign(features).select(col(CUSTOMER_ID), col(SEGMENT_ID).as("_old"));
        return lastRun.isEmpty() ? old.withColumn("_last", lit(true))
                : old.join(lastRun.get().select(col(CUSTOMER_ID), lit(true).as("_last")), CUSTOMER_ID, "left")
                .withColumn("_last", coalesce(col("_last"), lit(false)));
    }

    /** Customers per (segment under the model in place, candidate cluster, in the last run). */
    private static List<RefitCarryOver.Shared> shared(Dataset<Row> oldLabels, Dataset<Row> clusters) {
        List<RefitCarryOver.Shared> out = new ArrayList<>();
        for (Row r : oldLabels.join(clusters.select(CUSTOMER_ID, CLUSTER), CUSTOMER_ID)
                .groupBy("_old", CLUSTER, "_last").count().collectAsList()) {
            out.add(new RefitCarryOver.Shared(r.getInt(0), r.getInt(1), r.getBoolean(2), r.getLong(3)));
        }
        return out;
    }

    private static List<Overlap> overlaps(List<RefitCarryOver.Shared> shared) {
        Map<List<Integer>, Long> sums = new LinkedHashMap<>();
        shared.forEach(s -> sums.merge(List.of(s.oldSegment(), s.cluster()), s.customers(), Long::sum));
        List<Overlap> out = new ArrayList<>();
        sums.forEach((key, n) -> out.add(new Overlap(key.get(0), key.get(1), n)));
        return out;
    }

    /** The best new fit as an option: its clusters matched to the old segments by the customers they share. */
    private Option fresh(Fit best, StandardScalerModel scaler, Dataset<Row> scaled, Dataset<Row> oldLabels) {
        Map<Integer, Integer> carried = Map.of();
        List<Overlap> overlaps = List.of();
        RefitCarryOver.Moves moves = null;
        if (oldLabels != null) {
            List<RefitCarryOver.Shared> shared = shared(oldLabels, best.assigned());
            overlaps = overlaps(shared);
            carried = RefitMatcher.match(overlaps);
            moves = RefitCarryOver.moves(shared, carried);
        }
        return new Option(Kind.FRESH, scaler, best.model(), scaled, carried, overlaps, moves, best.algorithm().code(),
                best.k(), best.silhouette(), best.smallestShare(), null);
    }

    /**
     * The model in place carried over, when it needs to change: its scaler and centroids kept (so a customer whose
     * behaviour did not change stays), segments that hold under min_segment_share retired, and a segment added
     * where customers no centroid fits gather, when that makes the segments clearly better (silhouette up by more
     * than refit_margin). Empty when nothing needs to change, or the model is not k-means.
     */
    private Optional<Option> evolve(SegmentModel m, Dataset<Row> features, Dataset<Row> scaled, long total, Judged j,
                                    Dataset<Row> oldLabels, ClusterFits search) {
        if (!(m.clusters() instanceof org.apache.spark.ml.clustering.KMeansModel) || settings.k() > 0) {
            return Optional.empty();
        }
        Dataset<Row> oldScaled = m.scaled(features);
        List<double[]> sample = new ArrayList<>();
        double fraction = Math.min(1.0, ClusterFits.SEEDING_SAMPLE / (double) Math.max(1, total));
        for (Row r : (fraction >= 1 ? oldScaled : oldScaled.sample(false, fraction, settings.seed()))
                .select(SCALED).collectAsList()) {
            sample.add(((org.apache.spark.ml.linalg.Vector) r.get(0)).toArray());
        }
        double[][] centers = SegmentModel.centers(m.clusters());
        double[] fit = new double[centers.length];
        Map<Integer, SegmentInfo> byCluster = new HashMap<>();
        m.info().segments().forEach(s -> {
            fit[s.cluster()] = s.fitDistance();
            byCluster.put(s.cluster(), s);
        });
        // A new kind first: its customers may be what still fills a segment that otherwise emptied out.
        List<Integer> all = new ArrayList<>();
        for (int c = 0; c < centers.length; c++) {
            all.add(c);
        }
        Optional<RefitCarryOver.NewKind> kind = RefitCarryOver.newKind(centers, fit, all, sample,
                settings.minSegmentShare());
        Optional<double[]> added = kind.filter(k -> k.adopted(settings.minSegmentShare()))
                .map(RefitCarryOver.NewKind::center);
        if (kind.isPresent() && added.isEmpty()) {
            tried = "a segment for customers no segment fits was tried and left out: "
                    + kind.get().describe(settings.minSegmentShare());
        }
        List<Integer> keptAlone = RefitCarryOver.surviving(centers, sample, settings.minSegmentShare(), settings.kMin());
        List<Integer> keptWith = keptAlone;
        if (added.isPresent()) {
            double[][] withAdded = java.util.Arrays.copyOf(centers, centers.length + 1);
            withAdded[centers.length] = added.get();
            List<Integer> surviving = RefitCarryOver.surviving(withAdded, sample, settings.minSegmentShare(),
                    settings.kMin());
            keptWith = surviving.stream().filter(c -> c < centers.length).toList();
            if (!surviving.contains(centers.length) || keptWith.size() >= settings.kMax()) {
                tried = "a segment for customers no segment fits was tried and left out: " + (keptWith.size()
                        >= settings.kMax() ? "it would make more than segment.k_max segments" : "it emptied out "
                        + "once segments were retired") + "; " + kind.get().describe(settings.minSegmentShare());
                added = Optional.empty();
                keptWith = keptAlone;
            }
        }
        if (keptAlone.size() == centers.length && added.isEmpty()) {
            return Optional.empty();
        }
        String was = String.format(Locale.ROOT, "version %d (%s k=%d, silhouette %.3f on tonight's customers)",
                m.info().version(), m.info().algorithm(), m.info().k(), j.silhouette());
        Option without = keptAlone.size() < centers.length ? carried(m, keptAlone, Optional.empty(), oldScaled, scaled,
                total, oldLabels, search, "carried over " + was + ", its centroids kept: "
                        + retiredText(centers, keptAlone, byCluster)) : null;
        if (added.isPresent()) {
            // Adopted by the rule on its members (RefitCarryOver.NewKind), not by silhouette: the figure is kept
            // as evidence only.
            Option with = carried(m, keptWith, added, oldScaled, scaled, total, oldLabels, search, null);
            String note = String.format(Locale.ROOT, "carried over %s, its centroids kept: added a segment for a "
                    + "new kind of customer (%s; silhouette %.3f)%s", was, kind.get().describe(
                    settings.minSegmentShare()), with.silhouette(),
                    keptWith.size() < centers.length ? "; then " + retiredText(centers, keptWith, byCluster) : "");
            return Optional.of(new Option(with.kind(), with.scaler(), with.clustering(), with.scaledRows(),
                    with.carried(), with.overlaps(), with.moves(), with.algorithm(), with.k(), with.silhouette(),
                    with.smallestShare(), note));
        }
        return Optional.ofNullable(without);
    }

    private String retiredText(double[][] centers, List<Integer> kept, Map<Integer, SegmentInfo> byCluster) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < centers.length; c++) {
            if (!kept.contains(c)) {
                names.add(byCluster.get(c).segmentId() + " " + byCluster.get(c).name());
            }
        }
        return String.format(Locale.ROOT, "retired %s (under segment.min_segment_share %s of tonight's customers: a "
                + "kind of customer that vanished)", String.join(", ", names), settings.minSegmentShare());
    }

    /** The model in place with the centroids of {@code kept} clusters, in order, and {@code added} last. */
    private Option carried(SegmentModel m, List<Integer> kept, Optional<double[]> added, Dataset<Row> oldScaled,
                           Dataset<Row> scaled, long total, Dataset<Row> oldLabels, ClusterFits search, String note) {
        double[][] old = SegmentModel.centers(m.clusters());
        List<org.apache.spark.mllib.linalg.Vector> centers = new ArrayList<>();
        Map<Integer, Integer> carried = new LinkedHashMap<>();
        Map<Integer, Integer> idOfCluster = identity(m);
        for (int i = 0; i < kept.size(); i++) {
            centers.add(org.apache.spark.mllib.linalg.Vectors.dense(old[kept.get(i)]));
            carried.put(i, idOfCluster.get(kept.get(i)));
        }
        added.ifPresent(a -> centers.add(org.apache.spark.mllib.linalg.Vectors.dense(a)));
        Model<?> clustering = new org.apache.spark.ml.clustering.KMeansModel("segments-kmeans",
                new org.apache.spark.mllib.clustering.KMeansModel(centers));
        Dataset<Row> labels = keep(SegmentModel.withClusters(oldScaled, clustering).select(col(CUSTOMER_ID),
                col(CLUSTER)));
        Dataset<Row> judged = scaled.select(CUSTOMER_ID, SCALED).join(labels, CUSTOMER_ID);
        List<Row> sizes = labels.groupBy(CLUSTER).count().collectAsList();
        long smallest = sizes.size() < centers.size() ? 0 : sizes.stream().mapToLong(r -> r.getLong(1)).min().orElse(0);
        double silhouette = sizes.size() < 2 ? -1.0 : ClusterFits.silhouette(judged);
        List<RefitCarryOver.Shared> shared = shared(oldLabels, labels);
        labels.unpersist();
        return new Option(Kind.CARRIED, m.scaler(), clustering, oldScaled, carried, overlaps(shared),
                RefitCarryOver.moves(shared, carried), m.info().algorithm(), centers.size(), silhouette,
                smallest / (double) Math.max(1, total), note);
    }

    /** How the model in place partitions tonight's customers, scored in tonight's standardisation. */
    private Judged judge(SegmentModel m, Dataset<Row> features, Dataset<Row> scaled, long total, ClusterFits search) {
        Dataset<Row> labels = m.clustered(m.scaled(features)).select(col(CUSTOMER_ID), col(CLUSTER));
        Dataset<Row> judged = scaled.select(CUSTOMER_ID, SCALED).join(labels, CUSTOMER_ID)
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Row> sizes = judged.groupBy(CLUSTER).count().collectAsList();
        long smallest = sizes.size() < m.info().k() ? 0 : sizes.stream().mapToLong(r -> r.getLong(1)).min().orElse(0);
        double smallestShare = smallest / (double) Math.max(1, total);
        double silhouette = sizes.size() < 2 ? -1.0 : ClusterFits.silhouette(judged);
        judged.unpersist();
        Optional<String> unfit = RefitPolicy.configChange(settings, m.info());
        if (unfit.isEmpty() && !search.eligible(smallestShare)) {
            unfit = Optional.of(String.format(Locale.ROOT, "its smallest segment holds %.1f%% of tonight's customers, "
                    + "under segment.min_segment_share %s", 100 * smallestShare, settings.minSegmentShare()));
        }
        return new Judged(m, silhouette, smallestShare, unfit);
    }

    /** Whether the decision on {@code best} against the model in place is to keep that model (its margin rule). */
    private boolean keeps(Fit best, Judged current) {
        return current.unfit().isEmpty() && !(best.silhouette() - current.silhouette() > settings.model().refitMargin());
    }

    private String decision(Fit best, Optional<Judged> current, int candidates, List<PreviousCentroid> legacy) {
        String candidate = String.format(Locale.ROOT, "%s k=%d (silhouette %.3f)", best.algorithm().code(), best.k(),
                best.silhouette());
        if (current.isEmpty()) {
            return String.format(Locale.ROOT, "first model: %s, the best of %d candidates%s", candidate, candidates,
                    legacy.isEmpty() ? "" : "; ids and names carried over from the previous run's segment_centroids");
        }
        Judged j = current.get();
        String was = String.format(Locale.ROOT, "version %d (%s k=%d, silhouette %.3f on tonight's customers)",
                j.model().info().version(), j.model().info().algorithm(), j.model().info().k(), j.silhouette());
        if (j.unfit().isPresent()) {
            return "replaced " + was + " with " + candidate + ": " + j.unfit().get();
        }
        double gain = best.silhouette() - j.silhouette();
        if (!keeps(best, j)) {
            return String.format(Locale.ROOT, "replaced %s with %s: better by %.3f, more than segment.refit_margin %s",
                    was, candidate, gain, settings.model().refitMargin());
        }
        return String.format(Locale.ROOT, "kept %s: the best candidate, %s, is not better by more than "
                + "segment.refit_margin %s", was, candidate, settings.model().refitMargin());
    }

    /** The Champions rule's order threshold: the top fifth of buyers by orders. */
    private static int championOrders(Dataset<Row> features) {
        Row r = features.filter(col(ORDERS).gt(0))
                .agg(percentile_approx(col(ORDERS), lit(0.8), lit(10_000))).first();
        return SegmentNamer.championOrders(r.isNullAt(0) ? 0 : ((Number) r.get(0)).doubleValue());
    }

    /** Locally the executors are this JVM, so a local checkpoint cannot be lost; on a cluster an executor can be. */
    private Dataset<Row> keep(Dataset<Row> rows) {
        return spark.sparkContext().isLocal() ? rows.localCheckpoint(true) : rows.persist(StorageLevel.MEMORY_AND_DISK());
    }
}
