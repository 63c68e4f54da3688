package io.fideliza.value;

import io.fideliza.manifest.ManifestJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fideliza.config.ValueSettings;
import io.fideliza.contract.OutputDataset;
import io.fideliza.contract.OutputSchemas;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.manifest.Manifest;
import io.fideliza.model.GenerationInfo;
import io.fideliza.model.ModelDecision;
import io.fideliza.model.ModelGenerations;
import io.fideliza.run.Outputs;
import io.fideliza.run.RunContext;
import io.fideliza.run.Stage;
import io.fideliza.run.StageResult;
import io.fideliza.run.StageResults;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Each customer's churn risk and value over the horizon ({@code customer_value}) from the customer-value model,
 * trained on its cadence by {@link ModelGenerations} (docs/customer-value.md).
 */
public final class ValueStage implements Stage<CleanInputs, ValueStage.CustomerValue> {

    /**
     * The published rows (read back), the night's model decision and its generation's validation, and the value at
     * risk: the sum of the customers' value at stake.
     */
    public record CustomerValue(Dataset<Row> rows, long customers, ModelDecision<?, ValueFigures> decision,
                                double valueAtRisk) implements StageResult {
        public GenerationInfo<ValueFigures> model() {
            return decision.info();
        }

        @Override
        public String summary() {
            GenerationInfo<ValueFigures> info = decision.info();
            String what = decision instanceof ModelDecision.Kept<?, ValueFigures> k
                    ? "kept, trained " + k.ageDays() + " days ago"
                    : decision instanceof ModelDecision.Rerun ? "trained for this date by an earlier run, applied"
                    : "trained tonight (" + info.reason().name().toLowerCase(Locale.ROOT) + ")";
            Double auc = info.figures().auc();
            return String.format(Locale.ROOT, "%d customers, model version %d (%s), validation AUC %s, value at risk %.2f",
                    customers, info.version(), what, auc == null ? "n/a" : String.format(Locale.ROOT, "%.3f", auc),
                    valueAtRisk);
        }

        /** Not whether this night trained it: a rerun of the date reuses the generation and writes the same manifest. */
        @Override
        public void record(Manifest manifest) {
            ObjectNode m = ManifestJson.object();
            m.set("generation", ModelGenerations.asJson(decision.info()));
            m.put("value_at_risk", Math.round(valueAtRisk * 100) / 100.0);
            manifest.detail("customer_value_model", m);
        }
    }

    private final SparkSession spark;
    private final RunContext run;
    private final ValueSettings settings;

    public ValueStage(SparkSession spark, RunContext run, ValueSettings settings) {
        this.spark = spark;
        this.run = run;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "value";
    }

    @Override
    public CleanInputs input(StageResults earlier) {
        return earlier.get(CleanInputs.class);
    }

    @Override
    public CustomerValue run(CleanInputs in, Outputs outputs) {
        PurchaseHistories histories = new PurchaseHistories(in.orders(), run);
        CustomerValueModel model = new CustomerValueModel(histories, settings.horizonDays());
        ModelDecision<ValueModel, ValueFigures> decision = new ModelGenerations(outputs)
                .decide(model, new ModelGenerations.Cadence(settings.everyDays(), settings.refit()), run.runDate());
        List<Row> rows = new ArrayList<>();
        double atRisk = 0;
        for (History h : histories.asOf(run.runDate(), settings.horizonDays())) {
            Row r = score(decision.model(), h, decision.info().version());
            atRisk += r.getDouble(9);
            rows.add(r);
        }
        histories.release();
        Outputs.Staged staged = outputs.stage(OutputDataset.CUSTOMER_VALUE,
                spark.createDataFrame(rows, OutputSchemas.CUSTOMER_VALUE));
        return new CustomerValue(staged.rows(), staged.count(), decision, atRisk);
    }

    /** One customer's row of customer_value. */
    Row score(ValueModel m, History h, int version) {
        int horizon = settings.horizonDays();
        int x = h.frequency();
        BgNbd p = m.purchases();
        double alive = p.probabilityAlive(x, h.recency(), h.age());
        double churn = p.probabilityNoPurchase(horizon, x, h.recency(), h.age());
        double ifAlive = p.expectedPurchasesIfAlive(horizon, x, h.age());
        double spend = m.spend().expectedSpend(x, h.monetary());
        double days = p.medianDaysToNextPurchase(x, h.recency(), h.age());
        Date next = days < 0 ? null : Date.valueOf(run.runDate().plusDays(Math.max(1, (long) Math.ceil(days))));
        return RowFactory.create(h.customerId(), round(churn, 4), next, round(ifAlive * alive, 4),
                round(ifAlive * alive * spend, 2), horizon, version, round(alive, 4), round(spend, 2),
                round(churn * ifAlive * spend, 2));
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
