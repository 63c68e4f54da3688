package io.fideliza.model;

import java.util.Optional;

/**
 * What a night did about a model: trained a new generation, kept the one in place, or (a rerun of the night that
 * trained the one in place) applied that night's generation again.
 */
public sealed interface ModelDecision<M, Q> {

    /** The model the night applies. */
    M model();

    /** The info of the generation the night applies. */
    GenerationInfo<Q> info();

    /** Tonight's training, staged as a new generation that is published with the run's other outputs. */
    record Trained<M, Q>(M model, GenerationInfo<Q> info, Optional<Generation<M, Q>> replaced)
            implements ModelDecision<M, Q> {
        public TrainReason reason() {
            return info.reason();
        }
    }

    /**
     * A generation trained {@code ageDays} before the run date, applied as it is; negative on a night dated before
     * every generation, for a model that applies its oldest then ({@link TrainableModel#trainsForBackfill}).
     */
    record Kept<M, Q>(M model, GenerationInfo<Q> info, long ageDays) implements ModelDecision<M, Q> {
    }

    /**
     * The same run date again after a night that trained: its generation (staged and published by that night) applied
     * again, never a second one, so the rerun publishes the same outputs; {@code replaced} as that night had it.
     */
    record Rerun<M, Q>(M model, GenerationInfo<Q> info, Optional<Generation<M, Q>> replaced)
            implements ModelDecision<M, Q> {
    }
}
