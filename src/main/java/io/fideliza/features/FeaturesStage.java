package io.fideliza.features;

import io.fideliza.config.JobConfig.FeatureSettings;
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
public final class FeaturesStage implements Stage<CleanInputs, FeaturesStage.Features> {

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
    public CleanInputs input(StageResults earlier) {
        return earlier.get(CleanInputs.class);
    }

    @Override
    public Features run(CleanInputs clean, Outputs outputs) {
        Outputs.Staged staged = outputs.stage(OutputDataset.CUSTOMER_FEATURES,
                new CustomerFeatures(run, settings).compute(clean));
        return new Features(staged.rows(), staged.count());
    }
}
