package io.fideliza.plan;

import io.fideliza.manifest.ManifestJson;
import static io.fideliza.contract.Columns.ACTION;
import static org.apache.spark.sql.functions.col;

import io.fideliza.care.CareStage.Care;
import io.fideliza.config.JobConfig.PlanSettings;
import io.fideliza.config.Playbook;
import io.fideliza.contacts.ContactsStage.Contacts;
import io.fideliza.contract.OutputDataset;
import io.fideliza.features.FeaturesStage.Features;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.manifest.Manifest;
import io.fideliza.recommend.RecommendStage.Recommended;
import io.fideliza.run.Outputs;
import io.fideliza.run.RunContext;
import io.fideliza.run.Stage;
import io.fideliza.run.StageResult;
import io.fideliza.run.StageResults;
import io.fideliza.segment.SegmentStage.Segmentation;
import io.fideliza.value.ValueStage.CustomerValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** One next action per customer ({@code action_plans}), and each segment's plan at a glance ({@code segment_plans}). */
public final class PlanStage implements Stage<PlanStage.Input, PlanStage.Plans> {

    /**
     * @param care          each customer's place in the service loop ({@link io.fideliza.care.CareStatus})
     * @param customerValue the night's customer_value: each plan carries the customer's value at stake
     */
    public record Input(Dataset<Row> products, Dataset<Row> features, Dataset<Row> segments,
                        Dataset<Row> recommendations, Dataset<Row> contactHistory, Optional<Dataset<Row>> care,
                        Optional<Dataset<Row>> customerValue) {
    }

    /** The published plans (read back) and how many customers each action got. */
    public record Plans(Dataset<Row> actionPlans, Dataset<Row> segmentPlans, long customers, Map<String, Long> byAction,
                        PlanContacts contacts) implements StageResult {
        public Plans(Dataset<Row> actionPlans, Dataset<Row> segmentPlans, long customers, Map<String, Long> byAction) {
            this(actionPlans, segmentPlans, customers, byAction, PlanContacts.NONE);
        }

        @Override
        public String summary() {
            return customers + " customers planned " + byAction + "; " + contacts.summary();
        }

        @Override
        public void record(Manifest manifest) {
            manifest.detail("actions", ManifestJson.figures(byAction));
            contacts.record(manifest);
        }
    }

    private final SparkSession spark;
    private final RunContext run;
    private final PlanSettings settings;
    private final Playbook playbook;

    public PlanStage(SparkSession spark, RunContext run, PlanSettings settings, Playbook playbook) {
        this.spark = spark;
        this.run = run;
        this.settings = settings;
        this.playbook = playbook;
    }

    @Override
    public String name() {
        return "plan";
    }

    @Override
    public Input input(StageResults earlier) {
        return new Input(earlier.get(CleanInputs.class).products(), earlier.get(Features.class).rows(),
                earlier.get(Segmentation.class).segments(), earlier.get(Recommended.class).rows(),
                earlier.get(Contacts.class).history(),
                Optional.of(earlier.get(Care.class).status()),
                Optional.of(earlier.get(CustomerValue.class).rows()));
    }

    @Override
    public Plans run(Input in, Outputs outputs) {
        Optional<Dataset<Row>> previousPlans = outputs.history(OutputDataset.ACTION_PLANS);
        Dataset<Row> planned = new ActionPlanner(spark, run, playbook, settings.contactCapDays())
                .plan(in.features(), in.segments(), in.recommendations(), in.products(), previousPlans,
                        Optional.of(in.contactHistory()), in.care());
        Outputs.Staged plans = outputs.stage(OutputDataset.ACTION_PLANS, ValueAtStake.rank(planned, in.customerValue()));
        Outputs.Staged segmentPlans = outputs.stage(OutputDataset.SEGMENT_PLANS, SegmentPlans.summarize(plans.rows()));
        Map<String, Long> byAction = new LinkedHashMap<>();
        for (Row r : plans.rows().groupBy(ACTION).count().orderBy(col("count").desc(), col(ACTION)).collectAsList()) {
            byAction.put(r.getString(0), r.getLong(1));
        }
        return new Plans(plans.rows(), segmentPlans.rows(), plans.count(), byAction, PlanContacts.of(plans.rows()));
    }
}
