package io.fideliza.model;

/** What a night did about a model: trained a new generation, or kept the one in place. */
public sealed interface ModelDecision<M, Q> {

    /** The model the night applies. */
    M model();

    /** The info of the generation the night applies. */
    GenerationInfo<Q> info();

    /** Tonight's training, staged as a new generation that is published with the run's other outputs. */
    record Trained<M, Q>(M model, GenerationInfo<Q> info) implements ModelDecision<M, Q> {
        public TrainReason reason() {
            return info.reason();
        }
    }

    /** A generation trained {@code ageDays} before the run date, applied as it is. */
    record Kept<M, Q>(M model, GenerationInfo<Q> info, long ageDays) implements ModelDecision<M, Q> {
    }
}
