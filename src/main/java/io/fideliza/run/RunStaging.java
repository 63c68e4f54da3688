package io.fideliza.run;

import io.fideliza.contract.InputDataset;
import io.fideliza.contract.OutputDataset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The datasets a run writes: staged, and published only when the whole run succeeds. */
public interface RunStaging {

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

    /** A dataset this run has staged already, read back. */
    Optional<Dataset<Row>> staged(OutputDataset dataset);

    /** Where a stage keeps intermediate results: in memory, or in Parquet files under staging (never published). */
    Materializer workArea(boolean inMemory);
}
