package io.fideliza.model;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What one kind of model tells {@link ModelGenerations}: how to split its history at a cut-off, build candidates,
 * evaluate them, refit the winner and save and load it. The cadence, the choice and the versions are the framework's.
 * Adding a model is a class implementing this (most models: {@link GridSearched}, which builds the candidates and
 * evaluates each) and a line in the stage that uses it (docs/customer-value.md).
 *
 * @param <D> the training data of a split (what the model learns from and is judged on)
 * @param <M> a fitted model
 * @param <Q> the model's validation figures: a record, saved in the generation's info and the manifest
 */
public interface TrainableModel<D, M, Q> {

    /** The folder under {@code _models/}. */
    String name();

    /** The figures' record type, to read a saved generation's info back. */
    Class<Q> figuresType();

    /**
     * The history as of {@code tonight}'s run date, split at a cut-off before it: what is learnt from and what is held
     * out. {@code tonight} also says the version the training will publish and the generation in place (a model that
     * carries something over from it, as the segments carry their ids, reads it there).
     */
    Split<D> split(Tonight<M, Q> tonight);

    /**
     * The model's own reason to train tonight, given the generation in place and what the cadence says ({@code
     * cadence}: requested, every night, expired, or empty while the generation is young): by default the cadence's.
     * A model that watches itself (drift, a configuration the generation is not) may train earlier, or name a reason
     * of its own. Not asked on a rerun of the night that trained the generation in place.
     */
    default Optional<TrainReason> due(Generation<M, Q> inPlace, Optional<TrainReason> cadence, LocalDate runDate) {
        return cadence;
    }

    /**
     * Whether a night dated before every published generation (a backfill) trains one of its own (by default: the
     * generations saw the future). A model that rather applies its oldest generation then returns false; it still
     * trains when the cadence requests it.
     */
    default boolean trainsForBackfill() {
        return true;
    }

    /**
     * Every candidate, built on {@code split}'s training data, with its evaluation on the held-out part, in the
     * model's order of preference. A {@link GridSearched} model builds them all, then evaluates each on its own; a
     * model whose search picks later candidates from earlier scores (successive halving) builds and evaluates together.
     */
    List<Evaluated<M, Q>> search(Split<D> split);

    /** A candidate's hyperparameters in a few words, for people (never parsed). */
    String describe(M candidate);

    /**
     * The index of the candidate to publish: by default the highest score, the first of equal scores (the order is
     * the model's preference). A model with a rule of its own (refusing a candidate whatever its score) overrides it.
     */
    default int choose(List<Evaluated<M, Q>> candidates) {
        int best = 0;
        for (int i = 1; i < candidates.size(); i++) {
            if (candidates.get(i).evaluation().score() > candidates.get(best).evaluation().score()) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The model that is published: by default the winning candidate as built on the training part; a model may refit
     * the winner's hyperparameters on the whole history up to the run date.
     */
    default M refit(Evaluated<M, Q> chosen, Split<D> split, LocalDate runDate) {
        return chosen.candidate();
    }

    void save(M model, Path folder, FileSystem fs) throws IOException;

    M load(Path folder, FileSystem fs) throws IOException;

    /**
     * The info of a version written before this model was on the framework (no {@code generation.json}), read from
     * the model's own files, so that the night after an upgrade keeps the model in place; empty: not a version of it.
     */
    default Optional<GenerationInfo<Q>> legacyInfo(int version, Path folder, FileSystem fs) throws IOException {
        return Optional.empty();
    }

    /**
     * A training night: its run date, the version its generation will have, why it trains, and the generation in
     * place (empty: none, or only ones trained after the run date).
     */
    record Tonight<M, Q>(LocalDate runDate, int version, TrainReason reason, Optional<Generation<M, Q>> inPlace) {
    }

    /** The data of a temporal split: learn from what happened up to {@code cutOff}, judge on what happened after. */
    record Split<D>(LocalDate cutOff, D data) {
    }

    /** A candidate's validation: higher {@code score} is better; {@code figures} say why. */
    record Evaluation<Q>(double score, Q figures) {
    }

    /** A candidate and its evaluation. */
    record Evaluated<M, Q>(M candidate, Evaluation<Q> evaluation) {
    }

    /**
     * A model whose candidates do not depend on each other's scores: it says how to build them and how to evaluate
     * one, and its search is every candidate built, then each evaluated.
     */
    interface GridSearched<D, M, Q> extends TrainableModel<D, M, Q> {

        /** One fitted candidate per hyperparameter combination, each built on {@code split}'s training data. */
        List<M> build(Split<D> split);

        /** How a candidate does on the held-out part of the split: a score (higher is better) and its figures. */
        Evaluation<Q> evaluate(M candidate, Split<D> split);

        @Override
        default List<Evaluated<M, Q>> search(Split<D> split) {
            return build(split).stream().map(c -> new Evaluated<>(c, evaluate(c, split))).toList();
        }
    }
}
