package io.fideliza.tools;

import static org.apache.spark.sql.functions.*;

import io.fideliza.spark.SparkSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Whether two output folders hold the same outputs for one run date, as their readers see them: every Parquet
 * partition row for row, however many part files hold the rows (as multisets: every column exactly but the
 * floating-point ones, which match within a relative tolerance, so that a float summed in another order is no
 * difference while a changed rank or product is), and every other file (exports, the report) byte for byte; the file system's checksum files and {@code _SUCCESS}
 * markers are not outputs and are left out. Scripts use it through {@link #main}
 * (scripts/compare-outputs, scripts/cluster-check); tests call {@link #compare}.
 * Usage: OutputComparison LEFT_OUTPUT RIGHT_OUTPUT RUN_DATE (tolerance: {@code -Dfideliza.compare.tolerance}, 1e-4)
 */
public final class OutputComparison {
    private OutputComparison() {
    }

    /** One dataset's verdict. */
    public record Verdict(String dataset, boolean same, String detail) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-34s %s %s", dataset, same ? "same     " : "DIFFERENT", detail);
        }
    }

    public static void main(String[] args) {
        double tolerance = Double.parseDouble(System.getProperty("fideliza.compare.tolerance", "1e-4"));
        SparkSession spark = SparkSessions.create("local[2]", 4, "UTC");
        boolean same;
        try {
            List<Verdict> verdicts = compare(spark, Path.of(args[0]), Path.of(args[1]), args[2], tolerance);
            verdicts.forEach(System.out::println);
            same = !verdicts.isEmpty() && verdicts.stream().allMatch(Verdict::same);
        } finally {
            spark.stop();
        }
        System.exit(same ? 0 : 1);
    }

    /** Every published partition of {@code runDate} in either folder, compared. */
    public static List<Verdict> compare(SparkSession spark, Path left, Path right, String runDate, double tolerance) {
        TreeSet<String> partitions = new TreeSet<>(partitions(left, runDate));
        partitions.addAll(partitions(right, runDate));
        List<Verdict> verdicts = new ArrayList<>();
        for (String partition : partitions) {
            Path l = left.resolve(partition);
            Path r = right.resolve(partition);
            if (!Files.isDirectory(l) || !Files.isDirectory(r)) {
                verdicts.add(new Verdict(partition, false, "only in " + (Files.isDirectory(l) ? "left" : "right")));
            } else if (files(l).stream().anyMatch(f -> f.toString().endsWith(".parquet"))) {
                verdicts.add(parquet(spark, partition, l, r, tolerance));
            } else {
                verdicts.add(bytes(partition, l, r));
            }
        }
        return verdicts;
    }

    /** The published partitions of a run date: {@code DATASET/run_date=D}, not staging nor what _trash holds. */
    private static List<String> partitions(Path root, String runDate) {
        String name = "run_date=" + runDate;
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> Files.isDirectory(p) && p.getFileName().toString().equals(name))
                    .map(p -> root.relativize(p).toString()).filter(p -> !p.startsWith("_")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The files a reader of the output sees: not the file system's own artefacts, which depend on which Hadoop
     * file system wrote the folder (the checksum files beside each part, {@code .part-0.parquet.crc}, that
     * Hadoop's local file system writes on a cluster's executors and not in a local run) nor the committer's
     * {@code _SUCCESS} marker.
     */
    static List<Path> files(Path dir) {
        try (Stream<Path> in = Files.walk(dir)) {
            return in.filter(Files::isRegularFile).filter(f -> !artefact(f.getFileName().toString()))
                    .map(dir::relativize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean artefact(String name) {
        return name.endsWith(".crc") || name.equals("_SUCCESS");
    }

    private static Verdict bytes(String partition, Path l, Path r) {
        List<Path> names = files(l);
        if (!names.equals(files(r))) {
            return new Verdict(partition, false, "files " + names + " / " + files(r));
        }
        try {
            for (Path f : names) {
                if (Files.mismatch(l.resolve(f), r.resolve(f)) >= 0) {
                    return new Verdict(partition, false, f + " differs");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Verdict(partition, true, names.size() + " files");
    }

    private static Verdict parquet(SparkSession spark, String partition, Path l, Path r, double tolerance) {
        // Row order within a partition is not part of what a run promises; which rows are.
        Dataset<Row> a = spark.read().parquet(l.toString());
        Dataset<Row> b = spark.read().parquet(r.toString());
        if (!new TreeSet<>(Arrays.asList(a.columns())).equals(new TreeSet<>(Arrays.asList(b.columns())))) {
            return new Verdict(partition, false, "columns " + Arrays.toString(a.columns()) + " / "
                    + Arrays.toString(b.columns()));
        }
        b = b.select(columns(a.columns()));
        long na = a.count();
        long nb = b.count();
        // Exact on everything but floating point; floating point within a relative tolerance, row by row.
        List<String> exact = new ArrayList<>();
        List<String> floating = new ArrayList<>();
        for (StructField f : a.schema().fields()) {
            boolean d = f.dataType().equals(DataTypes.DoubleType) || f.dataType().equals(DataTypes.FloatType);
            (d ? floating : exact).add(f.name());
        }
        Column[] keys = columns(exact.toArray(new String[0]));
        long onlyA = a.select(keys).exceptAll(b.select(keys)).count();
        long onlyB = b.select(keys).exceptAll(a.select(keys)).count();
        long off = 0;
        if (onlyA == 0 && onlyB == 0 && !floating.isEmpty()) {
            off = floatsApart(a, b, exact, floating, tolerance);
        }
        int filesA = files(l).size();
        int filesB = files(r).size();
        // The number of part files is reported, not compared: it is the file system's and the scheduler's doing
        // (a cluster's tasks may write 1 file where a local run writes 2), not something a reader sees.
        return new Verdict(partition, na == nb && onlyA == 0 && onlyB == 0 && off == 0,
                String.format(Locale.ROOT, "rows %d / %d, differing %d / %d, decimals apart %d, files %d / %d", na, nb,
                        onlyA, onlyB, off, filesA, filesB));
    }

    private static Column[] columns(String[] names) {
        return Arrays.stream(names).map(n -> col("`" + n + "`")).toArray(Column[]::new);
    }

    /**
     * Rows whose floating-point values differ by more than {@code tolerance} (relative), matching rows on all
     * the other columns; when those do not identify rows (a match is not one to one) every value is compared
     * after rounding instead.
     */
    private static long floatsApart(Dataset<Row> a, Dataset<Row> b, List<String> exact, List<String> floating,
                                    double tolerance) {
        Column on = lit(true);
        for (String k : exact) {
            on = on.and(a.col("`" + k + "`").eqNullSafe(b.col("`" + k + "`")));
        }
        Dataset<Row> joined = a.join(b, on, "inner");
        if (exact.isEmpty() || joined.count() != a.count()) {
            Column[] rounded = floating.stream().map(d -> round(col("`" + d + "`").cast(DataTypes.DoubleType), 3))
                    .toArray(Column[]::new);
            return a.select(rounded).exceptAll(b.select(rounded)).count();
        }
        Column apart = lit(false);
        for (String d : floating) {
            Column x = a.col("`" + d + "`").cast(DataTypes.DoubleType);
            Column y = b.col("`" + d + "`").cast(DataTypes.DoubleType);
            Column far = abs(x.minus(y)).gt(lit(tolerance).multiply(lit(1.0).plus(abs(x))));
            apart = apart.or(coalesce(far, x.isNull().notEqual(y.isNull())));
        }
        return joined.filter(apart).count();
    }
}
