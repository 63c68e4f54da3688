package io.fideliza.segment;

import static io.fideliza.contract.Columns.*;

import io.fideliza.config.JobConfig.SegmentSettings;
import io.fideliza.contract.OutputDataset;
import io.fideliza.model.Generation;
import io.fideliza.model.GenerationInfo;
import io.fideliza.model.GenerationInfo.CandidateResult;
import io.fideliza.model.ModelGenerations;
import io.fideliza.model.TrainReason;
import io.fideliza.model.TrainableModel;
import io.fideliza.run.Outputs;
import io.fideliza.segment.SegmentMatcher.PreviousCentroid;
import io.fideliza.segment.SegmentModelInfo.Candidate;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The segment model on {@link ModelGenerations}, for one night's customers: refitted on the cadence ({@code
 * segment.refit_days}), on request, and when the model watches itself and finds drift or a configuration it is not
 * ({@link RefitPolicy}); the refit ({@link Segmenter}) carries the segments of the model in place over to the new
 * one, whose version its outputs carry. A night dated before every model applies the oldest, never refits for it.
 *
 * <p>The learner remembers what the night measured on the way (the model in place applied to tonight's customers and
 * its drift, the refit's customers) so that {@link SegmentModelChoice} uses them rather than computing them twice.
 */
final class SegmentLearner implements TrainableModel.GridSearched<SegmentLearner.RefitInputs, SegmentModel, Candidate> {
    /** What a refit starts from: the model in place it may keep or carry over, or the last run's segments. */
    record RefitInputs(Optional<SegmentModel> incumbent, List<PreviousCentroid> legacy,
                 Optional<Dataset<Row>> lastRun, String reason, int version, LocalDate runDate) {
    }

    private final SparkSession spark;
    private final SegmentSettings settings;
    private final Dataset<Row> features;
    private final Outputs outputs;
    private final Optional<LocalDate> previousDate;

    /** The model in place applied to tonight's customers (kept), and the drift measured against it; null: not yet. */
    private Dataset<Row> assignedInPlace;
    private SegmentDrift driftInPlace;
    /** Why tonight refits, in words (null: it does not, or not decided yet). */
    private String why;
    /** The model in place the refit started from (empty: none, or one of other features). */
    private Optional<SegmentModel> incumbent = Optional.empty();
    private Segmenter.Training training;

    SegmentLearner(SparkSession spark, SegmentSettings settings, Dataset<Row> features, Outputs outputs,
                   Optional<LocalDate> previousDate) {
        this.spark = spark;
        this.settings = settings;
        this.features = features;
        this.outputs = outputs;
        this.previousDate = previousDate;
    }

    /** The segment model's cadence: every {@code segment.refit_days}, now on {@code --refit}. */
    ModelGenerations.Cadence cadence() {
        return new ModelGenerations.Cadence(settings.model().refitDays(), settings.model().refit());
    }

    @Override
    public String name() {
        return SegmentModel.NAME;
    }

    @Override
    public Class<Candidate> figuresType() {
        return Candidate.class;
    }

    /** Measures the model in place on tonight's customers, and refits for the reasons {@link RefitPolicy} gives. */
    @Override
    public Optional<TrainReason> due(Generation<SegmentModel, Candidate> inPlace, Optional<TrainReason> cadence,
                                     LocalDate runDate) {
        SegmentModel model = inPlace.model();
        if (!model.info().features().equals(SegmentFeatureVector.names())) {
            why = RefitPolicy.OUTDATED;
            return Optional.of(TrainReason.OUTDATED);
        }
        measure(model);
        Optional<RefitPolicy.Refit> refit = RefitPolicy.reason(settings, runDate, model.info(), driftInPlace, cadence);
        refit.ifPresent(r -> {
            why = r.why();
            assignedInPlace.unpersist();
            assignedInPlace = null;
        });
        return refit.map(RefitPolicy.Refit::reason);
    }

    /** A backfill applies the oldest model: a refit would publish a model older than the current one. */
    @Override
    public boolean trainsForBackfill() {
        return false;
    }

    @Override
    public Split<RefitInputs> split(Tonight<SegmentModel, Candidate> tonight) {
        incumbent = tonight.inPlace().map(Generation::model)
                .filter(m -> m.info().features().equals(SegmentFeatureVector.names()));
        if (incumbent.isPresent() && driftInPlace == null) {
            measure(incumbent.get());
            assignedInPlace.unpersist();
            assignedInPlace = null;
        }
        if (why == null) {
            why = RefitPolicy.withoutModel(tonight.reason()).why();
        }
        List<PreviousCentroid> legacy = incumbent.isEmpty() ? legacyCentroids() : List.of();
        Optional<Dataset<Row>> lastRun = previousDate.flatMap(d -> outputs.published(OutputDataset.SEGMENTS, d))
                .map(d -> d.select(CUSTOMER_ID));
        // Judged on tonight's customers themselves: nothing is held out.
        return new Split<>(tonight.runDate(), new RefitInputs(incumbent, legacy, lastRun, why, tonight.version(),
                tonight.runDate()));
    }

    /** The one model the refit puts in place: a new fit, or the model in place kept or carried over. */
    @Override
    public List<SegmentModel> build(Split<RefitInputs> split) {
        RefitInputs r = split.data();
        training = new Segmenter(spark, settings).fit(features, r.incumbent(), r.legacy(), r.lastRun(), r.reason(),
                r.version(), r.runDate());
        return List.of(training.model());
    }

    @Override
    public String describe(SegmentModel candidate) {
        return candidate.info().algorithm() + " k=" + candidate.info().k();
    }

    /** The silhouette on tonight's customers, as the refit measured it. */
    @Override
    public Evaluation<Candidate> evaluate(SegmentModel candidate, Split<RefitInputs> split) {
        return new Evaluation<>(candidate.info().silhouette(), figures(candidate.info()));
    }

    private static Candidate figures(SegmentModelInfo info) {
        return new Candidate(info.algorithm(), info.k(), info.silhouette(), info.smallestShare(), true,
                !info.replaced());
    }

    @Override
    public void save(SegmentModel model, Path folder, FileSystem fs) throws IOException {
        model.save(folder, fs, training.assigned().select(CUSTOMER_ID, SEGMENT_ID, CENTROID_DISTANCE));
    }

    @Override
    public SegmentModel load(Path folder, FileSystem fs) {
        return SegmentModel.load(folder, fs);
    }

    /** A version written before the segments were on the framework: its model.json says when and from what. */
    @Override
    public Optional<GenerationInfo<Candidate>> legacyInfo(int version, Path folder, FileSystem fs) throws IOException {
        Path file = new Path(folder, SegmentModel.INFO);
        if (!fs.exists(file)) {
            return Optional.empty();
        }
        SegmentModelInfo info;
        try (java.io.InputStream in = fs.open(file)) {
            info = SegmentModel.fromJson(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        LocalDate trainedOn = LocalDate.parse(info.trainedOn());
        return Optional.of(new GenerationInfo<>(name(), version, trainedOn, trainedOn, info.parentVersion(),
                TrainReason.UNRECORDED, 0, List.of(new CandidateResult<>(info.algorithm() + " k=" + info.k(),
                info.silhouette(), figures(info)))));
    }

    /** The model in place applied to tonight's customers (kept), when the night measured it; else empty. */
    Optional<Dataset<Row>> assignedInPlace() {
        return Optional.ofNullable(assignedInPlace);
    }

    /** The drift measured against the model in place tonight (null: none measured). */
    SegmentDrift driftInPlace() {
        return driftInPlace;
    }

    /** The model in place the refit started from. */
    Optional<SegmentModel> incumbent() {
        return incumbent;
    }

    /** Tonight's customers under the refitted model (features, vectors, segment). */
    Dataset<Row> trainingAssigned() {
        return training.assigned();
    }

    private void measure(SegmentModel model) {
        assignedInPlace = keep(withoutVectors(model.assign(features)));
        driftInPlace = SegmentDrift.measure(assignedInPlace, model.info(), settings.model());
    }

    /** The previous run's segment_centroids, for a first model to carry their ids and names over. */
    private List<PreviousCentroid> legacyCentroids() {
        List<PreviousCentroid> out = new ArrayList<>();
        Optional<Dataset<Row>> centroids = previousDate
                .flatMap(d -> outputs.published(OutputDataset.SEGMENT_CENTROIDS, d));
        if (centroids.isPresent()) {
            for (Row r : centroids.get().select(SEGMENT_ID, SEGMENT_NAME, CENTER).collectAsList()) {
                List<Double> c = r.getList(r.fieldIndex(CENTER));
                out.add(new PreviousCentroid(r.<Integer>getAs(SEGMENT_ID), r.<String>getAs(SEGMENT_NAME),
                        c.stream().mapToDouble(Double::doubleValue).toArray()));
            }
        }
        return out;
    }

    /** Assigned customers without the behaviour vectors, which nothing after the assignment reads. */
    static Dataset<Row> withoutVectors(Dataset<Row> assigned) {
        return assigned.drop(SegmentFeatureVector.RAW_VECTOR, Segmenter.SCALED);
    }

    /** Locally the executors are this JVM, so a local checkpoint cannot be lost; on a cluster an executor can be. */
    Dataset<Row> keep(Dataset<Row> rows) {
        return spark.sparkContext().isLocal() ? rows.localCheckpoint(true) : rows.persist(StorageLevel.MEMORY_AND_DISK());
    }
}
