package io.fideliza.care;

import io.fideliza.manifest.ManifestJson;
import static io.fideliza.contract.Columns.QUEUE_REASON;
import static org.apache.spark.sql.functions.col;

import io.fideliza.config.CareRules;
import io.fideliza.config.CareSettings;
import io.fideliza.contract.OutputDataset;
import io.fideliza.features.FeaturesStage.Features;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.manifest.Manifest;
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

/** The care team's work list for the night ({@code care_queue}), and each customer's place in the service loop. */
public final class CareStage implements Stage<CareStage.Input, CareStage.Care> {

    /** @param customerValue the night's customer_value (empty: the queue orders by net spend) */
    public record Input(CleanInputs clean, Dataset<Row> features, Dataset<Row> segments,
                        Optional<Dataset<Row>> customerValue) {
    }

    /**
     * The published queue (read back), each customer's {@link CareStatus} for the planner, and the queue's size by
     * reason (counts only: the queue holds contact details, which never go to logs).
     */
    public record Care(Dataset<Row> queue, Dataset<Row> status, long tickets, Map<String, Long> byReason)
            implements StageResult {
        @Override
        public String summary() {
            return tickets + " tickets need a person " + byReason;
        }

        @Override
        public void record(Manifest manifest) {
            manifest.detail("care_queue", ManifestJson.figures(byReason));
        }
    }

    private final RunContext run;
    private final CareSettings settings;
    private final CareRules rules;

    public CareStage(RunContext run, CareSettings settings, CareRules rules) {
        this.run = run;
        this.settings = settings;
        this.rules = rules;
    }

    @Override
    public String name() {
        return "care";
    }

    @Override
    public Input input(StageResults earlier) {
        return new Input(earlier.get(CleanInputs.class), earlier.get(Features.class).rows(),
                earlier.get(Segmentation.class).segments(), Optional.of(earlier.get(CustomerValue.class).rows()));
    }

    @Override
    public Care run(Input in, Outputs outputs) {
        Optional<Dataset<Row>> previous = outputs.previousRunDate(OutputDataset.CARE_QUEUE)
                .flatMap(d -> outputs.published(OutputDataset.CARE_QUEUE, d));
        CleanInputs clean = in.clean();
        Outputs.Staged queue = outputs.stage(OutputDataset.CARE_QUEUE, new CareQueue(run, settings, rules)
                .build(new CareQueue.Input(clean.support(), clean.surveys(), clean.customers(), in.features(),
                        in.segments(), previous, in.customerValue())));
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (Row r : queue.rows().groupBy(QUEUE_REASON).count().orderBy(col(QUEUE_REASON)).collectAsList()) {
            byReason.put(r.getString(0), r.getLong(1));
        }
        Dataset<Row> status = new CareStatus(run, settings, rules).of(queue.rows(), clean.support(), clean.surveys(),
                in.features());
        return new Care(queue.rows(), status, queue.count(), byReason);
    }
}
