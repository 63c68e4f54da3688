package io.fideliza.segment;

import io.fideliza.manifest.ManifestJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.ORDERS;
import static io.fideliza.contract.FeatureColumns.RECENCY_DAYS;
import static org.apache.spark.sql.functions.*;

import io.fideliza.care.ServiceTargets;
import io.fideliza.config.CareSettings;
import io.fideliza.config.JobConfig;
import io.fideliza.config.JobConfig.SegmentSettings;
import io.fideliza.config.SegmentModelSettings;
import io.fideliza.contract.OutputDataset;
import io.fideliza.contract.OutputSchemas;
import io.fideliza.features.FeaturesStage.Features;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.Outputs;
import io.fideliza.run.RunContext;
import io.fideliza.run.Stage;
import io.fideliza.run.StageResult;
import io.fideliza.run.StageResults;
import io.fideliza.segment.SegmentMatcher.PreviousCentroid;
import io.fideliza.segment.SegmentModelInfo.Candidate;
import io.fideliza.segment.SegmentModelInfo.SegmentInfo;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Segments as a model (docs/segmentation.md): each night assigns customers to the segment model in place
 * ({@code _models/segments/}) and measures drift against it; the model is refitted only when none exists, on
 * request, on the cadence, or on drift ({@link RefitPolicy}, {@link Segmenter}). Writes each customer's
 * segment with the RFM view and lifecycle, each segment's profile and centroid, who moved since the previous
 * run and why, and on a refit night how the refit moved customers.
 */
public final class SegmentStage implements Stage<SegmentStage.Input, SegmentStage.Segmentation> {
    static final String NEW = "new";
    static final String SAME = "same";
    static final String BEHAVIOUR = "behaviour";
    static final String REFIT = "refit";
    static final String BEHAVIOUR_AND_REFIT = "behaviour_and_refit";
    private static final String OLD = "_old_segment_id";
    /**
     * The customer_features columns the stage reads (the behaviour vector, the names' rules, RFM, lifecycle and
     * profiles): a night keeps only these of each customer in memory.
     */
    static final List<String> COLUMNS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(CUSTOMER_ID, io.fideliza.contract.FeatureColumns.VIEWS,
                    io.fideliza.contract.FeatureColumns.REPEAT_CUSTOMER,
                    io.fideliza.contract.FeatureColumns.SUPPORT_CONTACTS, CONTACTABLE,
                    io.fideliza.contract.FeatureColumns.NPS_SCORE),
            io.fideliza.contract.FeatureColumns.SEGMENTATION.stream()).distinct().toList();

    public record Input(CleanInputs clean, Dataset<Row> features) {
    }

    /**
     * The published segments (read back), and what the night did with the model; {@code fitted} is false
     * when no model was fitted in this run (a night that assigns, or a rerun of a refit night).
     */
    public record Segmentation(Dataset<Row> segments, long customers, SegmentModelStatus model, boolean fitted)
            implements StageResult {
        @Override
        public String summary() {
            SegmentDrift d = model.drift();
            String what = model.refittedTonight()
                    ? (fitted ? "refitted (" + model.reason() + "): " + (model.decision().startsWith("kept") ? "kept"
                    : "new model") : "trained for this date by an earlier run, applied")
                    : String.format(Locale.ROOT, "assigned; drift: sizes %.3f/%s, unfit %.1f%%/%.0f%%, distance x%.2f/%s",
                    d.sizeShift(), d.thresholds().maxSizeShift(), 100 * d.unfitShare(),
                    100 * d.thresholds().maxUnfitShare(), d.distanceRatio(), d.thresholds().maxDistanceRatio());
            return String.format(Locale.ROOT, "%d customers in %d segments, model version %d (%s)", customers,
                    model.segments().size(), model.version(), what);
        }

        @Override
        public void record(Manifest manifest) {
            manifest.detail("segment_model", ManifestJson.ofMap(model.asManifest()));
            if (model.refittedTonight()) {
                ObjectNode evidence = ManifestJson.object();
                for (Candidate c : model.candidates()) {
                    ObjectNode figures = evidence.putObject((c.current() ? "current model, " : "") + c.algorithm()
                            + " k=" + c.k());
                    figures.put("chosen", c.chosen());
                    figures.put("silhouette", SegmentDrift.round4(c.silhouette()));
                    figures.put("smallest_share", SegmentDrift.round4(c.smallestShare()));
                }
                manifest.detail("segmentation", evidence);
            }
        }
    }

    private final SparkSession spark;
    private final RunContext run;
    private final SegmentSettings settings;
    private final CareSettings care;

    public SegmentStage(SparkSession spark, RunContext run, SegmentSettings settings) {
        this(spark, run, settings, JobConfig.defaults().care());
    }

    /** @param care the service targets segment_profiles measures tickets against */
    public SegmentStage(SparkSession spark, RunContext run, SegmentSettings settings,
                        CareSettings care) {
        this.spark = spark;
        this.run = run;
        this.settings = settings;
        this.care = care;
    }

    @Override
    public String name() {
        return "segment";
    }

    @Override
    public Input input(StageResults earlier) {
        return new Input(earlier.get(CleanInputs.class), earlier.get(Features.class).rows());
    }

    /**
     * The model a night ends up with and its customers under it; on a refit night the model before it and the
     * drift measured against that one; {@code drift} against the night's model when already measured (else null).
     */
    private record Night(SegmentModel model, Dataset<Row> assigned, boolean refitted, boolean fitted,
                         Optional<SegmentModel> before, SegmentDrift driftBefore, SegmentDrift drift) {
    }

    @Override
    public Segmentation run(Input in, Outputs outputs) {
        Dataset<Row> features = in.features().select(COLUMNS.stream().map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new));
        Optional<LocalDate> previousDate = outputs.previousRunDate(OutputDataset.SEGMENTS);
        Optional<Dataset<Row>> previousSegments = previousDate.flatMap(d -> outputs.published(OutputDataset.SEGMENTS, d));
        Night night = night(features, outputs, previousDate);
        SegmentModel model = night.model();
        SegmentModelInfo info = model.info();
        SegmentModelSettings ms = settings.model();
        SegmentDrift drift = night.drift() != null ? night.drift() : SegmentDrift.measure(night.assigned(), info, ms);

        // Each customer's segment last run, and the segment the model before a refit gives them tonight.
        Dataset<Row> rows = RfmScorer.withScores(night.assigned().select(CUSTOMER_ID, SEGMENT_ID, SEGMENT_NAME,
                CENTROID_DISTANCE, ORDERS, RECENCY_DAYS, io.fideliza.contract.FeatureColumns.MONETARY));
        rows = previousSegments.isPresent()
                // Two narrow columns per customer: sent to each task rather than both sides shuffled.
                ? rows.join(broadcast(previousSegments.get().select(col(CUSTOMER_ID),
                        col(SEGMENT_ID).as(PREVIOUS_SEGMENT_ID))), CUSTOMER_ID, "left")
                : rows.withColumn(PREVIOUS_SEGMENT_ID, lit(null).cast(DataTypes.IntegerType));
        Map<Integer, String> oldNames = new HashMap<>();
        if (!night.refitted()) {
            rows = rows.withColumn(OLD, col(SEGMENT_ID));
        } else if (night.before().isPresent()) {
            rows = rows.join(night.before().get().assign(features).select(col(CUSTOMER_ID), col(SEGMENT_ID).as(OLD)),
                    CUSTOMER_ID, "left");
            night.before().get().info().segments().forEach(s -> oldNames.put(s.segmentId(), s.name()));
        } else {
            // The first model after runs without one: last run's segments are what it changes.
            rows = rows.withColumn(OLD, col(PREVIOUS_SEGMENT_ID));
            previousSegments.ifPresent(p -> p.select(SEGMENT_ID, SEGMENT_NAME).distinct().collectAsList()
                    .forEach(r -> oldNames.put(r.getInt(0), r.getString(1))));
        }
        Map<Integer, Double> typical = new HashMap<>();
        info.segments().forEach(s -> typical.put(s.segmentId(), s.typicalRecency()));
        Map<String, Column> perCustomer = new LinkedHashMap<>();
        perCustomer.put(LIFECYCLE, LifecycleSignals.lifecycle(ms, typical));
        perCustomer.put(SEGMENT_CHANGE, change());
        perCustomer.put(MODEL_VERSION, lit(info.version()));
        Dataset<Row> joined = rows.withColumns(perCustomer);
        Outputs.Staged segments = outputs.stage(OutputDataset.SEGMENTS, joined.select(col(CUSTOMER_ID), col(SEGMENT_ID),
                col(SEGMENT_NAME), col(PREVIOUS_SEGMENT_ID), col(RfmScorer.R_SCORE), col(RfmScorer.F_SCORE),
                col(RfmScorer.M_SCORE), col(RfmScorer.RFM_SEGMENT), col(LIFECYCLE), col(SEGMENT_CHANGE),
                col(CENTROID_DISTANCE), col(MODEL_VERSION)));

        List<Row> refitMoves = night.refitted() ? refitMigrations(joined, oldNames, night.before(), info) : List.of();
        // A few rows each, from what is already computed: written side by side.
        Map<OutputDataset, Dataset<Row>> small = new LinkedHashMap<>();
        small.put(OutputDataset.SEGMENT_CENTROIDS, spark.createDataFrame(info.segments().stream()
                .map(s -> RowFactory.create(s.segmentId(), s.name(), s.description(),
                        drift.segments().get(s.segmentId()).customers(), s.center()))
                .toList(), OutputSchemas.SEGMENT_CENTROIDS));
        small.put(OutputDataset.SEGMENT_PROFILES, new SegmentProfiler(spark)
                .profile(night.assigned(), in.clean(), info.segments(), segments.count())
                .join(modelColumns(info, drift), SEGMENT_ID)
                .join(new ServiceTargets(run, care).bySegment(in.clean().support(), night.assigned()),
                        SEGMENT_ID, "left")
                .transform(d -> inOrder(d, SEGMENT_ID)));
        small.put(OutputDataset.SEGMENT_MIGRATIONS, migrations(segments.rows()));
        small.put(OutputDataset.SEGMENT_REFIT_MIGRATIONS,
                spark.createDataFrame(refitMoves, OutputSchemas.SEGMENT_REFIT_MIGRATIONS));
        outputs.stageAll(small);
        night.assigned().unpersist();
        return new Segmentation(segments.rows(), segments.count(),
                status(night, drift, refitMoves), night.fitted());
    }

    /** Assigns with the model in place or refits, as the night requires. */
    private Night night(Dataset<Row> features, Outputs outputs, Optional<LocalDate> previousDate) {
        SegmentModels models = new SegmentModels(outputs);
        Optional<SegmentModels.Current> current = models.current(run.runDate());
        SegmentModelSettings ms = settings.model();
        if (current.isPresent() && current.get().trainedTonight() && !ms.refit()) {
            // A rerun of the night that trained this model: the same outputs, without fitting it again.
            SegmentModel model = current.get().model();
            Optional<SegmentModel> before = models.parent(model);
            return new Night(model, keep(withoutVectors(model.assign(features))), true, false, before,
                    before.map(b -> SegmentDrift.measure(b.assign(features), b.info(), ms)).orElse(null), null);
        }
        Optional<SegmentModel> incumbent = current
                .flatMap(c -> c.trainedTonight() ? models.parent(c.model()) : Optional.of(c.model()))
                .filter(m -> m.info().features().equals(SegmentFeatureVector.names()));
        String reason;
        SegmentDrift drift = null;
        if (incumbent.isPresent()) {
            Dataset<Row> assigned = keep(withoutVectors(incumbent.get().assign(features)));
            drift = SegmentDrift.measure(assigned, incumbent.get().info(), ms);
            Optional<String> why = RefitPolicy.reason(settings, run.runDate(), incumbent.get().info(), drift);
            if (why.isEmpty()) {
                return new Night(incumbent.get(), assigned, false, false, Optional.empty(), null, drift);
            }
            assigned.unpersist();
            reason = why.get();
        } else if (current.isPresent() && !current.get().trainedTonight()) {
            reason = "the model's behaviour features are not this version's";
        } else {
            reason = ms.refit() && current.isPresent() ? "requested (--refit or segment.refit)" : "no model yet";
        }
        List<PreviousCentroid> legacy = incumbent.isEmpty() ? legacyCentroids(outputs, previousDate) : List.of();
        Outputs.ModelVersion version = outputs.stageModel(SegmentModel.NAME);
        Optional<Dataset<Row>> lastRun = previousDate.flatMap(d -> outputs.published(OutputDataset.SEGMENTS, d))
                .map(d -> d.select(CUSTOMER_ID));
        Segmenter.Training t = new Segmenter(spark, settings)
                .fit(features, incumbent, legacy, lastRun, reason, version.version(), run.runDate());
        t.model().save(version.folder(), outputs, t.assigned().select(CUSTOMER_ID, SEGMENT_ID, CENTROID_DISTANCE));
        return new Night(t.model(), keep(withoutVectors(t.assigned())), true, true, incumbent, drift, null);
    }

    /** The previous run's segment_centroids, for a first model to carry their ids and names over. */
    private static List<PreviousCentroid> legacyCentroids(Outputs outputs, Optional<LocalDate> previousDate) {
        List<PreviousCentroid> out = new ArrayList<>();
        Optional<Dataset<Row>> centroids = previousDate.flatMap(d -> outputs.published(OutputDataset.SEGMENT_CENTROIDS, d));
        if (centroids.isPresent()) {
            for (Row r : centroids.get().select(SEGMENT_ID, SEGMENT_NAME, CENTER).collectAsList()) {
                List<Double> c = r.getList(2);
                out.add(new PreviousCentroid(r.getInt(0), r.getString(1),
                        c.stream().mapToDouble(Double::doubleValue).toArray()));
            }
        }
        return out;
    }

    /**
     * Why a customer's segment differs from the previous run's: new (no previous segment), same, behaviour (the
     * model in place before tonight moves them too: their own data changed), refit (that model would have kept
     * them: tonight's refit moved them), or both.
     */
    static Column change() {
        Column previous = col(PREVIOUS_SEGMENT_ID);
        Column now = col(SEGMENT_ID);
        Column old = col(OLD);
        return when(previous.isNull(), lit(NEW))
                .when(previous.equalTo(now), lit(SAME))
                .when(old.isNull().or(old.equalTo(now)), lit(BEHAVIOUR))
                .when(old.equalTo(previous), lit(REFIT))
                .otherwise(lit(BEHAVIOUR_AND_REFIT));
    }

    /** Customers per (previous segment, current segment) pair, and how many of the moves each cause explains. */
    static Dataset<Row> migrations(Dataset<Row> segments) {
        Column change = col(SEGMENT_CHANGE);
        return segments.groupBy(col(PREVIOUS_SEGMENT_ID).as(FROM_SEGMENT_ID), col(SEGMENT_ID).as(TO_SEGMENT_ID))
                .agg(count(lit(1)).as(CUSTOMERS),
                        sum(when(change.isin(BEHAVIOUR, BEHAVIOUR_AND_REFIT), 1L).otherwise(0L)).as(MOVED_BY_BEHAVIOUR),
                        sum(when(change.isin(REFIT, BEHAVIOUR_AND_REFIT), 1L).otherwise(0L)).as(MOVED_BY_REFIT))
                .transform(d -> inOrder(d, FROM_SEGMENT_ID, TO_SEGMENT_ID));
    }

    /**
     * A small output (a row per segment or pair of segments) in one file, in order of its first columns: sorted in
     * one task, without the sampling job a global orderBy runs first.
     */
    private static Dataset<Row> inOrder(Dataset<Row> small, String first, String... then) {
        return small.coalesce(1).sortWithinPartitions(first, then);
    }

    /** The refit's own migration table: customers per (segment before the refit, segment after), labelled. */
    private List<Row> refitMigrations(Dataset<Row> joined, Map<Integer, String> oldNames,
                                      Optional<SegmentModel> before, SegmentModelInfo info) {
        Set<Integer> carried = new HashSet<>();
        Map<Integer, String> names = new HashMap<>();
        Set<Integer> created = new HashSet<>();
        for (SegmentInfo s : info.segments()) {
            names.put(s.segmentId(), s.name());
            if (s.carriedFrom() != null) {
                carried.add(s.carriedFrom());
            } else {
                created.add(s.segmentId());
            }
        }
        Integer fromVersion = before.map(b -> b.info().version()).orElse(null);
        List<Row> out = new ArrayList<>();
        for (Row r : joined.groupBy(OLD, SEGMENT_ID).count().orderBy(OLD, SEGMENT_ID).collectAsList()) {
            Integer from = r.isNullAt(0) ? null : r.getInt(0);
            int to = r.getInt(1);
            String change = from == null ? "new_customer" : from == to ? "stayed"
                    : !carried.contains(from) ? "from_retired_segment" : created.contains(to) ? "to_new_segment"
                    : "moved";
            String cause = from == null || from == to ? null
                    : RefitCarryOver.cause(from, created.contains(to) ? null : to, carried).code();
            out.add(RowFactory.create(from == null ? null : fromVersion, from, from == null ? null : oldNames.get(from),
                    info.version(), to, names.get(to), r.getLong(2), change, cause));
        }
        return out;
    }

    /** segment_profiles' columns on the model: training share, distances, unfit share, the name's rule and hold. */
    private Dataset<Row> modelColumns(SegmentModelInfo info, SegmentDrift drift) {
        List<Row> rows = new ArrayList<>();
        for (SegmentInfo s : info.segments()) {
            SegmentDrift.SegmentNight n = drift.segments().get(s.segmentId());
            rows.add(RowFactory.create(s.segmentId(), s.share(), n.meanDistance(), s.meanDistance(), n.unfitShare(),
                    ruleText(s, info), n.nameHolds(), info.version()));
        }
        return spark.createDataFrame(rows, new StructType().add(SEGMENT_ID, DataTypes.IntegerType)
                .add(TRAINING_SHARE, DataTypes.DoubleType).add(MEAN_CENTROID_DISTANCE, DataTypes.DoubleType)
                .add(TRAINING_MEAN_CENTROID_DISTANCE, DataTypes.DoubleType).add(UNFIT_SHARE, DataTypes.DoubleType)
                .add(NAME_RULE, DataTypes.StringType).add(NAME_HOLDS_SHARE, DataTypes.DoubleType)
                .add(MODEL_VERSION, DataTypes.IntegerType));
    }

    private static String ruleText(SegmentInfo s, SegmentModelInfo info) {
        return s.nameRule() == null ? null : SegmentNamer.Name.valueOf(s.nameRule()).rule(info.championOrders());
    }

    private SegmentModelStatus status(Night night, SegmentDrift drift, List<Row> refitMoves) {
        SegmentModelInfo info = night.model().info();
        List<SegmentModelStatus.Segment> segments = new ArrayList<>();
        for (SegmentInfo s : info.segments()) {
            SegmentDrift.SegmentNight n = drift.segments().get(s.segmentId());
            segments.add(new SegmentModelStatus.Segment(s.segmentId(), s.name(), ruleText(s, info), n.nameHolds(),
                    n.customers(), n.share(), s.share(), n.unfitShare(), night.refitted() && s.carriedFrom() == null));
        }
        Double kept = null;
        if (night.refitted()) {
            long stayed = 0;
            long known = 0;
            for (Row r : refitMoves) {
                if (!r.isNullAt(1)) {
                    known += r.getLong(6);
                    stayed += r.getInt(1) == r.getInt(4) ? r.getLong(6) : 0;
                }
            }
            kept = known == 0 ? null : stayed / (double) known;
        }
        return new SegmentModelStatus(info.version(), info.trainedOn(), info.algorithm(), info.k(), night.refitted(),
                info.reason(), info.decision(), info.parentVersion(), RefitPolicy.nextScheduled(settings, info),
                settings.model().refitDays(), drift, night.refitted() ? night.driftBefore() : null, segments,
                night.refitted() ? info.retired() : List.of(), kept, info.candidates(),
                night.refitted() ? info.moves() : null, night.refitted() ? info.refused() : null,
                settings.model().refitMaxMoved());
    }

    /** Assigned customers without the behaviour vectors, which nothing after the assignment reads. */
    private static Dataset<Row> withoutVectors(Dataset<Row> assigned) {
        return assigned.drop(SegmentFeatureVector.RAW_VECTOR, Segmenter.SCALED);
    }

    /** Locally the executors are this JVM, so a local checkpoint cannot be lost; on a cluster an executor can be. */
    private Dataset<Row> keep(Dataset<Row> rows) {
        return spark.sparkContext().isLocal() ? rows.localCheckpoint(true) : rows.persist(StorageLevel.MEMORY_AND_DISK());
    }
}
