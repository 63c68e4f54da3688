package io.fideliza.run;

import io.fideliza.manifest.Manifest;
import java.util.List;
import java.util.function.Consumer;

/** Runs stages in order, each on the results of those before it, timing each and reporting one line per stage. */
public final class StageRunner {
    private final Progress progress;
    private final Manifest manifest;
    private final Consumer<String> afterStage;

    /** @param afterStage called with each stage's name once it has completed (tests fail a run there) */
    public StageRunner(Progress progress, Manifest manifest, Consumer<String> afterStage) {
        this.progress = progress;
        this.manifest = manifest;
        this.afterStage = afterStage;
    }

    /** Runs {@code stages} up to and including {@code lastStage} (null: all). */
    public StageResults run(List<Stage<?, ?>> stages, Outputs outputs, String lastStage) {
        if (lastStage != null && stages.stream().noneMatch(s -> s.name().equals(lastStage))) {
            throw new IllegalArgumentException("no stage named " + lastStage);
        }
        StageResults results = new StageResults();
        for (Stage<?, ?> stage : stages) {
            runOne(stage, results, outputs);
            afterStage.accept(stage.name());
            if (stage.name().equals(lastStage)) {
                break;
            }
        }
        return results;
    }

    private <I, O extends StageResult> void runOne(Stage<I, O> stage, StageResults results, Outputs outputs) {
        long t0 = System.nanoTime();
        O result = stage.run(stage.input(results), outputs);
        double seconds = (System.nanoTime() - t0) / 1e9;
        result.record(manifest);
        manifest.stage(stage.name(), seconds);
        progress.stage(stage.name(), result.summary(), seconds);
        results.add(result);
    }
}
