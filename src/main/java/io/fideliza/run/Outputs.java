package io.fideliza.run;

/**
 * The output folder as a run's stages see it, the one place that reads and writes it: the datasets it stages
 * ({@link RunStaging}), files written by hand ({@link StagedFiles}), the model versions ({@link ModelRegistry}), and
 * what earlier runs published ({@link PublishedRuns}). Everything written is staged until the whole run succeeds.
 */
public interface Outputs extends RunStaging, StagedFiles, ModelRegistry, PublishedRuns {
}
