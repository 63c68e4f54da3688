package io.fideliza.run;

import io.fideliza.manifest.Manifest;

/** What a stage produced: one line for the console, and what the manifest keeps of it. */
public interface StageResult {

    /** One line: what the stage did, rows in and out. Never personal data. */
    String summary();

    /** Adds the stage's figures and evidence to the manifest (its staged outputs are counted already). */
    default void record(Manifest manifest) {
    }
}
