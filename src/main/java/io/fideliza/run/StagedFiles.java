package io.fideliza.run;

import io.fideliza.contract.OutputDataset;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Files a run writes by hand (exports, the report): in a staging folder, published with the run's datasets. */
public interface StagedFiles {

    /** A staging folder for files written by hand, published as {@code dataset}'s partition of the run date. */
    Path stageFolder(OutputDataset dataset);

    /** The file system of the output folder. */
    FileSystem fileSystem();

    /** Writes a small text file atomically. */
    void writeText(Path file, String text);
}
