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
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The output folder of one run date, locked for the run: it repairs what a killed run left, and publishes. Everything a
 * run writes goes to a staging folder first ({@link StagingArea}, models through {@link ModelFolders}); only {@link
 * #publish()} moves it into place, dataset by dataset, so a failed or killed run never damages the outputs an earlier
 * run published for the same date. The manifest is written last. What earlier runs published is read through
 * {@link PublishedHistory}.
 */
public final class OutputStore implements Outputs, AutoCloseable {
    /** Output folders are not world-writable: rwxr-x---, files rw-r-----. */
    private static final FsPermission FOLDER_PERMISSION = StagingArea.FOLDER_PERMISSION;

    private final Manifest manifest;
    private final FileSystem fs;
    private final Path root;
    private final LocalDate runDate;
    private final Path staging;
    private final RunLock lock;
    private final StagingArea staged;
    private final ModelFolders models;
    private final PublishedHistory history;
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
        this.staged = new StagingArea(spark, manifest, fs, root, runDate, staging);
        this.models = new ModelFolders(fs, root, staged);
        this.history = new PublishedHistory(spark, fs, root, runDate);
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

    /** The quarantine of one input: {@code quarantine/NAME}, also its name in the manifest's outputs. */
    public static String quarantineFolder(InputDataset input) {
        return StagingArea.quarantineFolder(input);
    }

    // What the stages write and read, each by the piece that does it.

    @Override
    public Staged stage(OutputDataset dataset, Dataset<Row> rows) {
        return staged.stage(dataset, rows);
    }

    @Override
    public List<Staged> stageAll(Map<OutputDataset, Dataset<Row>> datasets) {
        return staged.stageAll(datasets);
    }

    @Override
    public void stageQuarantine(InputDataset input, Dataset<Row> rows) {
        staged.stageQuarantine(input, rows);
    }

    @Override
    public Optional<Dataset<Row>> staged(OutputDataset dataset) {
        return staged.staged(dataset);
    }

    @Override
    public Materializer workArea(boolean inMemory) {
        return staged.workArea(inMemory);
    }

    @Override
    public Path stageFolder(OutputDataset dataset) {
        return staged.stageFolder(dataset);
    }

    @Override
    public void writeText(Path file, String text) {
        staged.writeText(file, text);
    }

    @Override
    public List<ModelVersion> models(String name) {
        return models.models(name);
    }

    @Override
    public ModelVersion stageModel(String name) {
        return models.stageModel(name);
    }

    @Override
    public Optional<LocalDate> previousRunDate(OutputDataset dataset) {
        return history.previousRunDate(dataset);
    }

    @Override
    public Optional<Dataset<Row>> published(OutputDataset dataset, LocalDate date) {
        return history.published(dataset, date);
    }

    @Override
    public Optional<Dataset<Row>> history(OutputDataset dataset) {
        return history.history(dataset);
    }

    @Override
    public Optional<PreviousRun> lastSucceededRun() {
        return history.lastSucceededRun();
    }

    @Override
    public SortedMap<LocalDate, String> earlierManifests() {
        return history.earlierManifests();
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
        for (Map.Entry<Path, Path> e : staged.entries().entrySet()) {
            if (exists(e.getKey())) {
                String target = publisher.relative(e.getValue());
                moves.add(new Publisher.Move(publisher.relative(e.getKey()), target,
                        publisher.relative(publisher.backups()) + "/" + target.replace('/', '~')));
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

    public Path manifestPath(String suffix) {
        return new Path(root, OutputDataset.MANIFESTS.folder() + "/" + runDate + suffix + ".json");
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
