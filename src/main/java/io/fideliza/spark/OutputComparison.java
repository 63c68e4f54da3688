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
 * for row (as multisets, decimals rounded to {@code fideliza.compare.decimals}, default 4, so that a
 * float summed in another order does not count as a difference). Prints one line per dataset and
 * exits 1 when any differs. Usage: OutputComparison LEFT_OUTPUT RIGHT_OUTPUT RUN_DATE
 */
public final class OutputComparison {
    private OutputComparison() {
    }

    public static void main(String[] args) throws Exception {
        String left = args[0];
        String right = args[1];
        String partition = "run_date=" + args[2];
        int decimals = Integer.getInteger("fideliza.compare.decimals", 4);
        SparkSession spark = SparkSessions.create("local[2]", 4, "UTC");
        boolean same = true;
        try {
            List<String> folders = new ArrayList<>();
            for (OutputDataset d : OutputDataset.values()) {
                if (d != OutputDataset.EXPORTS) {
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
                Dataset<Row> a = normalised(spark.read().parquet(l.toString()), decimals);
                Dataset<Row> b = normalised(spark.read().parquet(r.toString()), decimals).select(
                        a.columns()[0], java.util.Arrays.copyOfRange(a.columns(), 1, a.columns().length));
                long na = a.count();
                long nb = b.count();
                long onlyA = a.exceptAll(b).count();
                long onlyB = b.exceptAll(a).count();
                boolean ok = na == nb && onlyA == 0 && onlyB == 0;
                same &= ok;
                System.out.printf(Locale.ROOT, "%-28s %s rows %d / %d, differing %d / %d%n", folder,
                        ok ? "same     " : "DIFFERENT", na, nb, onlyA, onlyB);
            }
        } finally {
            spark.stop();
        }
        System.exit(same ? 0 : 1);
    }

    /** Decimals rounded, arrays and structs kept (they compare exactly). */
    private static Dataset<Row> normalised(Dataset<Row> rows, int decimals) {
        List<Column> columns = new ArrayList<>();
        for (StructField f : rows.schema().fields()) {
            Column c = col(f.name());
            if (f.dataType().equals(DataTypes.DoubleType) || f.dataType().equals(DataTypes.FloatType)) {
                c = round(c.cast(DataTypes.DoubleType), decimals).as(f.name());
            }
            columns.add(c);
        }
        return rows.select(columns.toArray(new Column[0]));
    }
}
