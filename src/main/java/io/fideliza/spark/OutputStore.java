package io.fideliza.spark;

import io.fideliza.contract.InputDataset;
import io.fideliza.contract.InputError;
import io.fideliza.contract.OutputDataset;
import io.fideliza.manifest.Manifest;
import io.fideliza.manifest.PreviousRun;
import io.fideliza.run.Materializer;
import io.fideliza.run.Outputs;
import io.fideliza.run.StopSignal;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * The output folder of one run date. Everything a run writes goes to a staging folder first; only
 * {@link #publish()} moves it into place, dataset by dataset, so a failed or killed run never damages
 * the outputs an earlier run published for the same date. The manifest is written last.
 */
public final class OutputStore implements Outputs, AutoCloseable {
    /** Output folders are not world-writable: rwxr-x---, files rw-r-----. */
    private static final FsPermission FOLDER_PERMISSION = new FsPermission((short) 0750);

    private final SparkSession spark;
    private final Manifest manifest;
    private final FileSystem fs;
    private final Path root;
    private final LocalDate runDate;
    private final Path staging;
    private final RunLock lock;
    /** Staged folder -> its published place, in the order they were written; stages may write from several threads. */
    private final Map<Path, Path> staged = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> repairs = new ArrayList<>();
    private java.util.function.Consumer<String> publishStep = step -> { };
    private StopSignal stop = StopSignal.JVM;
    private long commitStarted;

    /** The output folder of {@code runDate}, locked for this run; staged datasets are counted in {@code manifest}. */
    public OutputStore(SparkSession spark, String outputDir, LocalDate runDate, Manifest manifest) {
        this(spark, outputDir, runDate, manifest, DEFAULT_LOCK_STALE);
    }

    /** How long a lock whose heartbeat stopped is still respected. */
    public static final java.time.Duration DEFAULT_LOCK_STALE = java.time.Duration.ofMinutes(10);

    public OutputStore(SparkSession spark, String outputDir, LocalDate runDate, Manifest manifest,
                       java.time.Duration lockStale) {
        this.spark = spark;
        this.manifest = manifest;
        this.runDate = runDate;
        try {
            Path p = new Path(outputDir);
            this.fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            // No .crc side files next to outputs: marketers open these folders.
            fs.setWriteChecksum(false);
            fs.mkdirs(p, FOLDER_PERMISSION);
            this.root = fs.makeQualified(p);
            this.staging = new Path(root, "_staging/run_date=" + runDate);
        } catch (IOException e) {
            throw new InputError("cannot create output folder " + outputDir + ": " + e.getMessage(), e);
        }
        try {
            this.lock = RunLock.acquire(fs, new Path(root, "_locks/run_date=" + runDate + ".lock"), lockStale);
        } catch (IOException e) {
            throw new InputError("cannot write to output folder " + outputDir + ": " + e.getMessage(), e);
        }
        try {
            // Under the lock, before anything else: put back what a run killed while publishing set aside, and
            // drop the staging a killed run of this date left.
            publisher(runDate).repair().ifPresent(repairs::add);
            restoreSetAside();
            repairOtherDates(lockStale);
            fs.delete(staging, true);
            if (!fs.mkdirs(staging, FOLDER_PERMISSION)) {
                throw new InputError("cannot write to output folder " + outputDir + ": cannot create " + staging);
            }
        } catch (InputError e) {
            lock.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw new IllegalStateException("cannot prepare output folder " + outputDir + ": " + e.getMessage(), e);
        }
    }

    /** Releases the run's lock on the output folder and date, leaving no empty staging folder behind. */
    @Override
    public void close() {
        try {
            deleteIfEmpty(staging);
            deleteIfEmpty(new Path(root, "_staging"));
        } catch (IOException e) {
            // The next run of this date deletes stale staging anyway.
        } finally {
            lock.close();
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public FileSystem fileSystem() {
        return fs;
    }

    public LocalDate runDate() {
        return runDate;
    }

    /** Where a dataset of this run date is published: {@code DATASET/run_date=D}. */
    public Path publishedPath(OutputDataset dataset) {
        return new Path(root, dataset.folder() + "/run_date=" + runDate);
    }

    /** Where the quarantine of one input is published: {@code quarantine/NAME/run_date=D}. */
    public Path publishedQuarantinePath(String input) {
        return new Path(root, OutputDataset.QUARANTINE.folder() + "/" + input + "/run_date=" + runDate);
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
    public static String quarantineFolder(InputDataset input) {
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

    /**
     * Moves every staged dataset into place, all or nothing (a failure puts the date back as it was), without a
     * manifest: for tools and tests that publish stages by themselves. A run publishes with {@link #commit()}.
     */
    public List<String> publish() {
        return publish(null).published();
    }

    /**
     * Publishes every staged dataset with the run's manifest, status succeeded: renaming the manifest into place
     * is the commit point (docs/publishing.md). Before it, a failure or a signal leaves the date exactly as it
     * was and is thrown; after it, the date holds this run, and a leftover to clear is only reported.
     */
    public Publisher.Result commit() {
        commitStarted = System.nanoTime();
        String attempt = java.util.UUID.randomUUID().toString();
        publishedManifest().ifPresent(manifest::keepOutputsOf);
        manifest.detail("attempt", attempt);
        return publish(attempt);
    }

    private Publisher.Result publish(String attempt) {
        List<Publisher.Move> moves = new ArrayList<>();
        Publisher publisher = publisher(runDate);
        synchronized (staged) {
            for (Map.Entry<Path, Path> e : staged.entrySet()) {
                if (exists(e.getKey())) {
                    String target = publisher.relative(e.getValue());
                    moves.add(new Publisher.Move(publisher.relative(e.getKey()), target,
                            publisher.relative(publisher.backups()) + "/" + target.replace('/', '~')));
                }
            }
        }
        if (attempt != null) {
            // The manifest is written before anything moves: "publish" counts up to there (the moves take moments).
            manifest.stage("publish", (System.nanoTime() - commitStarted) / 1e9);
        }
        String manifestJson = attempt == null ? null : manifest.toJson(Manifest.SUCCEEDED, null);
        Publisher.Result result;
        try {
            result = publisher.publish(moves, manifestJson, attempt == null ? java.util.UUID.randomUUID().toString()
                    : attempt);
        } finally {
            staged.clear();
        }
        try {
            fs.delete(staging, true);
            deleteIfEmpty(new Path(root, "_staging"));
        } catch (IOException e) {
            // Published; the next run of this date deletes stale staging anyway.
        }
        return result;
    }

    /** The manifest the date holds now, if any (read before this run replaces it). */
    private Optional<String> publishedManifest() {
        Path file = manifestPath("");
        try {
            if (!fs.exists(file)) {
                return Optional.empty();
            }
            try (java.io.InputStream in = fs.open(file)) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The date's published state in one line: as it was (naming the run its manifest names), or not published. */
    public String dateState() {
        return publisher(runDate).asItWas();
    }

    /** What the store repaired when it opened (publishes a killed run left), one line each. */
    public List<String> repairs() {
        return List.copyOf(repairs);
    }

    /** Test hook: called with the name of each publishing step before it is taken (docs/publishing.md). */
    public OutputStore atPublishStep(java.util.function.Consumer<String> hook) {
        this.publishStep = hook;
        return this;
    }

    /** The stop signal publishing obeys (the JVM's, fed by the command line's signal handlers, unless a test's). */
    public OutputStore stoppedBy(StopSignal signal) {
        this.stop = signal;
        return this;
    }

    private Publisher publisher(LocalDate date) {
        return new Publisher(fs, root, date, stop, publishStep);
    }

    private Path trash() {
        return new Path(root, "_trash/run_date=" + runDate);
    }

    /**
     * Publishes other run dates left half done by a killed run are repaired too, when their lock is free: a reader
     * of the history must not meet a mixture.
     */
    private void repairOtherDates(java.time.Duration lockStale) throws IOException {
        Path dir = new Path(root, OutputDataset.MANIFESTS.folder());
        if (!fs.exists(dir)) {
            return;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            String n = s.getPath().getName();
            if (!n.matches("\\.\\d{4}-\\d{2}-\\d{2}\\.publishing\\.json")) {
                continue;
            }
            LocalDate date = LocalDate.parse(n.substring(1, 11));
            if (date.equals(runDate)) {
                continue;
            }
            try (RunLock other = RunLock.acquire(fs, new Path(root, "_locks/run_date=" + date + ".lock"), lockStale)) {
                publisher(date).repair().ifPresent(repairs::add);
            } catch (io.fideliza.contract.OutputBusy busy) {
                // That date's run is publishing now.
            }
        }
    }

    /**
     * Before journals (and for a journal lost with its folder): a run killed while publishing may have set a
     * dataset's previous partition aside without moving the new one in: put it back.
     */
    private void restoreSetAside() throws IOException {
        Path trash = trash();
        if (!fs.exists(trash)) {
            return;
        }
        for (FileStatus s : fs.listStatus(trash)) {
            Path target = new Path(root, s.getPath().getName().replace('~', '/') + "/run_date=" + runDate);
            if (s.isDirectory() && !fs.exists(target)) {
                fs.mkdirs(target.getParent(), FOLDER_PERMISSION);
                rename(s.getPath(), target);
            }
        }
        fs.delete(trash, true);
        deleteIfEmpty(new Path(root, "_trash"));
    }

    /** Drops what this run staged, leaving the published outputs as they were. */
    public void discard() {
        try {
            fs.delete(staging, true);
            deleteIfEmpty(new Path(root, "_staging"));
        } catch (IOException ignored) {
            // The next run of this date deletes stale staging anyway.
        }
        staged.clear();
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

    @Override
    public Optional<PreviousRun> lastSucceededRun() {
        Path dir = new Path(root, OutputDataset.MANIFESTS.folder());
        if (!exists(dir)) {
            return Optional.empty();
        }
        try {
            LocalDate best = null;
            for (FileStatus s : fs.listStatus(dir)) {
                String n = s.getPath().getName();
                if (n.matches("\\d{4}-\\d{2}-\\d{2}\\.json")) {
                    LocalDate d = LocalDate.parse(n.substring(0, 10));
                    if (d.isBefore(runDate) && (best == null || d.isAfter(best))) {
                        best = d;
                    }
                }
            }
            if (best == null) {
                return Optional.empty();
            }
            Path file = new Path(dir, best + ".json");
            try (java.io.InputStream in = fs.open(file)) {
                return PreviousRun.ifSucceeded(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the manifests in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ModelVersion stageModel(String name) {
        int version = latestModel(name).map(ModelVersion::version).orElse(0) + 1;
        Path target = ModelVersion.under(root, name, version).folder();
        Path dir = ModelVersion.under(staging, name, version).folder();
        staged.put(dir, target);
        return new ModelVersion(name, version, dir);
    }

    @Override
    public List<ModelVersion> models(String name) {
        Path models = ModelVersion.under(root, name, 0).folder().getParent();
        if (!exists(models)) {
            return List.of();
        }
        try {
            List<ModelVersion> out = new ArrayList<>();
            for (FileStatus s : fs.listStatus(models)) {
                java.util.OptionalInt v = ModelVersion.versionOf(s.getPath().getName());
                if (s.isDirectory() && v.isPresent()) {
                    out.add(ModelVersion.under(root, name, v.getAsInt()));
                }
            }
            out.sort(java.util.Comparator.comparingInt(ModelVersion::version).reversed());
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + models + ": " + e.getMessage(), e);
        }
    }

    public Path manifestPath(String suffix) {
        return new Path(root, OutputDataset.MANIFESTS.folder() + "/" + runDate + suffix + ".json");
    }

    @Override
    public Optional<LocalDate> previousRunDate(OutputDataset dataset) {
        Path dir = new Path(root, dataset.folder());
        try {
            if (!fs.exists(dir)) {
                return Optional.empty();
            }
            LocalDate best = null;
            for (FileStatus s : fs.listStatus(dir)) {
                String n = s.getPath().getName();
                if (s.isDirectory() && n.startsWith("run_date=")) {
                    try {
                        LocalDate d = LocalDate.parse(n.substring("run_date=".length()));
                        if (d.isBefore(runDate) && (best == null || d.isAfter(best))) {
                            best = d;
                        }
                    } catch (java.time.format.DateTimeParseException ignored) {
                        // Not one of ours.
                    }
                }
            }
            return Optional.ofNullable(best);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    @Override
    public Optional<Dataset<Row>> published(OutputDataset dataset, LocalDate date) {
        Path p = new Path(root, dataset.folder() + "/run_date=" + date);
        return exists(p) ? Optional.of(spark.read().parquet(p.toString())) : Optional.empty();
    }

    @Override
    public Optional<Dataset<Row>> history(OutputDataset dataset) {
        if (previousRunDate(dataset).isEmpty()) {
            return Optional.empty();
        }
        // Partitions written before a column was added lack it: merge the schemas of every partition, else Spark
        // takes one file's schema and a newer column may silently read as missing.
        Dataset<Row> all = spark.read().option("mergeSchema", "true").parquet(new Path(root, dataset.folder()).toString());
        return Optional.of(all.filter(all.col("run_date").lt(org.apache.spark.sql.functions.lit(
                java.sql.Date.valueOf(runDate)))));
    }

    @Override
    public java.util.SortedMap<LocalDate, String> earlierManifests() {
        Path dir = new Path(root, OutputDataset.MANIFESTS.folder());
        java.util.SortedMap<LocalDate, String> manifests = new java.util.TreeMap<>();
        try {
            if (!fs.exists(dir)) {
                return manifests;
            }
            for (FileStatus s : fs.listStatus(dir)) {
                String n = s.getPath().getName();
                if (!n.matches("\\d{4}-\\d{2}-\\d{2}\\.json")) {
                    continue; // a failed attempt's manifest, or not ours
                }
                LocalDate d = LocalDate.parse(n.substring(0, 10));
                if (d.isBefore(runDate)) {
                    try (java.io.InputStream in = fs.open(s.getPath())) {
                        manifests.put(d, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            return manifests;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the manifests in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Whether a path exists; a file system that cannot tell is an error, not an absent run. */
    private boolean exists(Path p) {
        try {
            return fs.exists(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot move " + from + " to " + to);
        }
    }

    private void deleteIfEmpty(Path dir) throws IOException {
        if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
            fs.delete(dir, false);
        }
    }
}
