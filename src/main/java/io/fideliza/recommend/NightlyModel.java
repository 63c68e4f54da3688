package io.fideliza.recommend;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fideliza.config.JobConfig.RecommendSettings;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.manifest.ManifestJson;
import io.fideliza.model.GenerationInfo;
import io.fideliza.model.ModelDecision;
import io.fideliza.model.ModelGenerations;
import io.fideliza.run.Outputs;
import io.fideliza.run.Progress;
import io.fideliza.run.RunContext;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The recommender model a night applies, from {@link ModelGenerations} with {@link RecommenderLearner}: the
 * generation in place while younger than {@code recommend.training.every_days}, otherwise one trained tonight and
 * published with the run's other outputs. With every_days 0 there is no generation: each night fits the configured
 * parameters, untested and unsaved.
 */
public final class NightlyModel {
    /**
     * The model and the framework's decision about it (empty: every_days 0, fitted as configured tonight).
     */
    public record Choice(RecommenderModel model,
                         Optional<ModelDecision<RecommenderModel, RecommenderValidation>> decision) {
        /** The generation's version; 0 for a model fitted as configured and never saved. */
        public int version() {
            return decision.map(d -> d.info().version()).orElse(0);
        }

        public LocalDate trainedOn() {
            return model.trainedOn();
        }

        /** Whether this night trained it (not part of the manifest: a rerun keeps the generation of its first run). */
        public boolean trained() {
            return decision.isEmpty() || decision.get() instanceof ModelDecision.Trained;
        }

        /** The published candidate's validation; empty when no training step ran (every_days 0). */
        public Optional<RecommenderValidation> validation() {
            return decision.map(d -> d.info().figures());
        }

        public Optional<GenerationInfo<RecommenderValidation>> generation() {
            return decision.map(ModelDecision::info);
        }

        /** What the manifest records: version, training date, parameters, validation figures (without the grid). */
        ObjectNode summary() {
            ObjectNode m = ManifestJson.object();
            m.put("version", version());
            m.put("trained_on", String.valueOf(trainedOn()));
            m.set("params", model.params().asJson());
            m.set("validation", validation().map(RecommenderValidation::asManifest).orElseGet(ManifestJson::object));
            return m;
        }
    }

    private final SparkSession spark;
    private final RecommendSettings settings;
    private final Progress progress;

    public NightlyModel(SparkSession spark, RecommendSettings settings, Progress progress) {
        this.spark = spark;
        this.settings = settings;
        this.progress = progress;
    }

    /** The model for the night of {@code run}. */
    public Choice choose(CleanInputs in, RunContext run, Outputs outputs) {
        int every = settings.model().trainEveryDays();
        if (every <= 0) {
            return new Choice(RecommenderModel.fit(spark, in, run, settings, RecommenderTraining.configured(settings)),
                    Optional.empty());
        }
        ModelDecision<RecommenderModel, RecommenderValidation> decision = new ModelGenerations(outputs)
                .decide(new RecommenderLearner(spark, settings, in, run, progress),
                        new ModelGenerations.Cadence(every, false), run.runDate());
        return new Choice(decision.model(), Optional.of(decision));
    }
}
