package io.fideliza.run;

import io.fideliza.contract.InputDataset;
import io.fideliza.contract.OutputDataset;
import io.fideliza.manifest.PreviousRun;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Outputs of a run that publishes nothing (the offline evaluation runs the ingest stages this way):
 * quarantine is dropped, work stays in memory, and there is no earlier run.
 */
public class DiscardedOutputs implements Outputs {

    @Override
    public Staged stage(OutputDataset dataset, Dataset<Row> rows) {
        return new Staged(rows, rows.count());
    }

    @Override
    public void stageQuarantine(InputDataset input, Dataset<Row> rows) {
        // Not kept.
    }

    @Override
    public Path stageFolder(OutputDataset dataset) {
        throw new UnsupportedOperationException("a run without outputs writes no " + dataset.folder());
    }

    @Override
    public FileSystem fileSystem() {
        throw new UnsupportedOperationException("a run without outputs has no output file system");
    }

    @Override
    public void writeText(Path file, String text) {
        throw new UnsupportedOperationException("a run without outputs writes no " + file);
    }

    @Override
    public Optional<Dataset<Row>> staged(OutputDataset dataset) {
        return Optional.empty();
    }

    @Override
    public Optional<LocalDate> previousRunDate(OutputDataset dataset) {
        return Optional.empty();
    }

    @Override
    public Optional<Dataset<Row>> published(OutputDataset dataset, LocalDate date) {
        return Optional.empty();
    }

    @Override
    public Optional<Dataset<Row>> history(OutputDataset dataset) {
        return Optional.empty();
    }

    @Override
    public Optional<PreviousRun> lastSucceededRun() {
        return Optional.empty();
    }

    @Override
    public ModelVersion stageModel(String name) {
        throw new UnsupportedOperationException("a run without outputs keeps no model " + name);
    }

    @Override
    public java.util.List<ModelVersion> models(String name) {
        return java.util.List.of();
    }

    @Override
    public Materializer workArea(boolean inMemory) {
        return Materializer.inMemory();
    }
}
