package io.fideliza.value;

import io.fideliza.model.ModelJson;
import io.fideliza.model.TrainableModel;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The customer-value model on the generations framework: split at the run date minus the horizon, BG/NBD plus
 * Gamma-Gamma fitted on the histories up to the cut-off, judged by how well churn risk picks out those who did not buy
 * in the horizon after it (AUC, calibration); the published model is refitted on the whole history.
 */
final class CustomerValueModel implements TrainableModel.GridSearched<List<History>, ValueModel, ValueFigures> {
    static final String NAME = "customer_value";
    private static final String FILE = "value-model.json";

    private final PurchaseHistories histories;
    private final int horizonDays;

    CustomerValueModel(PurchaseHistories histories, int horizonDays) {
        this.histories = histories;
        this.horizonDays = horizonDays;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<ValueFigures> figuresType() {
        return ValueFigures.class;
    }

    @Override
    public Split<List<History>> split(Tonight<ValueModel, ValueFigures> tonight) {
        LocalDate cutOff = tonight.runDate().minusDays(horizonDays);
        return new Split<>(cutOff, histories.asOf(cutOff, horizonDays));
    }

    @Override
    public List<ValueModel> build(Split<List<History>> split) {
        return List.of(fit(split.data()));
    }

    private ValueModel fit(List<History> data) {
        return new ValueModel(BgNbd.fit(data), GammaGamma.fit(data, histories.meanSpend()));
    }

    @Override
    public String describe(ValueModel candidate) {
        return "BG/NBD with Gamma-Gamma, in days";
    }

    @Override
    public Evaluation<ValueFigures> evaluate(ValueModel candidate, Split<List<History>> split) {
        List<History> data = split.data();
        double[] risk = new double[data.size()];
        boolean[] churned = new boolean[data.size()];
        long kept = 0;
        for (int i = 0; i < risk.length; i++) {
            History h = data.get(i);
            risk[i] = candidate.purchases().probabilityNoPurchase(horizonDays, h.frequency(), h.recency(), h.age());
            churned[i] = !h.boughtAfter();
            kept += h.boughtAfter() ? 1 : 0;
        }
        Double auc = ChurnValidation.auc(risk, churned);
        double noPurchase = data.isEmpty() ? 0 : ChurnValidation.round4(1 - kept / (double) data.size());
        ValueFigures figures = new ValueFigures(horizonDays, data.size(), noPurchase,
                auc == null ? null : ChurnValidation.round4(auc),
                ChurnValidation.round4(candidate.purchases().meanLogLikelihood(data)), candidate.purchases(),
                candidate.spend(), ChurnValidation.calibration(risk, churned));
        return new Evaluation<>(auc == null ? 0 : auc, figures);
    }

    @Override
    public ValueModel refit(Evaluated<ValueModel, ValueFigures> chosen, Split<List<History>> split, LocalDate runDate) {
        return fit(histories.asOf(runDate, horizonDays));
    }

    @Override
    public void save(ValueModel model, Path folder, FileSystem fs) throws IOException {
        ModelJson.write(fs, new Path(folder, FILE), model);
    }

    @Override
    public ValueModel load(Path folder, FileSystem fs) throws IOException {
        return ModelJson.read(fs, new Path(folder, FILE), ValueModel.class);
    }
}
