package io.fideliza.spark;

import io.fideliza.contract.InputDataset;
import io.fideliza.contract.OutputDataset;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.Materializer;
import io.fideliza.run.RunStaging;
import io.fideliza.run.StagedFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A run's staging folder ({@code _staging/run_date=D}): the datasets and files the run writes, each remembered with
 * the place it is published to ({@link OutputStore#publish()} moves them there), and the run's work area.
 */
final class StagingArea implements RunStaging, StagedFiles {
    static final FsPermission FOLDER_PERMISSION = new FsPermission((short) 0750);

    private final SparkSession spark;
    private final Manifest manifest;
    private final FileSystem fs;
    private final Path root;
    private final LocalDate runDate;
    private final Path staging;
    /** Staged folder -> its published place, in the order they were written; stages may write from several threads. */
    private final Map<Path, Path> staged = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    StagingArea(SparkSession spark, Manifest manifest, FileSystem fs, Path root, LocalDate runDate, Path staging) {
        this.spark = spark;
        this.manifest = manifest;
        this.fs = fs;
        this.root = root;
        this.runDate = runDate;
        this.staging = staging;
    }

    Path folder() {
        return staging;
    }

    /** Where a dataset of this run date is published: {@code DATASET/run_date=D}. */
    Path publishedPath(OutputDataset dataset) {
        return new Path(root, dataset.folder() + "/run_date=" + runDate);
    }

    /** Where the quarantine of one input is published: {@code quarantine/NAME/run_date=D}. */
    Path publishedQuarantinePath(String input) {
        return new Path(root, OutputDataset.QUARANTINE.folder() + "/" + input + "/run_date=" + runDate);
    }

    /** Remembers that {@code dir}, staged, is published as {@code target}. */
    void add(Path dir, Path target) {
        staged.put(dir, target);
    }

    /** What is staged, in the order it was written: staged folder -> its published place. */
    Map<Path, Path> entries() {
        synchronized (staged) {
            return new LinkedHashMap<>(staged);
        }
    }

    /** Forgets what was staged (published, or discarded). */
    void clear() {
        staged.clear();
    }

    @Override
    public FileSystem fileSystem() {
        return fs;
    }

    @Override
    public Staged stage(OutputDataset dataset, Dataset<Row> rows) {
        Staged staged = write(dataset, rows);
        manifest.output(dataset.folder(), staged.count());
        return staged;
    }

    /** Small datasets are mostly a job's latency each: written side by side, then counted in the order given. */
    @Override
    public List<Staged> stageAll(Map<OutputDataset, Dataset<Row>> datasets) {
        List<OutputDataset> order = List.copyOf(datasets.keySet());
        List<Staged> staged = ConcurrentJobs.all(order.stream()
                .<java.util.concurrent.Callable<Staged>>map(d -> () -> write(d, datasets.get(d))).toList());
        for (int i = 0; i < order.size(); i++) {
            manifest.output(order.get(i).folder(), staged.get(i).count());
        }
        return staged;
    }

    private Staged write(OutputDataset dataset, Dataset<Row> rows) {
        Dataset<Row> staged = stageParquet(publishedPath(dataset), dataset.folder(), rows);
        return new Staged(staged, rowsWritten(new Path(staging, dataset.folder())).orElseGet(staged::count));
    }

    /**
     * The rows of the Parquet files in {@code dir}, summed from their footers: the number Spark's count of them
     * gives (it skips the same _ and . files), without a query of two jobs to plan for each dataset; empty when
     * the folder holds folders, which only Spark's count reads as it does.
     */
    private java.util.OptionalLong rowsWritten(Path dir) {
        long rows = 0;
        try {
            for (FileStatus f : fs.listStatus(dir, p -> !p.getName().startsWith("_") && !p.getName().startsWith("."))) {
                if (f.isDirectory()) {
                    return java.util.OptionalLong.empty();
                }
                try (ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromStatus(f, fs.getConf()))) {
                    rows += footer.getRecordCount();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Parquet files just written in " + dir + ": "
                    + e.getMessage(), e);
        }
        return java.util.OptionalLong.of(rows);
    }

    @Override
    public void stageQuarantine(InputDataset input, Dataset<Row> rows) {
        stageParquet(publishedQuarantinePath(input.datasetName()), quarantineFolder(input), rows);
    }

    /** The quarantine of one input: {@code quarantine/NAME}, also its name in the manifest's outputs. */
    static String quarantineFolder(InputDataset input) {
        return OutputDataset.QUARANTINE.folder() + "/" + input.datasetName();
    }

    private Dataset<Row> stageParquet(Path target, String stagingName, Dataset<Row> rows) {
        Path dir = new Path(staging, stagingName);
        rows.write().mode(SaveMode.Overwrite).parquet(dir.toString());
        staged.put(dir, target);
        return readBack(rows, dir.toString());
    }

    @Override
    public Optional<Dataset<Row>> staged(OutputDataset dataset) {
        Path dir = new Path(staging, dataset.folder());
        return staged.containsKey(dir) ? Optional.of(spark.read().parquet(dir.toString())) : Optional.empty();
    }

    /** Intermediate results of this run: in memory, or in staging (never published, gone with the staging folder). */
    @Override
    public Materializer workArea(boolean inMemory) {
        if (inMemory) {
            return Materializer.inMemory();
        }
        return (name, rows) -> {
            String dir = new Path(staging, "_work/" + name).toString();
            rows.write().mode(SaveMode.Overwrite).parquet(dir);
            return readBack(rows, dir);
        };
    }

    /**
     * What was just written, read with the schema it was written with: otherwise Spark runs a job to read the
     * schema back from the files.
     */
    private Dataset<Row> readBack(Dataset<Row> written, String dir) {
        return spark.read().schema(written.schema()).parquet(dir);
    }

    @Override
    public Path stageFolder(OutputDataset dataset) {
        Path dir = new Path(staging, dataset.folder());
        try {
            fs.mkdirs(dir, FOLDER_PERMISSION);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
        staged.put(dir, publishedPath(dataset));
        return dir;
    }

    /** Writes a small text file atomically (write aside, then rename). */
    @Override
    public void writeText(Path target, String text) {
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
        try {
            fs.mkdirs(target.getParent(), FOLDER_PERMISSION);
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            fs.delete(target, false);
            rename(tmp, target);
        } catch (IOException | RuntimeException | org.apache.hadoop.fs.FSError e) {
            try {
                fs.delete(tmp, false); // never a half-written file, nor a whole one that was not renamed in
            } catch (IOException | RuntimeException ignored) {
                e.addSuppressed(ignored);
            }
            throw new IllegalStateException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot move " + from + " to " + to);
        }
    }

}
