package io.fideliza.segment;

import static io.fideliza.contract.Columns.*;

import io.fideliza.config.JobConfig.SegmentSettings;
import io.fideliza.config.SegmentModelSettings;
import io.fideliza.contract.OutputDataset;
import io.fideliza.run.Outputs;
import io.fideliza.run.RunContext;
import io.fideliza.segment.SegmentMatcher.PreviousCentroid;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The segment model a night applies and its customers under it: the model in place ({@link SegmentModels}), kept
 * unless {@link RefitPolicy} asks for a refit ({@link Segmenter}); a rerun of a refit night applies that night's model.
 */
final class SegmentModelChoice {
    /**
     * The model a night ends up with and its customers under it; on a refit night the model before it and the
     * drift measured against that one; {@code drift} against the night's model when already measured (else null);
     * {@code fitted} false when no model was fitted in this run (a night that assigns, or a rerun of a refit night).
     */
    record Night(SegmentModel model, Dataset<Row> assigned, boolean refitted, boolean fitted,
                 Optional<SegmentModel> before, SegmentDrift driftBefore, SegmentDrift drift) {
    }

    private final SparkSession spark;
    private final RunContext run;
    private final SegmentSettings settings;

    SegmentModelChoice(SparkSession spark, RunContext run, SegmentSettings settings) {
        this.spark = spark;
        this.run = run;
        this.settings = settings;
    }

    /** Assigns with the model in place or refits, as the night requires. */
    Night night(Dataset<Row> features, Outputs outputs, Optional<LocalDate> previousDate) {
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
                List<Double> c = r.getList(r.fieldIndex(CENTER));
                out.add(new PreviousCentroid(r.<Integer>getAs(SEGMENT_ID), r.<String>getAs(SEGMENT_NAME),
                        c.stream().mapToDouble(Double::doubleValue).toArray()));
            }
        }
        return out;
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
