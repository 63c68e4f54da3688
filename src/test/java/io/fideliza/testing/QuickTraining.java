package io.fideliza.testing;

import io.fideliza.config.JobConfig;
import io.fideliza.config.JobConfig.ModelSettings;
import io.fideliza.config.JobConfig.RecommendSettings;
import java.util.List;

/**
 * For pipeline tests about something else than the recommender's training step (publishing, reruns, outcomes):
 * the step still runs, over one candidate (the configured ALS, confidence and blend) instead of the grid, which
 * is most of a small run's time. The training step itself is tested with its grid (RecommenderTrainingTest,
 * EndToEndTest).
 */
public final class QuickTraining {
    private QuickTraining() {
    }

    public static JobConfig of(JobConfig config) {
        RecommendSettings r = config.recommend();
        ModelSettings m = r.model();
        return config.withRecommend(r.withModel(m.withTraining(m.trainEveryDays(), m.validationWeeks(),
                List.of(r.als().rank()), List.of(r.als().regParam()), List.of(r.als().alpha()),
                List.of(m.confidence()), List.of(m.blend()))));
    }
}
