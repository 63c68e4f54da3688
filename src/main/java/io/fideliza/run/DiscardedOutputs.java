package io.fideliza.run;

import io.fideliza.contract.InputDataset;
import io.fideliza.contract.OutputDataset;
import io.fideliza.manifest.PreviousRun;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Outputs of a run that publishes nothing (the offline evaluation runs the ingest stages this way): datasets are
 * counted and kept in memory, quarantine is dropped, there is no earlier run and no model; files and models a stage
 * writes by hand go to a scratch folder of the local file system, created when first needed and deleted when the JVM
 * exits.
 */
public class DiscardedOutputs implements Outputs {
    private Path scratch;

    @Override
    public Staged stage(OutputDataset dataset, Dataset<Row> rows) {
        return new Staged(rows, rows.count());
    }

    @Override
    public void stageQuarantine(InputDataset input, Dataset<Row> rows) {
        // Not kept.
    }

    @Override
    public Optional<Dataset<Row>> staged(OutputDataset dataset) {
        return Optional.empty();
    }

    @Override
    public Materializer workArea(boolean inMemory) {
        return Materializer.inMemory();
    }

    @Override
    public Path stageFolder(OutputDataset dataset) {
        Path dir = new Path(scratch(), dataset.folder());
        try {
            fileSystem().mkdirs(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return dir;
    }

    @Override
    public FileSystem fileSystem() {
        try {
            return FileSystem.getLocal(new Configuration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the local file system", e);
        }
    }

    @Override
    public void writeText(Path file, String text) {
        try (OutputStream out = fileSystem().create(file, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public List<ModelVersion> models(String name) {
        return List.of();
    }

    /** Version 1 every time: no model is ever published here. */
    @Override
    public ModelVersion stageModel(String name) {
        return ModelVersion.under(scratch(), name, 1);
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
    public SortedMap<LocalDate, String> earlierManifests() {
        return new TreeMap<>();
    }

    private synchronized Path scratch() {
        if (scratch == null) {
            try {
                java.nio.file.Path dir = Files.createTempDirectory("fideliza-discarded-");
                scratch = new Path(dir.toUri());
                fileSystem().deleteOnExit(scratch);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a scratch folder", e);
            }
        }
        return scratch;
    }
}
