package io.fideliza.run;

import io.fideliza.contract.InputDataset;
import io.fideliza.contract.OutputDataset;
import io.fideliza.manifest.PreviousRun;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where stages put what a run publishes, and where they find what earlier runs published: the one place
 * that reads and writes the output folder. Everything written here is staged until the whole run succeeds.
 */
public interface Outputs {

    /** A dataset written to staging: the rows read back from there, and how many there are. */
    record Staged(Dataset<Row> rows, long count) {
    }

    /** Stages {@code rows} as this run's partition of {@code dataset}; its row count goes to the manifest. */
    Staged stage(OutputDataset dataset, Dataset<Row> rows);

    /**
     * Stages datasets that do not read one another, each as {@link #stage} does; their counts go to the manifest in
     * the map's order, whichever is written first (a store may write them side by side).
     */
    default List<Staged> stageAll(Map<OutputDataset, Dataset<Row>> datasets) {
        return datasets.entrySet().stream().map(d -> stage(d.getKey(), d.getValue())).toList();
    }

    /** Stages the quarantined rows of one input. */
    void stageQuarantine(InputDataset input, Dataset<Row> rows);

    /** A staging folder for files written by hand (exports, the report), published with the rest. */
    Path stageFolder(OutputDataset dataset);

    FileSystem fileSystem();

    /** Writes a small text file atomically. */
    void writeText(Path file, String text);

    /** A dataset this run has staged already, read back. */
    Optional<Dataset<Row>> staged(OutputDataset dataset);

    /** The latest run date before this run's that published {@code dataset}. */
    Optional<LocalDate> previousRunDate(OutputDataset dataset);

    /** The partition of {@code dataset} published by the run of {@code date}. */
    Optional<Dataset<Row>> published(OutputDataset dataset, LocalDate date);

    /** Every partition of {@code dataset} published before this run's date, with its {@code run_date}. */
    Optional<Dataset<Row>> history(OutputDataset dataset);

    /** The latest run before this run's date that succeeded, as its manifest recorded it. */
    Optional<PreviousRun> lastSucceededRun();

    /** The manifests of the runs that succeeded before this run's date, by run date, as JSON text. */
    default java.util.SortedMap<LocalDate, String> earlierManifests() {
        return new java.util.TreeMap<>();
    }

    /** A published model: its name, version and folder ({@code _models/NAME/version=N}). */
    record ModelVersion(String name, int version, Path folder) {
        private static final String PREFIX = "version=";

        /** The folder of version {@code version} of model {@code name} in the output folder {@code root}. */
        public static ModelVersion under(Path root, String name, int version) {
            return new ModelVersion(name, version, new Path(root, OutputDataset.MODELS.folder() + "/" + name + "/"
                    + PREFIX + version));
        }

        /** The version a folder of a model's versions holds, if its name is one. */
        public static java.util.OptionalInt versionOf(String folderName) {
            return folderName.matches(PREFIX + "\\d{1,9}")
                    ? java.util.OptionalInt.of(Integer.parseInt(folderName.substring(PREFIX.length())))
                    : java.util.OptionalInt.empty();
        }
    }

    /**
     * A staging folder for a new version of a model (the next after the latest published), published to
     * {@code _models/NAME/version=N} with the run's other outputs: a run that fails publishes no model.
     */
    ModelVersion stageModel(String name);

    /** The published versions of a model, newest first. */
    List<ModelVersion> models(String name);

    /** The latest published version of a model, if any. */
    default Optional<ModelVersion> latestModel(String name) {
        return models(name).stream().findFirst();
    }

    /** Where a stage keeps intermediate results: in memory, or in Parquet files under staging (never published). */
    Materializer workArea(boolean inMemory);
}
