package io.fideliza.model;

import java.time.LocalDate;
import java.util.List;

/**
 * What a generation of a model records beside its files ({@code _models/NAME/version=N/generation.json}): when and
 * why it was trained, the model it replaced, and every candidate's validation figures.
 *
 * @param cutOff        the split's cut-off: candidates learnt from the history up to it, were judged on what came after
 * @param parentVersion the generation in place when this one was trained (null: none)
 * @param chosen        the index in {@code candidates} of the one published
 */
public record GenerationInfo<Q>(String name, int version, LocalDate trainedOn, LocalDate cutOff, Integer parentVersion,
                                TrainReason reason, int chosen, List<CandidateResult<Q>> candidates) {

    /** One candidate of the training, with its validation. */
    public record CandidateResult<Q>(String description, double score, Q figures) {
    }

    /** The published candidate's validation figures. */
    public Q figures() {
        return candidates.get(chosen).figures();
    }
}
