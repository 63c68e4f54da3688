package io.fideliza.recommend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fideliza.config.JobConfig.RecommendSettings;
import io.fideliza.ranking.TemporalSplit;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.model.GenerationInfo;
import io.fideliza.model.GenerationInfo.CandidateResult;
import io.fideliza.model.TrainReason;
import io.fideliza.model.TrainableModel;
import io.fideliza.run.Progress;
import io.fideliza.run.RunContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The recommender on the generations framework: split {@code validation_weeks} before the run date, the grid
 * searched by successive halving ({@link RecommenderTraining#search}, which builds and measures together), the best
 * nDCG@k not refused for giving everyone the same picks, refitted with full ALS iterations on the whole history.
 * Without validation customers the one candidate is the configured parameters fitted on everything, untested.
 */
final class RecommenderLearner implements TrainableModel<TemporalSplit, RecommenderModel, RecommenderValidation> {
    private final SparkSession spark;
    private final RecommendSettings settings;
    private final CleanInputs in;
    private final RunContext run;
    private final RecommenderTraining training;
    private final Progress progress;

    RecommenderLearner(SparkSession spark, RecommendSettings settings, CleanInputs in, RunContext run,
                       Progress progress) {
        this.spark = spark;
        this.settings = settings;
        this.in = in;
        this.run = run;
        this.training = new RecommenderTraining(spark, settings, run.zone(), progress);
        this.progress = progress;
    }

    @Override
    public String name() {
        return RecommenderModel.NAME;
    }

    @Override
    public Class<RecommenderValidation> figuresType() {
        return RecommenderValidation.class;
    }

    @Override
    public Split<TemporalSplit> split(Tonight<RecommenderModel, RecommenderValidation> tonight) {
        int weeks = settings.model().validationWeeks();
        LocalDate cutoff = tonight.runDate().minusDays(7L * weeks);
        return new Split<>(cutoff, TemporalSplit.at(in, cutoff, weeks, run.zone()));
    }

    @Override
    public List<Evaluated<RecommenderModel, RecommenderValidation>> search(Split<TemporalSplit> split) {
        TemporalSplit s = split.data();
        if (s.truth().isEmpty()) {
            // Too short a history to validate anything: the configured parameters, fitted on everything.
            RecommenderParams configured = RecommenderTraining.configured(settings);
            progress.stage("train", "no validation customers: the configured parameters", 0);
            return List.of(new Evaluated<>(RecommenderModel.fit(spark, in, run, settings, configured),
                    new Evaluation<>(0, RecommenderValidation.untested(split.cutOff(), configured))));
        }
        int k = settings.topN();
        List<Evaluated<RecommenderModel, RecommenderValidation>> out = new ArrayList<>();
        for (RecommenderTraining.Measured m : training.searchFitted(s, k)) {
            RecommenderValidation v = RecommenderValidation.measured(s.cutoff(), s.testWeeks(), k, s.truth().size(),
                    settings.model().searchIterations(), m.candidate());
            out.add(new Evaluated<>(m.model(), new Evaluation<>(m.candidate().scores().ndcg(), v)));
        }
        return out;
    }

    /** The search's rule: the best nDCG@k not refused; all refused, complements alone or the fewest same picks. */
    @Override
    public int choose(List<Evaluated<RecommenderModel, RecommenderValidation>> candidates) {
        List<RecommenderTraining.Candidate> marked = RecommenderTraining.choose(candidates.stream()
                .map(c -> c.evaluation().figures().asCandidate()).toList());
        for (int i = 0; i < marked.size(); i++) {
            if (marked.get(i).chosen()) {
                return i;
            }
        }
        throw new IllegalStateException("no recommender candidate chosen");
    }

    @Override
    public String describe(RecommenderModel candidate) {
        return candidate.params().label();
    }

    /** The chosen parameters with full ALS iterations on the whole history; an untested one is already that. */
    @Override
    public RecommenderModel refit(Evaluated<RecommenderModel, RecommenderValidation> chosen,
                                  Split<TemporalSplit> split, LocalDate runDate) {
        RecommenderValidation v = chosen.evaluation().figures();
        if (!v.tested()) {
            return chosen.candidate();
        }
        long t0 = System.nanoTime();
        RecommenderModel model = RecommenderModel.fit(spark, in, run, settings, training.fullIterations(v.params()));
        progress.stage("train", "chose " + v.params().label() + String.format(Locale.ROOT, " (nDCG@%d %.4f)", v.k(),
                v.ndcg()), (System.nanoTime() - t0) / 1e9);
        return model;
    }

    @Override
    public void save(RecommenderModel model, Path folder, FileSystem fs) throws IOException {
        model.save(spark, folder);
    }

    @Override
    public RecommenderModel load(Path folder, FileSystem fs) throws IOException {
        return RecommenderModel.load(spark, folder);
    }

    /**
     * A version written before the framework (main 783f79b and earlier): its {@code model.json} holds the
     * validation, with every candidate's parameters and scores and which was chosen.
     */
    @Override
    public Optional<GenerationInfo<RecommenderValidation>> legacyInfo(int version, Path folder, FileSystem fs)
            throws IOException {
        Path file = new Path(folder, RecommenderModel.MODEL_JSON);
        if (!fs.exists(file)) {
            return Optional.empty();
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode meta;
        try (InputStream s = fs.open(file)) {
            meta = json.readTree(s);
        }
        LocalDate trainedOn = LocalDate.parse(meta.get("trained_on").asText());
        JsonNode v = meta.path("validation");
        LocalDate cutoff = v.hasNonNull("cutoff") ? LocalDate.parse(v.get("cutoff").asText()) : trainedOn;
        List<CandidateResult<RecommenderValidation>> candidates = new ArrayList<>();
        int chosen = 0;
        if (v.path("candidates").isArray() && !v.path("candidates").isEmpty()) {
            for (JsonNode c : v.get("candidates")) {
                @SuppressWarnings("unchecked")
                RecommenderParams p = RecommenderParams.fromMap(json.convertValue(c, Map.class));
                RecommenderValidation f = new RecommenderValidation(cutoff, v.get("weeks").asInt(),
                        v.get("k").asInt(), v.get("customers").asLong(), v.get("search_iterations").asInt(), p,
                        c.get("ndcg").asDouble(), c.get("precision").asDouble(), c.get("recall").asDouble(),
                        c.get("hit_rate").asDouble(), c.get("coverage").asDouble(),
                        c.get("same_picks_share").asDouble(), c.get("refused").asBoolean(), null);
                if (c.path("chosen").asBoolean()) {
                    chosen = candidates.size();
                }
                candidates.add(new CandidateResult<>(p.label(), f.ndcg(), f));
            }
        } else {
            @SuppressWarnings("unchecked")
            RecommenderParams p = RecommenderParams.fromMap(json.convertValue(meta.get("params"), Map.class));
            RecommenderValidation f = RecommenderValidation.untested(cutoff, p);
            candidates.add(new CandidateResult<>(p.label(), 0, f));
        }
        return Optional.of(new GenerationInfo<>(name(), version, trainedOn, cutoff, null, TrainReason.UNRECORDED,
                chosen, List.copyOf(candidates)));
    }
}
