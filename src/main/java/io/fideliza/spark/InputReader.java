package io.fideliza.spark;

import static io.fideliza.contract.Columns.LINE;
import static io.fideliza.contract.Columns.PARSE_ERROR;
import static io.fideliza.contract.Columns.RECORD;
import static io.fideliza.contract.Columns.SOURCE_FILE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.fideliza.contract.Field;
import io.fideliza.contract.Headers;
import io.fideliza.contract.InputDataset;
import io.fideliza.contract.InputError;
import io.fideliza.contract.ParseError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
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
    private final Function<InputDataset, String> encoding;
    private long bytesLocated;

    /** A reader of UTF-8 files. */
    public InputReader(SparkSession spark, String inputDir) {
        this(spark, inputDir, d -> StandardCharsets.UTF_8.name());
    }

    /** A reader of CSV files in each dataset's {@code encoding} (a charset name). */
    public InputReader(SparkSession spark, String inputDir, Function<InputDataset, String> encoding) {
        this.spark = spark;
        this.encoding = encoding;
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

    /**
     * Fails fast, before Spark starts, when the input folder does not exist. The file system is a private
     * instance: Hadoop caches one per scheme, and one cached here would miss Spark's {@code spark.hadoop.*}
     * settings (credentials, the local file system's implementation) for the rest of the run.
     */
    public static void checkFolder(String inputDir) {
        Path p = new Path(inputDir);
        try (FileSystem fs = FileSystem.newInstance(p.toUri(), new Configuration())) {
            if (!fs.exists(p) || !fs.getFileStatus(p).isDirectory()) {
                throw new InputError("input folder not found: " + inputDir);
            }
        } catch (IOException e) {
            throw new InputError("cannot open input folder " + inputDir + ": " + e.getMessage(), e);
        }
    }

    /** How a dataset is stored. */
    enum Format { CSV, PARQUET }

    /** A dataset's files, with the sizes the listing already gave. */
    record Located(Format format, List<FileStatus> parts) {
        List<Path> files() {
            return parts.stream().map(FileStatus::getPath).toList();
        }

        long bytes() {
            return parts.stream().mapToLong(FileStatus::getLen).sum();
        }
    }

    /** A dataset as read: raw text rows, and which of its declared columns the files carry at all. */
    public record RawInput(Dataset<Row> rows, java.util.Set<String> presentColumns) {
    }

    /** Size on disk of the files of every dataset read so far. */
    public long bytesLocated() {
        return bytesLocated;
    }

    /** Raw rows of every dataset in the folder; a required one that is missing stops the run. */
    public java.util.Map<InputDataset, RawInput> readAll() {
        java.util.Map<InputDataset, RawInput> raw = new java.util.EnumMap<>(InputDataset.class);
        for (InputDataset d : InputDataset.values()) {
            read(d).ifPresent(r -> raw.put(d, r));
        }
        return raw;
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
        bytesLocated += l.bytes();
        return Optional.of(l.format() == Format.CSV ? readCsv(dataset, l.files()) : readParquet(dataset, l.files()));
    }

    Optional<Located> locate(InputDataset dataset) {
        String name = dataset.datasetName();
        List<Located> found = new ArrayList<>();
        try {
            for (String suffix : List.of(".csv", ".csv.gz")) {
                Optional<FileStatus> file = statusOf(new Path(root, name + suffix));
                if (file.isPresent() && file.get().isFile()) {
                    found.add(new Located(Format.CSV, List.of(file.get())));
                }
            }
            Optional<FileStatus> parquetFile = statusOf(new Path(root, name + ".parquet"));
            if (parquetFile.isPresent()) {
                found.add(new Located(Format.PARQUET, parquetFile.get().isDirectory()
                        ? partsIn(parquetFile.get().getPath(), ".parquet") : List.of(parquetFile.get())));
            }
            Path folder = new Path(root, name);
            Optional<FileStatus> folderStatus = statusOf(folder);
            if (folderStatus.isPresent() && folderStatus.get().isDirectory()) {
                List<FileStatus> parquet = partsIn(folder, ".parquet");
                List<FileStatus> csv = new ArrayList<>(partsIn(folder, ".csv"));
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

    private Optional<FileStatus> statusOf(Path p) throws IOException {
        try {
            return Optional.of(fs.getFileStatus(p));
        } catch (java.io.FileNotFoundException absent) {
            return Optional.empty();
        }
    }

    private List<FileStatus> partsIn(Path folder, String suffix) throws IOException {
        List<FileStatus> parts = new ArrayList<>();
        for (FileStatus s : fs.listStatus(folder)) {
            String n = s.getPath().getName();
            if (s.isFile() && !n.startsWith("_") && !n.startsWith(".")
                    && n.toLowerCase(Locale.ROOT).endsWith(suffix)) {
                parts.add(s);
            }
        }
        return sorted(parts);
    }

    private static List<FileStatus> sorted(List<FileStatus> parts) {
        List<FileStatus> copy = new ArrayList<>(parts);
        copy.sort(Comparator.comparing(s -> s.getPath().toString()));
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
        String charsetName = encoding.apply(dataset);
        Charset charset = Charset.forName(charsetName);
        for (Path f : files) {
            List<String> header;
            try (InputStream in = fs.open(f)) {
                header = CsvFileParser.header(in, relative(f), charset);
            } catch (IOException e) {
                throw new InputError(relative(f) + ": cannot read: " + e.getMessage(), e);
            }
            if (header.isEmpty()) {
                continue; // An empty file holds no rows; there is nothing to check.
            }
            Headers.check(dataset, header, relative(f));
            header.stream().filter(dataset.columnNames()::contains).forEach(present::add);
        }
        String rootPrefix = root.toString() + "/";
        String paths = String.join(",", files.stream().map(Path::toString).toList());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = Math.max(1, Math.min(files.size(), jsc.defaultParallelism()));
        JavaRDD<Row> rows = jsc.binaryFiles(paths, partitions).flatMap(file -> {
            String name = file._1().startsWith(rootPrefix) ? file._1().substring(rootPrefix.length()) : file._1();
            return CsvFileParser.rows(file._2().open(), name, dataset, Charset.forName(charsetName));
        });
        return new RawInput(spark.createDataFrame(rows, dataset.rawSchema()), present);
    }

    /**
     * Reads Parquet file by file, so that a corrupt file or a missing column is named, and parts whose
     * column types differ still line up: every value becomes text and goes through the same validation
     * as CSV, so a value of the wrong type is quarantined, not the run.
     */
    private RawInput readParquet(InputDataset dataset, List<Path> files) {
        java.util.Set<String> declared = new java.util.TreeSet<>();
        Dataset<Row> all = null;
        for (Path f : files) {
            Dataset<Row> df;
            try {
                df = spark.read().parquet(f.toString());
            } catch (Exception e) { // Footers are read by a Spark job, which throws the checked SparkException.
                throw new InputError(relative(f) + ": cannot read as Parquet: " + CsvFileParser.rootMessage(e)
                        .lines().findFirst().orElse(""), e);
            }
            Dataset<Row> rows = asRawText(dataset, df, f, declared);
            all = all == null ? rows : all.unionByName(rows);
        }
        return new RawInput(all, declared);
    }

    private Dataset<Row> asRawText(InputDataset dataset, Dataset<Row> df, Path file, java.util.Set<String> declared) {
        List<String> present = Headers.normalised(Arrays.asList(df.columns()));
        Headers.check(dataset, present, relative(file));
        List<Column> cols = new ArrayList<>();
        for (Field f : dataset.fields()) {
            int i = present.indexOf(f.name());
            if (i >= 0) {
                declared.add(f.name());
            }
            cols.add(i < 0 ? lit(null).cast(DataTypes.StringType).as(f.name())
                    : asText(col("`" + df.columns()[i] + "`"), df.schema().fields()[i].dataType(), f).as(f.name()));
        }
        cols.add(lit(relative(file)).as(SOURCE_FILE));
        cols.add(lit(null).cast(DataTypes.LongType).as(LINE));
        cols.add(to_json(struct(Arrays.stream(df.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new)))
                .as(RECORD));
        cols.add(lit(null).cast(ParseError.SCHEMA).as(PARSE_ERROR));
        return df.select(cols.toArray(Column[]::new));
    }

    /**
     * A Parquet value as the text the contract's parsers expect. Whole numbers stored as floating point
     * (pandas writes an int column with gaps as float64) become plain integers: 3.0 is read as 3.
     */
    private static Column asText(Column value, org.apache.spark.sql.types.DataType type, Field field) {
        boolean floating = type instanceof org.apache.spark.sql.types.DoubleType
                || type instanceof org.apache.spark.sql.types.FloatType
                || type instanceof org.apache.spark.sql.types.DecimalType;
        if (floating && field.type() == io.fideliza.contract.FieldType.INT) {
            Column asLong = value.try_cast(DataTypes.LongType);
            Column whole = asLong.isNotNull().and(value.equalTo(org.apache.spark.sql.functions.floor(value)));
            return org.apache.spark.sql.functions.when(whole, asLong.cast(DataTypes.StringType))
                    .otherwise(value.cast(DataTypes.StringType));
        }
        return value.cast(DataTypes.StringType);
    }

}
