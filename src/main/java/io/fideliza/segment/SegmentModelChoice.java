package io.fideliza.segment;

import io.fideliza.config.JobConfig.SegmentSettings;
import io.fideliza.config.SegmentModelSettings;
import io.fideliza.model.Generation;
import io.fideliza.model.ModelDecision;
import io.fideliza.model.ModelGenerations;
import io.fideliza.run.Outputs;
import io.fideliza.run.RunContext;
import io.fideliza.segment.SegmentModelInfo.Candidate;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The segment model a night applies and its customers under it, as {@link ModelGenerations} decides with {@link
 * SegmentLearner}: the model in place, kept unless a refit is due; a rerun of a refit night applies that night's model.
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
        SegmentLearner learner = new SegmentLearner(spark, settings, features, outputs, previousDate);
        SegmentModelSettings ms = settings.model();
        ModelDecision<SegmentModel, Candidate> decision = new ModelGenerations(outputs)
                .decide(learner, learner.cadence(), run.runDate());
        if (decision instanceof ModelDecision.Trained<SegmentModel, Candidate> t) {
            return new Night(t.model(), learner.keep(SegmentLearner.withoutVectors(learner.trainingAssigned())), true,
                    true, learner.incumbent(), learner.driftInPlace(), null);
        }
        if (decision instanceof ModelDecision.Rerun<SegmentModel, Candidate> r) {
            // The same outputs as the night that trained it, without fitting it again.
            Optional<SegmentModel> before = r.replaced().map(Generation::model);
            return new Night(r.model(), learner.keep(SegmentLearner.withoutVectors(r.model().assign(features))), true,
                    false, before, before.map(b -> SegmentDrift.measure(b.assign(features), b.info(), ms)).orElse(null),
                    null);
        }
        Dataset<Row> assigned = learner.assignedInPlace().orElseGet(() -> learner.keep(SegmentLearner.withoutVectors(
                decision.model().assign(features))));
        return new Night(decision.model(), assigned, false, false, Optional.empty(), null, learner.driftInPlace());
    }
}
