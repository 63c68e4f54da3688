package io.fideliza.run;

/**
 * One step of the nightly run: it takes what earlier steps produced as its typed input, computes over
 * Datasets, and hands what it publishes to {@link Outputs}; its result says in one line what it did.
 *
 * @param <I> what the stage needs, gathered from earlier results
 * @param <O> what the stage produces, for later stages and for the manifest
 */
public interface Stage<I, O extends StageResult> {

    /** The stage's name on the command line, in progress lines and in the manifest. */
    String name();

    /** The stage's input, from the results of the stages before it. */
    I input(StageResults earlier);

    O run(I input, Outputs outputs);
}
