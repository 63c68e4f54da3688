package io.fideliza.spark;

import static io.fideliza.contract.Columns.LINE;
import static io.fideliza.contract.Columns.PARSE_ERROR;
import static io.fideliza.contract.Columns.RECORD;
import static io.fideliza.contract.Columns.SOURCE_FILE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.fideliza.contract.Field;
import io.fideliza.contract.InputDataset;
import io.fideliza.contract.InputError;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Finds each input dataset in the input folder (NAME.csv, NAME.csv.gz, NAME/ of CSV parts, NAME.parquet,
 * or NAME/ of Parquet parts) and reads it as raw text rows with their source file and line. Schemas are
 * declared by the contract, never inferred; a missing required dataset or column stops the run here.
 */
public final class InputReader {
    private final SparkSession spark;
    private final Path root;
    private final FileSystem fs;

    public InputReader(SparkSession spark, String inputDir) {
        this.spark = spark;
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            Path p = new Path(inputDir);
            this.fs = p.getFileSystem(conf);
            if (!fs.exists(p) || !fs.getFileStatus(p).isDirectory()) {
                throw new InputError("input folder not found: " + inputDir);
            }
            this.root = fs.makeQualified(p);
        } catch (IOException e) {
            throw new InputError("cannot open input folder " + inputDir + ": " + e.getMessage(), e);
        }
    }

    /** Fails fast, before Spark starts, when the input folder does not exist. */
    public static void checkFolder(String inputDir) {
        try {
            Path p = new Path(inputDir);
            FileSystem fs = p.getFileSystem(new Configuration());
            if (!fs.exists(p) || !fs.getFileStatus(p).isDirectory()) {
                throw new InputError("input folder not found: " + inputDir);
            }
        } catch (IOException e) {
            throw new InputError("cannot open input folder " + inputDir + ": " + e.getMessage(), e);
        }
    }

    /** How a dataset is stored. */
    enum Format { CSV, PARQUET }

    record Located(Format format, List<Path> files) {
    }

    /** A dataset as read: raw text rows, and which of its declared columns the files carry at all. */
    public record RawInput(Dataset<Row> rows, java.util.Set<String> presentColumns) {
    }

    /** Raw rows of a dataset, or empty when an optional dataset is absent. */
    public Optional<RawInput> read(InputDataset dataset) {
        Optional<Located> located = locate(dataset);
        if (located.isEmpty()) {
            if (dataset.isRequired()) {
                throw new InputError("required dataset '" + dataset.datasetName() + "' not found in " + root
                        + " (expected " + dataset.datasetName() + ".csv, .csv.gz, .parquet or a folder of parts)");
            }
            return Optional.empty();
        }
        Located l = located.get();
        return Optional.of(l.format() == Format.CSV ? readCsv(dataset, l.files()) : readParquet(dataset, l.files()));
    }

    Optional<Located> locate(InputDataset dataset) {
        String name = dataset.datasetName();
        List<Located> found = new ArrayList<>();
        try {
            for (String suffix : List.of(".csv", ".csv.gz")) {
                Path p = new Path(root, name + suffix);
                if (fs.isFile(p)) {
                    found.add(new Located(Format.CSV, List.of(p)));
                }
            }
            Path parquetFile = new Path(root, name + ".parquet");
            if (fs.exists(parquetFile)) {
                found.add(new Located(Format.PARQUET, fs.getFileStatus(parquetFile).isDirectory()
                        ? partsIn(parquetFile, ".parquet") : List.of(parquetFile)));
            }
            Path folder = new Path(root, name);
            if (fs.exists(folder) && fs.getFileStatus(folder).isDirectory()) {
                List<Path> parquet = partsIn(folder, ".parquet");
                List<Path> csv = new ArrayList<>(partsIn(folder, ".csv"));
                csv.addAll(partsIn(folder, ".csv.gz"));
                if (!parquet.isEmpty() && !csv.isEmpty()) {
                    throw new InputError(folder + ": holds both CSV and Parquet parts; keep one format per dataset");
                }
                found.add(parquet.isEmpty() ? new Located(Format.CSV, sorted(csv)) : new Located(Format.PARQUET, parquet));
            }
        } catch (IOException e) {
            throw new InputError("cannot list " + root + ": " + e.getMessage(), e);
        }
        if (found.size() > 1) {
            throw new InputError("dataset '" + name + "' is stored more than once in " + root
                    + "; keep one of " + name + ".csv, .csv.gz, .parquet or the folder " + name + "/");
        }
        return found.stream().findFirst();
    }

    private List<Path> partsIn(Path folder, String suffix) throws IOException {
        List<Path> parts = new ArrayList<>();
        for (FileStatus s : fs.listStatus(folder)) {
            String n = s.getPath().getName();
            if (s.isFile() && !n.startsWith("_") && !n.startsWith(".")
                    && n.toLowerCase(Locale.ROOT).endsWith(suffix)) {
                parts.add(s.getPath());
            }
        }
        return sorted(parts);
    }

    private static List<Path> sorted(List<Path> paths) {
        List<Path> copy = new ArrayList<>(paths);
        copy.sort(Comparator.comparing(Path::toString));
        return copy;
    }

    /** The file's name as the user knows it: relative to the input folder. */
    String relative(Path p) {
        String r = root.toString();
        String s = fs.makeQualified(p).toString();
        return s.startsWith(r + "/") ? s.substring(r.length() + 1) : s;
    }

    private RawInput readCsv(InputDataset dataset, List<Path> files) {
        java.util.Set<String> present = new java.util.TreeSet<>();
        for (Path f : files) {
            List<String> header;
            try (InputStream in = fs.open(f)) {
                header = CsvFileParser.header(in, f.getName());
            } catch (IOException e) {
                throw new InputError(relative(f) + ": cannot read: " + e.getMessage(), e);
            }
            if (header.isEmpty()) {
                continue; // An empty file holds no rows; there is nothing to check.
            }
            header.stream().filter(dataset.columnNames()::contains).forEach(present::add);
            for (String required : dataset.requiredColumns()) {
                if (!header.contains(required)) {
                    throw new InputError(relative(f) + ": required column '" + required + "' is missing (header: "
                            + String.join(",", header) + ")");
                }
            }
        }
        String rootPrefix = root.toString() + "/";
        String paths = String.join(",", files.stream().map(Path::toString).toList());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = Math.max(1, Math.min(files.size(), jsc.defaultParallelism()));
        JavaRDD<Row> rows = jsc.binaryFiles(paths, partitions).flatMap(file -> {
            String name = file._1().startsWith(rootPrefix) ? file._1().substring(rootPrefix.length()) : file._1();
            return CsvFileParser.rows(file._2().open(), name, dataset);
        });
        return new RawInput(spark.createDataFrame(rows, dataset.rawSchema()), present);
    }

    private RawInput readParquet(InputDataset dataset, List<Path> files) {
        Dataset<Row> df;
        try {
            df = spark.read().parquet(files.stream().map(Path::toString).toArray(String[]::new));
        } catch (RuntimeException e) {
            throw new InputError(relative(files.get(0)) + ": cannot read as Parquet: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        List<String> present = Arrays.stream(df.columns()).map(c -> c.toLowerCase(Locale.ROOT)).toList();
        List<Column> cols = new ArrayList<>();
        for (Field f : dataset.fields()) {
            int i = present.indexOf(f.name());
            if (i < 0 && f.required()) {
                throw new InputError(relative(files.get(0)) + ": required column '" + f.name() + "' is missing");
            }
            // Every value goes through the same text validation as CSV, so wrong Parquet types are quarantined.
            cols.add(i < 0 ? lit(null).cast(DataTypes.StringType).as(f.name())
                    : col("`" + df.columns()[i] + "`").cast(DataTypes.StringType).as(f.name()));
        }
        String rootPrefix = root.toString() + "/";
        Column file = input_file_name();
        cols.add(org.apache.spark.sql.functions.regexp_replace(file, "^" + java.util.regex.Pattern.quote(rootPrefix), "")
                .as(SOURCE_FILE));
        cols.add(lit(null).cast(DataTypes.LongType).as(LINE));
        cols.add(to_json(struct(Arrays.stream(df.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new)))
                .as(RECORD));
        cols.add(lit(null).cast(DataTypes.StringType).as(PARSE_ERROR));
        java.util.Set<String> declared = new java.util.TreeSet<>(present);
        declared.retainAll(dataset.columnNames());
        return new RawInput(df.select(cols.toArray(Column[]::new)), declared);
    }

}
