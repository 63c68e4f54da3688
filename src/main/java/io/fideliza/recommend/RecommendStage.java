package io.fideliza.recommend;

import io.fideliza.manifest.ManifestJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import static io.fideliza.contract.Columns.KIND;

import io.fideliza.config.JobConfig.RecommendSettings;
import io.fideliza.contract.OutputDataset;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.Outputs;
import io.fideliza.run.Progress;
import io.fideliza.run.RunContext;
import io.fideliza.run.Stage;
import io.fideliza.run.StageResult;
import io.fideliza.run.StageResults;
import io.fideliza.segment.SegmentStage.Segmentation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Up to {@code top_n} products per customer: replenishment (with first refills), cross-sell, popular, from the
 * recommender model of the night ({@link NightlyModel}: the published one, or one trained tonight).
 */
public final class RecommendStage implements Stage<RecommendStage.Input, RecommendStage.Recommended> {

    public record Input(CleanInputs clean, Dataset<Row> segments) {
    }

    /** The published recommendations (read back), per kind, and what the run learnt about itself. */
    public record Recommended(Dataset<Row> rows, long count, Map<String, Long> byKind, String blas, long alsCustomers,
                              NightlyModel.Choice model, ObjectNode coverage) implements StageResult {
        @Override
        public String summary() {
            return count + " recommendations " + byKind + ", model version " + model.version()
                    + (model.trained() ? " (trained tonight)" : "") + ", BLAS " + blas;
        }

        @Override
        public void record(Manifest manifest) {
            ObjectNode m = ManifestJson.object(); // by name
            m.put("als_customers", alsCustomers);
            m.put("blas", blas);
            m.set("by_kind", ManifestJson.figures(byKind));
            m.set("coverage", coverage);
            m.set("model", model.summary());
            manifest.detail("recommend", m);
        }
    }

    private final SparkSession spark;
    private final RunContext run;
    private final RecommendSettings settings;
    private final Progress progress;

    public RecommendStage(SparkSession spark, RunContext run, RecommendSettings settings, Progress progress) {
        this.spark = spark;
        this.run = run;
        this.settings = settings;
        this.progress = progress;
    }

    @Override
    public String name() {
        return "recommend";
    }

    @Override
    public Input input(StageResults earlier) {
        return new Input(earlier.get(CleanInputs.class), earlier.get(Segmentation.class).segments());
    }

    @Override
    public Recommended run(Input in, Outputs outputs) {
        NightlyModel.Choice model = new NightlyModel(spark, settings, progress).choose(in.clean(), run, outputs);
        Recommendations.Result result = new Recommendations(spark, run, settings)
                .run(in.clean(), in.segments(), model.model());
        Outputs.Staged staged = outputs.stage(OutputDataset.RECOMMENDATIONS, result.recommendations());
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (Row r : staged.rows().groupBy(KIND).count().orderBy(KIND).collectAsList()) {
            byKind.put(r.getString(0), r.getLong(1));
        }
        return new Recommended(staged.rows(), staged.count(), byKind, result.blas(), result.alsCustomers(), model,
                Recommendations.coverage(staged.rows(), in.segments()));
    }
}
