package io.fideliza.run;

import io.fideliza.contract.OutputDataset;
import io.fideliza.manifest.PreviousRun;
import java.time.LocalDate;
import java.util.Optional;
import java.util.SortedMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What the runs before this run's date published: their dates, datasets and manifests, read only. */
public interface PublishedRuns {

    /** The latest run date before this run's that published {@code dataset}. */
    Optional<LocalDate> previousRunDate(OutputDataset dataset);

    /** The partition of {@code dataset} published by the run of {@code date}. */
    Optional<Dataset<Row>> published(OutputDataset dataset, LocalDate date);

    /** Every partition of {@code dataset} published before this run's date, with its {@code run_date}. */
    Optional<Dataset<Row>> history(OutputDataset dataset);

    /** The latest run before this run's date that succeeded, as its manifest recorded it. */
    Optional<PreviousRun> lastSucceededRun();

    /** The manifests of the runs that succeeded before this run's date, by run date, as JSON text. */
    SortedMap<LocalDate, String> earlierManifests();
}
