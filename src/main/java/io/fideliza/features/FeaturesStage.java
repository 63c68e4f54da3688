package io.fideliza.features;

import io.fideliza.config.JobConfig.FeatureSettings;
import io.fideliza.contacts.ContactsStage.Contacts;
import io.fideliza.contract.OutputDataset;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.Outputs;
import io.fideliza.run.RunContext;
import io.fideliza.run.Stage;
import io.fideliza.run.StageResult;
import io.fideliza.run.StageResults;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** One row of features per customer as of the run date: {@code customer_features}. */
public final class FeaturesStage implements Stage<FeaturesStage.Input, FeaturesStage.Features> {

    /** The validated inputs, and the contact history the contact features come from. */
    public record Input(CleanInputs clean, Contacts contacts) {
    }

    /** The published customer features, read back, and how many customers. */
    public record Features(Dataset<Row> rows, long customers) implements StageResult {
        @Override
        public String summary() {
            return customers + " customers";
        }
    }

    private final RunContext run;
    private final FeatureSettings settings;

    public FeaturesStage(RunContext run, FeatureSettings settings) {
        this.run = run;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "features";
    }

    @Override
    public Input input(StageResults earlier) {
        return new Input(earlier.get(CleanInputs.class), earlier.get(Contacts.class));
    }

    @Override
    public Features run(Input in, Outputs outputs) {
        Dataset<Row> features = new ContactFeatures(run).addTo(new CustomerFeatures(run, settings).compute(in.clean()),
                in.contacts().history(), in.clean().contacts());
        Outputs.Staged staged = outputs.stage(OutputDataset.CUSTOMER_FEATURES, features);
        return new Features(staged.rows(), staged.count());
    }
}
