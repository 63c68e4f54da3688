package io.fideliza.outcomes;

import io.fideliza.manifest.ManifestJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import static io.fideliza.contract.Columns.*;

import io.fideliza.care.ServiceTargets;
import io.fideliza.config.CareSettings;
import io.fideliza.config.JobConfig;
import io.fideliza.config.JobConfig.OutcomeSettings;
import io.fideliza.config.Playbook;
import io.fideliza.contract.OutputDataset;
import io.fideliza.features.FeaturesStage.Features;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.Outputs;
import io.fideliza.run.RunContext;
import io.fideliza.run.Stage;
import io.fideliza.run.StageResult;
import io.fideliza.run.StageResults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Did last weeks' actions work ({@code action_outcomes}), and the seed KPIs of this run for their trend (in the
 * manifest). Recomputed from the published plans on every run, so a rerun of a date recomputes its outcomes.
 */
public final class OutcomesStage implements Stage<OutcomesStage.Input, OutcomesStage.Measured> {

    public record Input(CleanInputs clean, Dataset<Row> features) {
    }

    /**
     * The staged outcomes (read back), pooled per action for the console, and this run's KPIs.
     *
     * @param pooled per action: treated, control, treated converted, control converted, over every group measured
     */
    public record Measured(Dataset<Row> outcomes, long groups, long planDates, Map<String, long[]> pooled,
                           Map<String, Double> kpis) implements StageResult {
        @Override
        public String summary() {
            if (groups == 0) {
                return "no plans whose window has passed yet; KPIs measured";
            }
            List<String> parts = new java.util.ArrayList<>();
            pooled.forEach((action, n) -> {
                Uplift u = Uplift.of(n[0], n[2], n[1], n[3]);
                parts.add(u.uplift() == null ? action + " " + n[0] + " treated, no control"
                        : String.format(Locale.ROOT, "%s %+.1f pts [%+.1f, %+.1f]", action, 100 * u.uplift(),
                                100 * u.low(), 100 * u.high()));
            });
            return groups + " groups from " + planDates + " plan dates: " + String.join(", ", parts);
        }

        @Override
        public void record(Manifest manifest) {
            ObjectNode m = ManifestJson.object();
            m.put("groups", groups);
            m.put("plan_dates", planDates);
            manifest.detail("outcomes", m);
            manifest.detail("kpis", ManifestJson.figures(kpis));
        }
    }

    private final SparkSession spark;
    private final RunContext run;
    private final OutcomeSettings settings;
    private final Playbook playbook;
    private final CareSettings care;

    public OutcomesStage(SparkSession spark, RunContext run, OutcomeSettings settings, Playbook playbook) {
        this(spark, run, settings, playbook, JobConfig.defaults().care());
    }

    /** @param care the service targets the KPIs measure tickets against */
    public OutcomesStage(SparkSession spark, RunContext run, OutcomeSettings settings, Playbook playbook,
                         CareSettings care) {
        this.spark = spark;
        this.run = run;
        this.settings = settings;
        this.playbook = playbook;
        this.care = care;
    }

    @Override
    public String name() {
        return "outcomes";
    }

    @Override
    public Input input(StageResults earlier) {
        return new Input(earlier.get(CleanInputs.class), earlier.get(Features.class).rows());
    }

    @Override
    public Measured run(Input in, Outputs outputs) {
        Outputs.Staged staged = outputs.stage(OutputDataset.ACTION_OUTCOMES,
                new ActionOutcomes(spark, run, playbook, settings.lookbackDays()).measure(
                        outputs.history(OutputDataset.ACTION_PLANS), outputs.history(OutputDataset.RECOMMENDATIONS),
                        in.clean()));
        Map<String, long[]> pooled = new LinkedHashMap<>();
        java.util.Set<java.sql.Date> dates = new java.util.HashSet<>();
        for (Row r : staged.rows().collectAsList()) {
            long[] n = pooled.computeIfAbsent(r.getAs(ACTION), a -> new long[4]);
            n[0] += r.<Long>getAs(TREATED);
            n[1] += r.<Long>getAs(CONTROL);
            n[2] += r.<Long>getAs(TREATED_CONVERTED);
            n[3] += r.<Long>getAs(CONTROL_CONVERTED);
            dates.add(r.getAs(PLAN_RUN_DATE));
        }
        return new Measured(staged.rows(), staged.count(), dates.size(), pooled, Kpis.measure(in.features(), in.clean(),
                new ServiceTargets(run, care)));
    }
}
