package io.fideliza.segment;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.col;

import io.fideliza.config.JobConfig.SegmentSettings;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.RunContext;
import io.fideliza.segment.SegmentStage.Segmentation;
import io.fideliza.spark.OutputStore;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Runs the segment stage as one night of the pipeline (staged, then published) over given features. */
final class SegmentNights {
    private final SparkSession spark;
    private final Path out;
    private final CleanInputs clean;

    SegmentNights(SparkSession spark, Path out, CleanInputs clean) {
        this.spark = spark;
        this.out = out;
        this.clean = clean;
    }

    Segmentation night(LocalDate day, SegmentSettings settings, Dataset<Row> features) {
        Manifest manifest = new Manifest(day);
        OutputStore store = new OutputStore(spark, out.toString(), day, manifest);
        Segmentation s = new SegmentStage(spark, new RunContext(day, ZoneOffset.UTC), settings)
                .run(new SegmentStage.Input(clean, features), store);
        s.record(manifest);
        store.publish();
        return s;
    }

    Dataset<Row> published(String dataset, LocalDate day) {
        return spark.read().parquet(out.resolve(dataset).resolve("run_date=" + day).toString());
    }

    /** Customers in both nights' segments with the same id and name, as a share of the first night's. */
    double keptShare(LocalDate first, LocalDate second) {
        Dataset<Row> a = published("segments", first).select(col(CUSTOMER_ID), col(SEGMENT_ID).as("id1"),
                col(SEGMENT_NAME).as("name1"));
        Dataset<Row> b = published("segments", second).select(col(CUSTOMER_ID), col(SEGMENT_ID).as("id2"),
                col(SEGMENT_NAME).as("name2"));
        long kept = a.join(b, CUSTOMER_ID).filter("id1 = id2 and name1 = name2").count();
        return kept / (double) a.count();
    }
}
