package io.fideliza.recommend;

import io.fideliza.config.JobConfig.RecommendSettings;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.Outputs;
import io.fideliza.run.Progress;
import io.fideliza.run.RunContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The recommender model a night applies: the latest published version ({@code _models/recommender/version=N})
 * while it is younger than {@code recommend.training.every_days}, otherwise one trained tonight
 * ({@link RecommenderTraining}) and staged as the next version, published with the run's other outputs.
 */
public final class NightlyModel {
    /** The model, whether this night trained it, and why. */
    public record Choice(RecommenderModel model, boolean trained, String reason) {
        /**
         * What the manifest records: version, training date, parameters, validation figures (without the grid).
         * Not whether this night trained it: a rerun of the date reuses the model its first run trained and must
         * publish the same manifest.
         */
        public Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", model.version());
            m.put("trained_on", String.valueOf(model.trainedOn()));
            m.put("params", model.params().asMap());
            Map<String, Object> v = new LinkedHashMap<>(model.validation());
            v.remove("candidates");
            m.put("validation", v);
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

    /**
     * The model for the night of {@code run}. With every_days 0 nothing is kept: each night fits the configured
     * parameters. A published model trained after the run date (a backfill) is not used: it has seen the future.
     */
    public Choice choose(CleanInputs in, RunContext run, Outputs outputs) {
        int every = settings.model().trainEveryDays();
        if (every <= 0) {
            return new Choice(RecommenderModel.fit(spark, in, run, settings, RecommenderTraining.configured(settings)),
                    true, "recommend.training.every_days is 0: the configured parameters, fitted tonight");
        }
        Optional<Outputs.ModelVersion> latest = outputs.latestModel(RecommenderModel.NAME);
        String reason = "no model yet";
        if (latest.isPresent()) {
            RecommenderModel model = load(latest.get());
            long age = ChronoUnit.DAYS.between(model.trainedOn(), run.runDate());
            if (age >= 0 && age < every) {
                return new Choice(model, false, String.format(Locale.ROOT,
                        "version %d, trained %d days ago (training every %d days)", model.version(), age, every));
            }
            reason = "version " + model.version() + " was trained on " + model.trainedOn();
        }
        RecommenderModel trained = new RecommenderTraining(spark, settings, run.zone(), progress)
                .train(in, run, settings.topN()).model();
        Outputs.ModelVersion staged = outputs.stageModel(RecommenderModel.NAME);
        try {
            trained.save(spark, staged.folder());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recommender model: " + e.getMessage(), e);
        }
        return new Choice(trained.withVersion(staged.version()), true, reason);
    }

    private RecommenderModel load(Outputs.ModelVersion v) {
        try {
            return RecommenderModel.load(spark, v.folder(), v.version());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recommender model " + v.folder() + ": " + e.getMessage(), e);
        }
    }
}
