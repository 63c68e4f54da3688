package io.fideliza.model;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fideliza.model.GenerationInfo.CandidateResult;
import io.fideliza.model.TrainableModel.Evaluated;
import io.fideliza.model.TrainableModel.Split;
import io.fideliza.run.Outputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Models as generations (Oryx's MLUpdate shape): owns when a model is trained, splitting, building and evaluating
 * the candidates, choosing one, and promoting it as {@code _models/NAME/version=N/} through {@link Outputs}: staged,
 * and published only with the run's other outputs. The night applies the newest generation trained on or before its
 * run date while it is younger than the cadence; a generation trained after the run date (a backfill) is never used.
 */
public final class ModelGenerations {
    /** The generation's info beside the model's own files. */
    public static final String INFO_FILE = "generation.json";

    /** How often a model is trained: every {@code everyDays} (0: every night), and now when {@code refit}. */
    public record Cadence(int everyDays, boolean refit) {
    }

    private static final ObjectMapper JSON = ModelJson.MAPPER;

    private final Outputs outputs;

    public ModelGenerations(Outputs outputs) {
        this.outputs = outputs;
    }

    /** The model for the night of {@code runDate}: the generation in place, or one trained tonight. */
    public <D, M, Q> ModelDecision<M, Q> decide(TrainableModel<D, M, Q> model, Cadence cadence, LocalDate runDate) {
        List<Published<Q>> published = published(model);
        // The newest training on or before the run date (a backfill may have published an older one last).
        Optional<Published<Q>> found = published.stream().filter(g -> !g.info().trainedOn().isAfter(runDate))
                .max(java.util.Comparator.comparing((Published<Q> g) -> g.info().trainedOn())
                        .thenComparingInt(g -> g.info().version()));
        Optional<GenerationInfo<Q>> usable = found.map(Published::info);
        TrainReason reason;
        if (published.isEmpty()) {
            reason = TrainReason.NO_MODEL;
        } else if (usable.isEmpty()) {
            reason = TrainReason.ONLY_LATER_MODELS;
        } else if (cadence.refit() && !usable.get().trainedOn().equals(runDate)) {
            // A rerun of the night that trained on request keeps that night's generation: the same outputs again.
            reason = TrainReason.REQUESTED;
        } else if (cadence.everyDays() <= 0 && !usable.get().trainedOn().equals(runDate)) {
            reason = TrainReason.EVERY_NIGHT;
        } else {
            long age = ChronoUnit.DAYS.between(usable.get().trainedOn(), runDate);
            if (age < Math.max(1, cadence.everyDays())) {
                GenerationInfo<Q> info = usable.get();
                return new ModelDecision.Kept<>(load(model, found.get().folder()), info, age);
            }
            reason = TrainReason.EXPIRED;
        }
        return train(model, runDate, reason, usable.map(GenerationInfo::version).orElse(null));
    }

    private <D, M, Q> ModelDecision<M, Q> train(TrainableModel<D, M, Q> model, LocalDate runDate, TrainReason reason,
                                                Integer parent) {
        Split<D> split = model.split(runDate);
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
        Outputs.ModelVersion staged = outputs.stageModel(model.name());
        GenerationInfo<Q> info = new GenerationInfo<>(model.name(), staged.version(), runDate, split.cutOff(), parent,
                reason, best, List.copyOf(results));
        FileSystem fs = outputs.fileSystem();
        try {
            model.save(chosen, staged.folder(), fs);
            ModelJson.write(fs, new Path(staged.folder(), INFO_FILE), info);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model " + model.name() + ": " + e.getMessage(), e);
        }
        return new ModelDecision.Trained<>(chosen, info);
    }

    /** A published generation: its info and its folder. */
    private record Published<Q>(GenerationInfo<Q> info, Path folder) {
    }

    /**
     * The published generations of {@code model}, newest version first; a version without info (written before the
     * model was on the framework) is read by the model's {@link TrainableModel#legacyInfo}, or skipped.
     */
    private <Q> List<Published<Q>> published(TrainableModel<?, ?, Q> model) {
        Optional<Outputs.ModelVersion> latest = outputs.latestModel(model.name());
        List<Published<Q>> out = new ArrayList<>();
        if (latest.isEmpty()) {
            return out;
        }
        JavaType type = JSON.getTypeFactory().constructParametricType(GenerationInfo.class, model.figuresType());
        for (int v = latest.get().version(); v >= 1; v--) {
            Path folder = new Path(latest.get().folder().getParent(), "version=" + v);
            Path file = new Path(folder, INFO_FILE);
            try {
                if (outputs.fileSystem().exists(file)) {
                    try (InputStream in = outputs.fileSystem().open(file)) {
                        out.add(new Published<>(JSON.readValue(in, type), folder));
                    }
                } else if (outputs.fileSystem().exists(folder)) {
                    model.legacyInfo(v, folder, outputs.fileSystem()).ifPresent(i -> out.add(new Published<>(i, folder)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private <M> M load(TrainableModel<?, M, ?> model, Path folder) {
        try {
            return model.load(folder, outputs.fileSystem());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model " + folder + ": " + e.getMessage(), e);
        }
    }

    /** A generation's info as JSON, for the manifest (dates as ISO text). */
    public static JsonNode asJson(GenerationInfo<?> info) {
        return JSON.valueToTree(info);
    }
}
