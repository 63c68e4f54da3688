package io.fideliza.contract;

/** The output datasets of the contract, by folder name under {@code --output}. */
public enum OutputDataset {
    CUSTOMER_FEATURES("customer_features"),
    SEGMENTS("segments"),
    SEGMENT_PROFILES("segment_profiles"),
    SEGMENT_CENTROIDS("segment_centroids"),
    SEGMENT_MIGRATIONS("segment_migrations"),
    /** How a refit of the segment model moved customers: old model's segment to new; empty on nights without refit. */
    SEGMENT_REFIT_MIGRATIONS("segment_refit_migrations"),
    RECOMMENDATIONS("recommendations"),
    ACTION_PLANS("action_plans"),
    SEGMENT_PLANS("segment_plans"),
    /** Did earlier plans work: treated against control per action, segment and offer, once their window passed. */
    ACTION_OUTCOMES("action_outcomes"),
    /** The care team's work list: one row per ticket that needs a person, every night until it is put right. */
    CARE_QUEUE("care_queue"),
    /** Per customer with a purchase: churn risk, expected orders and value over the horizon (docs/customer-value.md). */
    CUSTOMER_VALUE("customer_value"),
    QUARANTINE("quarantine"),
    EXPORTS("exports"),
    REPORT("report"),
    MANIFESTS("_manifests"),
    /** Trained models, {@code _models/NAME/version=N/}: written by a training run, read by the nights after it. */
    MODELS("_models");

    private final String folder;

    OutputDataset(String folder) {
        this.folder = folder;
    }

    public String folder() {
        return folder;
    }

    /** Whether the dataset is written as Parquet (exports are CSV, the report HTML, manifests JSON). */
    public boolean parquet() {
        return this != EXPORTS && this != REPORT && this != MANIFESTS && this != MODELS;
    }
}
