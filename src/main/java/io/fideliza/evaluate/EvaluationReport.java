package io.fideliza.evaluate;

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
 * Writes an evaluation: the result rows as Parquet under {@code evaluation/cutoff=D/} and the same as a
 * markdown table ({@code _evaluation.md} in that folder, ignored by Parquet readers).
 */
public final class EvaluationReport {
    public static final String FOLDER = "evaluation";
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
            .add("chosen", DataTypes.BooleanType).add("seconds", DataTypes.DoubleType);

    private EvaluationReport() {
    }

    /** Writes both forms and returns the folder written. */
    public static Path write(SparkSession spark, String outputDir, List<OfflineEvaluation.Result> results,
                             String markdown) throws IOException {
        Path folder = new Path(new Path(outputDir, FOLDER), "cutoff=" + results.get(results.size() - 1).cutoff());
        List<Row> rows = new ArrayList<>();
        for (OfflineEvaluation.Result r : results) {
            RankingMetrics.Scores s = r.scores();
            boolean als = r.als() != null;
            rows.add(RowFactory.create(r.split(), r.model(), Date.valueOf(r.cutoff()), r.k(), s.customers(),
                    s.precision(), s.recall(), s.ndcg(), s.map(), s.hitRate(), s.coverage(),
                    als ? r.als().rank() : null, als ? r.als().regParam() : null, als ? r.als().alpha() : null,
                    als ? r.als().iterations() : null, r.chosen(), r.seconds()));
        }
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite).parquet(folder.toString());
        FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (OutputStream out = fs.create(new Path(folder, MARKDOWN), true)) {
            out.write(markdown.getBytes(StandardCharsets.UTF_8));
        }
        return folder;
    }

    /** The test results as a markdown table, then the search (if any), then how nDCG compares. */
    public static String markdown(List<OfflineEvaluation.Result> results, int testWeeks) {
        OfflineEvaluation.Result last = results.get(results.size() - 1);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Cut-off %s, test window %d weeks, k = %d, %d test customers.%n%n",
                last.cutoff(), testWeeks, last.k(), last.scores().customers()));
        md.append(String.format(Locale.ROOT,
                "| model | Precision@%1$d | Recall@%1$d | nDCG@%1$d | MAP@%1$d | hit rate | coverage |%n", last.k()));
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        double popularity = Double.NaN;
        double cooccurrence = Double.NaN;
        double als = Double.NaN;
        for (OfflineEvaluation.Result r : results) {
            if (!r.split().equals(OfflineEvaluation.TEST)) {
                continue;
            }
            md.append(row(r)).append('\n');
            switch (r.model()) {
                case OfflineEvaluation.POPULARITY -> popularity = r.scores().ndcg();
                case OfflineEvaluation.COOCCURRENCE -> cooccurrence = r.scores().ndcg();
                default -> als = r.scores().ndcg();
            }
        }
        md.append(String.format(Locale.ROOT, "%nALS nDCG@%d is %.2fx popularity and %.2fx item co-occurrence.%n",
                last.k(), als / popularity, als / cooccurrence));
        if (results.stream().anyMatch(r -> r.split().equals(OfflineEvaluation.VALIDATION))) {
            md.append(String.format(Locale.ROOT, "%nParameter search on the validation split (cut-off %s), by nDCG@%d:%n%n",
                    results.get(0).cutoff(), last.k()));
            md.append(String.format(Locale.ROOT,
                    "| rank | reg_param | alpha | iterations | nDCG@%1$d | Precision@%1$d | chosen |%n", last.k()));
            md.append("|---:|---:|---:|---:|---:|---:|---|\n");
            for (OfflineEvaluation.Result r : results) {
                if (r.split().equals(OfflineEvaluation.VALIDATION)) {
                    md.append(String.format(Locale.ROOT, "| %d | %s | %s | %d | %.4f | %.4f | %s |%n", r.als().rank(),
                            r.als().regParam(), r.als().alpha(), r.als().iterations(), r.scores().ndcg(),
                            r.scores().precision(), r.chosen() ? "yes" : ""));
                }
            }
        }
        return md.toString();
    }

    private static String row(OfflineEvaluation.Result r) {
        RankingMetrics.Scores s = r.scores();
        String name = r.als() == null ? r.model() : String.format(Locale.ROOT, "%s (rank %d, reg %s, alpha %s, %d it.)",
                r.model(), r.als().rank(), r.als().regParam(), r.als().alpha(), r.als().iterations());
        return String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |", name, s.precision(),
                s.recall(), s.ndcg(), s.map(), s.hitRate(), s.coverage());
    }
}
