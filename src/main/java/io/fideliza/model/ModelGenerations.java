package io.fideliza.model;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fideliza.model.GenerationInfo.CandidateResult;
import io.fideliza.model.TrainableModel.Evaluated;
import io.fideliza.model.TrainableModel.Split;
import io.fideliza.run.ModelRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Models as generations (Oryx's MLUpdate shape): owns when a model is trained, splitting, building and evaluating
 * the candidates, choosing one, and promoting it as {@code _models/NAME/version=N/} through {@link ModelRegistry}: staged,
 * and published only with the run's other outputs. The night applies the newest generation trained on or before its
 * run date while it is younger than the cadence and the model sees no reason of its own to train ({@link
 * TrainableModel#due}); a generation trained after the run date (a backfill) is never used unless the model says so.
 */
public final class ModelGenerations {
    /** The generation's info beside the model's own files. */
    public static final String INFO_FILE = "generation.json";

    /** How often a model is trained: every {@code everyDays} (0: every night), and now when {@code refit}. */
    public record Cadence(int everyDays, boolean refit) {
    }

    private static final ObjectMapper JSON = ModelJson.MAPPER;

    private final ModelRegistry registry;

    public ModelGenerations(ModelRegistry registry) {
        this.registry = registry;
    }

    /**
     * The model for the night of {@code runDate}: the generation in place, one trained tonight, or (a rerun of the
     * night that trained it) the generation that night staged and published.
     */
    public <D, M, Q> ModelDecision<M, Q> decide(TrainableModel<D, M, Q> model, Cadence cadence, LocalDate runDate) {
        List<Generation<M, Q>> published = published(model);
        if (published.isEmpty()) {
            return train(model, runDate, TrainReason.NO_MODEL, Optional.empty());
        }
        // The newest training on or before the run date (a backfill may have published an older one last).
        Optional<Generation<M, Q>> usable = published.stream().filter(g -> !g.info().trainedOn().isAfter(runDate))
                .max(TRAINED_ORDER);
        if (usable.isEmpty()) {
            if (model.trainsForBackfill()) {
                return train(model, runDate, TrainReason.ONLY_LATER_MODELS, Optional.empty());
            }
            Generation<M, Q> oldest = published.stream().min(TRAINED_ORDER).orElseThrow();
            if (cadence.refit()) {
                return train(model, runDate, TrainReason.REQUESTED, Optional.of(oldest));
            }
            return new ModelDecision.Kept<>(oldest.model(), oldest.info(),
                    ChronoUnit.DAYS.between(oldest.info().trainedOn(), runDate));
        }
        Generation<M, Q> inPlace = usable.get();
        if (inPlace.info().trainedOn().equals(runDate)) {
            // A rerun of the night that trained it: the same outputs again, whatever the cadence says now.
            Integer parent = inPlace.info().parentVersion();
            return new ModelDecision.Rerun<>(inPlace.model(), inPlace.info(), published.stream()
                    .filter(g -> parent != null && g.info().version() == parent).findFirst());
        }
        long age = ChronoUnit.DAYS.between(inPlace.info().trainedOn(), runDate);
        Optional<TrainReason> byCadence = cadence.refit() ? Optional.of(TrainReason.REQUESTED)
                : cadence.everyDays() <= 0 ? Optional.of(TrainReason.EVERY_NIGHT)
                : age >= cadence.everyDays() ? Optional.of(TrainReason.EXPIRED) : Optional.empty();
        Optional<TrainReason> reason = model.due(inPlace, byCadence, runDate);
        if (reason.isPresent()) {
            return train(model, runDate, reason.get(), Optional.of(inPlace));
        }
        return new ModelDecision.Kept<>(inPlace.model(), inPlace.info(), age);
    }

    private static final Comparator<Generation<?, ?>> TRAINED_ORDER = Comparator
            .comparing((Generation<?, ?> g) -> g.info().trainedOn()).thenComparingInt(g -> g.info().version());

    private <D, M, Q> ModelDecision<M, Q> train(TrainableModel<D, M, Q> model, LocalDate runDate, TrainReason reason,
                                                Optional<Generation<M, Q>> inPlace) {
        // Staged first: a model whose outputs carry its version knows it while it trains.
        ModelRegistry.ModelVersion staged = registry.stageModel(model.name());
        Split<D> split = model.split(new TrainableModel.Tonight<>(runDate, staged.version(), reason, inPlace));
        List<Evaluated<M, Q>> candidates = model.search(split);
        if (candidates.isEmpty()) {
            throw new IllegalStateException("model " + model.name() + " built no candidate");
        }
        List<CandidateResult<Q>> results = new ArrayList<>();
        for (Evaluated<M, Q> c : candidates) {
            results.add(new CandidateResult<>(model.describe(c.candidate()), c.evaluation().score(),
                    c.evaluation().figures()));
        }
        int best = model.choose(candidates);
        M chosen = model.refit(candidates.get(best), split, runDate);
        GenerationInfo<Q> info = new GenerationInfo<>(model.name(), staged.version(), runDate, split.cutOff(),
                inPlace.map(g -> g.info().version()).orElse(null), reason, best, List.copyOf(results));
        FileSystem fs = registry.fileSystem();
        try {
            model.save(chosen, staged.folder(), fs);
            ModelJson.write(fs, new Path(staged.folder(), INFO_FILE), info);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model " + model.name() + ": " + e.getMessage(), e);
        }
        return new ModelDecision.Trained<>(chosen, info, inPlace);
    }

    /**
     * The published generations of {@code model}, newest version first; a version without info (written before the
     * model was on the framework) is read by the model's {@link TrainableModel#legacyInfo}, or skipped.
     */
    private <M, Q> List<Generation<M, Q>> published(TrainableModel<?, M, Q> model) {
        List<Generation<M, Q>> out = new ArrayList<>();
        JavaType type = JSON.getTypeFactory().constructParametricType(GenerationInfo.class, model.figuresType());
        FileSystem fs = registry.fileSystem();
        for (ModelRegistry.ModelVersion v : registry.models(model.name())) {
            Path file = new Path(v.folder(), INFO_FILE);
            try {
                Optional<GenerationInfo<Q>> info;
                if (fs.exists(file)) {
                    try (InputStream in = fs.open(file)) {
                        info = Optional.of(JSON.readValue(in, type));
                    }
                } else {
                    info = model.legacyInfo(v.version(), v.folder(), fs);
                }
                info.ifPresent(i -> out.add(new Generation<>(i, () -> load(model, v.folder()))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private <M> M load(TrainableModel<?, M, ?> model, Path folder) {
        try {
            return model.load(folder, registry.fileSystem());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model " + folder + ": " + e.getMessage(), e);
        }
    }

    /** A generation's info as JSON, for the manifest (dates as ISO text). */
    public static JsonNode asJson(GenerationInfo<?> info) {
        return JSON.valueToTree(info);
    }
}
