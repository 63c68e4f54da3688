package io.fideliza.spark;

import static org.apache.spark.sql.functions.*;

import io.fideliza.contract.OutputDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * For scripts/cluster-check: whether two runs of the same date wrote the same Parquet outputs, row
 * for row: every column but the decimals exactly (as multisets), and the decimals of matching rows
 * within a relative tolerance ({@code fideliza.compare.tolerance}, default 1e-4), so that a float
 * summed in another order does not count as a difference, while a changed rank or product does. Prints one line per dataset and
 * exits 1 when any differs. Usage: OutputComparison LEFT_OUTPUT RIGHT_OUTPUT RUN_DATE
 */
public final class OutputComparison {
    private OutputComparison() {
    }

    public static void main(String[] args) throws Exception {
        String left = args[0];
        String right = args[1];
        String partition = "run_date=" + args[2];
        double tolerance = Double.parseDouble(System.getProperty("fideliza.compare.tolerance", "1e-4"));
        SparkSession spark = SparkSessions.create("local[2]", 4, "UTC");
        boolean same = true;
        try {
            List<String> folders = new ArrayList<>();
            for (OutputDataset d : OutputDataset.values()) {
                if (d.parquet() && d != OutputDataset.QUARANTINE) { // quarantine: one folder per input, below
                    folders.add(d.folder());
                }
            }
            Path quarantine = new Path(left, "quarantine");
            FileSystem fs = quarantine.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(quarantine)) {
                for (FileStatus s : fs.listStatus(quarantine)) {
                    folders.add("quarantine/" + s.getPath().getName());
                }
            }
            for (String folder : folders) {
                Path l = new Path(new Path(left, folder), partition);
                Path r = new Path(new Path(right, folder), partition);
                boolean hasLeft = fs.exists(l);
                if (hasLeft != fs.exists(r)) {
                    System.out.printf("%-28s only in %s%n", folder, hasLeft ? "left" : "right");
                    same = false;
                    continue;
                }
                if (!hasLeft) {
                    continue;
                }
                Dataset<Row> a = spark.read().parquet(l.toString());
                Dataset<Row> b = spark.read().parquet(r.toString()).select(columns(a.columns()));
                long na = a.count();
                long nb = b.count();
                // Exact on everything but decimals; decimals within a relative tolerance, row by row.
                List<String> exact = new ArrayList<>();
                List<String> decimal = new ArrayList<>();
                for (StructField f : a.schema().fields()) {
                    boolean d = f.dataType().equals(DataTypes.DoubleType) || f.dataType().equals(DataTypes.FloatType);
                    (d ? decimal : exact).add(f.name());
                }
                Column[] keys = columns(exact.toArray(new String[0]));
                long onlyA = a.select(keys).exceptAll(b.select(keys)).count();
                long onlyB = b.select(keys).exceptAll(a.select(keys)).count();
                long off = 0;
                if (onlyA == 0 && onlyB == 0 && !decimal.isEmpty()) {
                    off = decimalsApart(a, b, exact, decimal, tolerance);
                }
                boolean ok = na == nb && onlyA == 0 && onlyB == 0 && off == 0;
                same &= ok;
                System.out.printf(Locale.ROOT, "%-28s %s rows %d / %d, differing %d / %d, decimals apart %d%n", folder,
                        ok ? "same     " : "DIFFERENT", na, nb, onlyA, onlyB, off);
            }
        } finally {
            spark.stop();
        }
        System.exit(same ? 0 : 1);
    }

    private static Column[] columns(String[] names) {
        Column[] c = new Column[names.length];
        for (int i = 0; i < names.length; i++) {
            c[i] = col("`" + names[i] + "`");
        }
        return c;
    }

    /**
     * Rows whose decimals differ by more than {@code tolerance} (relative), matching rows on all the other
     * columns; when those do not identify rows (a match is not one to one) every decimal is compared
     * after rounding instead.
     */
    private static long decimalsApart(Dataset<Row> a, Dataset<Row> b, List<String> exact, List<String> decimal,
                                      double tolerance) {
        Column on = lit(true);
        for (String k : exact) {
            on = on.and(a.col("`" + k + "`").eqNullSafe(b.col("`" + k + "`")));
        }
        Dataset<Row> joined = a.join(b, on, "inner");
        if (exact.isEmpty() || joined.count() != a.count()) {
            Column[] rounded = decimal.stream().map(d -> round(col("`" + d + "`").cast(DataTypes.DoubleType), 3))
                    .toArray(Column[]::new);
            return a.select(rounded).exceptAll(b.select(rounded)).count();
        }
        Column apart = lit(false);
        for (String d : decimal) {
            Column x = a.col("`" + d + "`").cast(DataTypes.DoubleType);
            Column y = b.col("`" + d + "`").cast(DataTypes.DoubleType);
            Column far = abs(x.minus(y)).gt(lit(tolerance).multiply(lit(1.0).plus(abs(x))));
            apart = apart.or(coalesce(far, x.isNull().notEqual(y.isNull())));
        }
        return joined.filter(apart).count();
    }
}
