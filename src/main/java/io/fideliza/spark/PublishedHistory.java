package io.fideliza.spark;

import io.fideliza.contract.OutputDataset;
import io.fideliza.manifest.PreviousRun;
import io.fideliza.run.PublishedRuns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What the runs before {@code runDate} published in an output folder: their dates, datasets and manifests. */
final class PublishedHistory implements PublishedRuns {
    private final SparkSession spark;
    private final FileSystem fs;
    private final Path root;
    private final LocalDate runDate;

    PublishedHistory(SparkSession spark, FileSystem fs, Path root, LocalDate runDate) {
        this.spark = spark;
        this.fs = fs;
        this.root = root;
        this.runDate = runDate;
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

}
