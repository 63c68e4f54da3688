package io.fideliza.evaluate;

import io.fideliza.ranking.RankingMetrics;
import io.fideliza.recommend.RecommenderParams;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes an evaluation: the cross-sell result rows as Parquet under {@code evaluation/cutoff=D/}, the
 * replenishment figures under {@code evaluation_replenishment/cutoff=D/}, and everything as markdown
 * ({@code _evaluation.md} in the first folder, ignored by Parquet readers).
 */
public final class EvaluationReport {
    public static final String FOLDER = "evaluation";
    public static final String REPLENISHMENT_FOLDER = "evaluation_replenishment";
    public static final String MARKDOWN = "_evaluation.md";

    static final StructType SCHEMA = new StructType()
            .add("split", DataTypes.StringType).add("model", DataTypes.StringType)
            .add("cutoff_date", DataTypes.DateType).add("k", DataTypes.IntegerType)
            .add("customers", DataTypes.IntegerType)
            .add("precision_at_k", DataTypes.DoubleType).add("recall_at_k", DataTypes.DoubleType)
            .add("ndcg_at_k", DataTypes.DoubleType).add("map_at_k", DataTypes.DoubleType)
            .add("hit_rate", DataTypes.DoubleType).add("catalogue_coverage", DataTypes.DoubleType)
            .add("als_rank", DataTypes.IntegerType).add("als_reg_param", DataTypes.DoubleType)
            .add("als_alpha", DataTypes.DoubleType).add("als_iterations", DataTypes.IntegerType)
            .add("confidence", DataTypes.StringType).add("blend", DataTypes.DoubleType)
            .add("chosen", DataTypes.BooleanType).add("seconds", DataTypes.DoubleType);

    static final StructType REPLENISHMENT_SCHEMA = new StructType()
            .add("cutoff_date", DataTypes.DateType).add("refills", DataTypes.IntegerType)
            .add("recommended", DataTypes.IntegerType).add("recall", DataTypes.DoubleType)
            .add("precision", DataTypes.DoubleType).add("mean_due_error_days", DataTypes.DoubleType)
            .add("median_due_error_days", DataTypes.DoubleType).add("first_purchases", DataTypes.IntegerType)
            .add("first_refills", DataTypes.IntegerType).add("first_recall", DataTypes.DoubleType)
            .add("first_precision", DataTypes.DoubleType);

    private EvaluationReport() {
    }

    /** Writes every form and returns the folder of the cross-sell results. */
    public static Path write(SparkSession spark, String outputDir, List<OfflineEvaluation.Result> results,
                             OfflineEvaluation.Replenishment replenishment, String markdown) throws IOException {
        String cutoff = "cutoff=" + results.get(results.size() - 1).cutoff();
        Path folder = new Path(new Path(outputDir, FOLDER), cutoff);
        List<Row> rows = new ArrayList<>();
        for (OfflineEvaluation.Result r : results) {
            RankingMetrics.Scores s = r.scores();
            RecommenderParams p = r.params();
            boolean als = p != null && p.usesAls();
            rows.add(RowFactory.create(r.split(), r.model(), Date.valueOf(r.cutoff()), r.k(), s.customers(),
                    s.precision(), s.recall(), s.ndcg(), s.map(), s.hitRate(), s.coverage(),
                    als ? p.als().rank() : null, als ? p.als().regParam() : null, als ? p.als().alpha() : null,
                    als ? p.als().iterations() : null, als ? p.confidence().name().toLowerCase(Locale.ROOT) : null,
                    p == null ? null : p.blend(), r.chosen(), r.seconds()));
        }
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite).parquet(folder.toString());
        OfflineEvaluation.Replenishment x = replenishment;
        spark.createDataFrame(List.of(RowFactory.create(Date.valueOf(x.cutoff()), x.refills(), x.recommended(),
                        x.recall(), x.precision(), x.meanDueErrorDays(), x.medianDueErrorDays(), x.firstPurchases(),
                        x.firstRefills(), x.firstRecall(), x.firstPrecision())), REPLENISHMENT_SCHEMA)
                .coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(new Path(new Path(outputDir, REPLENISHMENT_FOLDER), cutoff).toString());
        FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (OutputStream out = fs.create(new Path(folder, MARKDOWN), true)) {
            out.write(markdown.getBytes(StandardCharsets.UTF_8));
        }
        return folder;
    }

    /** The test results as a markdown table, how nDCG compares, replenishment, then the search (if any). */
    public static String markdown(List<OfflineEvaluation.Result> results, OfflineEvaluation.Replenishment replenishment,
                                  int testWeeks) {
        OfflineEvaluation.Result last = results.get(results.size() - 1);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Cut-off %s, test window %d weeks, k = %d, %d test customers "
                        + "(cross-sell: products new to the customer).%n%n",
                last.cutoff(), testWeeks, last.k(), last.scores().customers()));
        md.append(String.format(Locale.ROOT,
                "| model | Precision@%1$d | Recall@%1$d | nDCG@%1$d | MAP@%1$d | hit rate | coverage |%n", last.k()));
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        double cooccurrence = Double.NaN;
        double popularity = Double.NaN;
        double model = Double.NaN;
        for (OfflineEvaluation.Result r : results) {
            if (!r.split().equals(OfflineEvaluation.TEST)) {
                continue;
            }
            md.append(row(r)).append('\n');
            switch (r.model()) {
                case OfflineEvaluation.POPULARITY -> popularity = r.scores().ndcg();
                case OfflineEvaluation.COOCCURRENCE -> cooccurrence = r.scores().ndcg();
                case OfflineEvaluation.MODEL -> model = r.scores().ndcg();
                default -> { }
            }
        }
        md.append(String.format(Locale.ROOT, "%nThe model's nDCG@%d is %.2fx popularity and %.2fx item co-occurrence.%n",
                last.k(), model / popularity, model / cooccurrence));
        OfflineEvaluation.Replenishment x = replenishment;
        md.append(String.format(Locale.ROOT, """

                Replenishment at the cut-off, against the %d weeks after it:

                | refills bought | due (recommended) | refills recommended | recommended then bought | due date error, mean | median | first purchases of a consumable | first refills recommended | first purchases recommended | first refills then bought |
                |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                | %d | %d | %s | %s | %s | %s | %d | %d | %s | %s |
                """, testWeeks, x.refills(), x.recommended(), pct(x.recall()), pct(x.precision()),
                days(x.meanDueErrorDays()), days(x.medianDueErrorDays()), x.firstPurchases(), x.firstRefills(),
                pct(x.firstRecall()), pct(x.firstPrecision())));
        if (results.stream().anyMatch(r -> r.split().equals(OfflineEvaluation.VALIDATION))) {
            md.append(String.format(Locale.ROOT, "%nParameter search on the validation split (cut-off %s), by nDCG@%d:%n%n",
                    results.get(0).cutoff(), last.k()));
            md.append(String.format(Locale.ROOT,
                    "| blend | rank | reg_param | alpha | confidence | nDCG@%1$d | Precision@%1$d | hit rate | chosen |%n",
                    last.k()));
            md.append("|---:|---:|---:|---:|---|---:|---:|---:|---|\n");
            for (OfflineEvaluation.Result r : results) {
                if (r.split().equals(OfflineEvaluation.VALIDATION)) {
                    RecommenderParams p = r.params();
                    md.append(p.usesAls() ? String.format(Locale.ROOT, "| %s | %d | %s | %s | %s ", p.blend(),
                            p.als().rank(), p.als().regParam(), p.als().alpha(),
                            p.confidence().name().toLowerCase(Locale.ROOT)) : "| 0.0 | | | | ");
                    md.append(String.format(Locale.ROOT, "| %.4f | %.4f | %.4f | %s |%n", r.scores().ndcg(),
                            r.scores().precision(), r.scores().hitRate(), r.chosen() ? "yes" : ""));
                }
            }
        }
        return md.toString();
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    private static String days(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String row(OfflineEvaluation.Result r) {
        RankingMetrics.Scores s = r.scores();
        String name = r.params() == null ? r.model() : r.model() + " (" + r.params().label() + ")";
        return String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |", name, s.precision(),
                s.recall(), s.ndcg(), s.map(), s.hitRate(), s.coverage());
    }
}
