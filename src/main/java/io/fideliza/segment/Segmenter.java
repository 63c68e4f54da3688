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
 * weighs the best against the model in place, which stays unless clearly beaten, and makes the new model
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

    public Segmenter(SparkSession spark, SegmentSettings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    /**
     * Refits on {@code features}.
     *
     * @param incumbent the model in place, if any: kept unless a candidate is clearly better
     * @param legacy    without a model, the previous run's segment_centroids, whose ids and names carry over
     * @param reason    why tonight refits, kept in the model
     * @param version   the version the new model will have
     */
    public Training fit(Dataset<Row> features, Optional<SegmentModel> incumbent, List<PreviousCentroid> legacy,
                        String reason, int version, LocalDate runDate) {
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
        fits.forEach(f -> f.assigned().unpersist());
        Optional<Judged> current = incumbent.map(m -> judge(m, features, scaled, total, search));
        boolean replace = current.isEmpty() || current.get().unfit().isPresent()
                || best.silhouette() - current.get().silhouette() > settings.model().refitMargin();
        String decision = decision(best, current, fits.size(), legacy);

        StandardScalerModel chosenScaler = replace ? scaler : incumbent.get().scaler();
        Model<?> clustering = replace ? best.model() : incumbent.get().clusters();
        Dataset<Row> chosenScaled = replace ? scaled : incumbent.get().scaled(features);
        Dataset<Row> clustered = keep(SegmentModel.withClusters(chosenScaled, clustering));
        int championOrders = championOrders(features);
        Map<Integer, ClusterSummary> summaries = ClusterSummary.of(clustered, championOrders);
        ClusterSummary population = summaries.remove(ClusterSummary.POPULATION);

        // Which clusters carry on a segment of the model in place (or of the last run before models).
        Map<Integer, Identity> carried = new LinkedHashMap<>();
        List<Overlap> overlaps = List.of();
        if (!replace) {
            incumbent.get().info().segments().forEach(s -> carried.put(s.cluster(), new Identity(s.segmentId(), s.name())));
        } else if (incumbent.isPresent()) {
            overlaps = overlaps(incumbent.get().assign(features), clustered);
            Map<Integer, String> oldNames = new HashMap<>();
            incumbent.get().info().segments().forEach(s -> oldNames.put(s.segmentId(), s.name()));
            RefitMatcher.match(overlaps).forEach((cluster, id) -> carried.put(cluster, new Identity(id, oldNames.get(id))));
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
                    replace && f == best, false));
        }
        current.ifPresent(j -> candidates.add(new Candidate(j.model().info().algorithm(), j.model().info().k(),
                j.silhouette(), j.smallestShare(), !replace, true)));
        SegmentModelInfo info = new SegmentModelInfo(version, incumbent.map(m -> m.info().version()).orElse(null),
                runDate.toString(), reason, decision, replace,
                replace ? best.algorithm().code() : incumbent.get().info().algorithm(), segments.size(),
                SegmentFeatureVector.names(), total, replace ? best.silhouette() : current.get().silhouette(),
                replace ? best.smallestShare() : current.get().smallestShare(), championOrders, maxId, candidates,
                segments, retired);
        SegmentModel model = new SegmentModel(chosenScaler, clustering, info);
        scaled.unpersist();
        return new Training(model, model.withSegments(clustered));
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
        if (gain > settings.model().refitMargin()) {
            return String.format(Locale.ROOT, "replaced %s with %s: better by %.3f, more than segment.refit_margin %s",
                    was, candidate, gain, settings.model().refitMargin());
        }
        return String.format(Locale.ROOT, "kept %s: the best candidate, %s, is not better by more than "
                + "segment.refit_margin %s", was, candidate, settings.model().refitMargin());
    }

    /** Customers per (old model's segment, new cluster), tonight. */
    private static List<Overlap> overlaps(Dataset<Row> oldAssigned, Dataset<Row> clustered) {
        List<Overlap> out = new ArrayList<>();
        for (Row r : oldAssigned.select(col(CUSTOMER_ID), col(SEGMENT_ID).as("_old"))
                .join(clustered.select(CUSTOMER_ID, CLUSTER), CUSTOMER_ID)
                .groupBy("_old", CLUSTER).count().collectAsList()) {
            out.add(new Overlap(r.getInt(0), r.getInt(1), r.getLong(2)));
        }
        return out;
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
