package io.fideliza.model;

/** Why a night trained a new generation of a model. */
public enum TrainReason {
    /** No generation was published yet. */
    NO_MODEL,
    /** The generation in place is {@code every_days} old or older. */
    EXPIRED,
    /** The run asked for it (a refit setting). */
    REQUESTED,
    /** {@code every_days} is 0: every night trains its own. */
    EVERY_NIGHT,
    /** Every published generation was trained after this run date (a backfill): none may be used, it saw the future. */
    ONLY_LATER_MODELS,
    /** The model's own watch ({@link TrainableModel#due}): what it sees tonight no longer fits the generation in place. */
    DRIFT,
    /** The configuration asks for a model the generation in place is not (another algorithm, another size). */
    CONFIGURATION,
    /** The generation in place was built on inputs this version of the code no longer makes (another feature set). */
    OUTDATED,
    /** A generation written before its model was on the framework: why it was trained was not recorded. */
    UNRECORDED
}
