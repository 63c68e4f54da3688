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
import io.fideliza.segment.SegmentChanges.RefitMove;
import io.fideliza.segment.SegmentModelChoice.Night;
import io.fideliza.segment.SegmentModelInfo.Candidate;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Segments as a model (docs/segmentation.md): each night assigns customers to the segment model in place
 * ({@code _models/segments/}) and measures drift against it; the model is refitted only when none exists, on
 * request, on the cadence, or on drift ({@link RefitPolicy}, {@link Segmenter}). Writes each customer's
 * segment with the RFM view and lifecycle, each segment's profile and centroid, who moved since the previous
 * run and why, and on a refit night how the refit moved customers.
 */
public final class SegmentStage implements Stage<SegmentStage.Input, SegmentStage.Segmentation> {
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
                    ? (fitted ? "refitted (" + model.reason() + "): " + (model.replaced() ? "new model" : "kept") : "trained for this date by an earlier run, applied")
                    : String.format(Locale.ROOT, "assigned; drift: sizes %.3f/%s, unfit %.1f%%/%.0f%%, distance x%.2f/%s",
                    d.sizeShift(), d.thresholds().maxSizeShift(), 100 * d.unfitShare(),
                    100 * d.thresholds().maxUnfitShare(), d.distanceRatio(), d.thresholds().maxDistanceRatio());
            return String.format(Locale.ROOT, "%d customers in %d segments, model version %d (%s)", customers,
                    model.segments().size(), model.version(), what);
        }

        @Override
        public void record(Manifest manifest) {
            manifest.detail("segment_model", model.asManifest());
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

    @Override
    public Segmentation run(Input in, Outputs outputs) {
        Dataset<Row> features = in.features().select(COLUMNS.stream().map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new));
        Optional<LocalDate> previousDate = outputs.previousRunDate(OutputDataset.SEGMENTS);
        Optional<Dataset<Row>> previousSegments = previousDate.flatMap(d -> outputs.published(OutputDataset.SEGMENTS, d));
        Night night = new SegmentModelChoice(spark, run, settings).night(features, outputs, previousDate);
        SegmentModelInfo info = night.model().info();
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
        SegmentChanges.Before before = SegmentChanges.withSegmentBefore(rows, night, features, previousSegments);
        Map<Integer, Double> typical = new HashMap<>();
        info.segments().forEach(s -> typical.put(s.segmentId(), s.typicalRecency()));
        Map<String, Column> perCustomer = new LinkedHashMap<>();
        perCustomer.put(LIFECYCLE, LifecycleSignals.lifecycle(ms, typical));
        perCustomer.put(SEGMENT_CHANGE, SegmentChanges.change());
        perCustomer.put(MODEL_VERSION, lit(info.version()));
        Dataset<Row> joined = before.rows().withColumns(perCustomer);
        Outputs.Staged segments = outputs.stage(OutputDataset.SEGMENTS, joined.select(col(CUSTOMER_ID), col(SEGMENT_ID),
                col(SEGMENT_NAME), col(PREVIOUS_SEGMENT_ID), col(RfmScorer.R_SCORE), col(RfmScorer.F_SCORE),
                col(RfmScorer.M_SCORE), col(RfmScorer.RFM_SEGMENT), col(LIFECYCLE), col(SEGMENT_CHANGE),
                col(CENTROID_DISTANCE), col(MODEL_VERSION)));

        List<RefitMove> refitMoves = night.refitted()
                ? SegmentChanges.refitMigrations(joined, before.names(), night.before(), info) : List.of();
        // A few rows each, from what is already computed: written side by side.
        Map<OutputDataset, Dataset<Row>> small = new LinkedHashMap<>();
        small.put(OutputDataset.SEGMENT_CENTROIDS, spark.createDataFrame(info.segments().stream()
                .map(s -> RowFactory.create(s.segmentId(), s.name(), s.description(),
                        drift.segments().get(s.segmentId()).customers(), s.center()))
                .toList(), OutputSchemas.SEGMENT_CENTROIDS));
        SegmentProfiler profiler = new SegmentProfiler(spark);
        small.put(OutputDataset.SEGMENT_PROFILES, profiler
                .profile(night.assigned(), in.clean(), info.segments(), segments.count())
                .join(profiler.modelColumns(info, drift), SEGMENT_ID)
                .join(new ServiceTargets(run, care).bySegment(in.clean().support(), night.assigned()),
                        SEGMENT_ID, "left")
                .transform(d -> SegmentChanges.inOrder(d, SEGMENT_ID)));
        small.put(OutputDataset.SEGMENT_MIGRATIONS, SegmentChanges.migrations(segments.rows()));
        small.put(OutputDataset.SEGMENT_REFIT_MIGRATIONS, spark.createDataFrame(
                refitMoves.stream().map(RefitMove::asRow).toList(), OutputSchemas.SEGMENT_REFIT_MIGRATIONS));
        outputs.stageAll(small);
        night.assigned().unpersist();
        return new Segmentation(segments.rows(), segments.count(),
                SegmentModelStatus.of(night, drift, refitMoves, settings), night.fitted());
    }
}
