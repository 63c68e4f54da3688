package io.fideliza.segment;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.JobConfig;
import io.fideliza.generate.SampleDataGenerator;
import io.fideliza.pipeline.Pipeline;
import io.fideliza.run.Progress;
import io.fideliza.run.RunContext;
import io.fideliza.testing.Slow;
import io.fideliza.testing.SparkTest;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segments keep their ids and names night after night when behaviour does not change. */
@SparkTest
@Slow
class SegmentStabilityTest {
    private final SparkSession spark;

    SegmentStabilityTest(SparkSession spark) {
        this.spark = spark;
    }

    @TempDir
    Path dir;

    @Test
    void consecutiveRunsKeepSegmentsAndRecordWhereCustomersCameFrom() throws Exception {
        LocalDate day = LocalDate.of(2026, 6, 30);
        Path input = dir.resolve("in");
        new SampleDataGenerator(new SampleDataGenerator.Spec(300, 60, 9, day, 540, 1, false)).writeTo(input);
        JobConfig base = JobConfig.defaults();
        JobConfig config = base.withSegment(new JobConfig.SegmentSettings("kmeans", 0, 5, 7, 0.02,
                base.segment().maxIterations(), base.segment().seed()));
        String out = dir.resolve("out").toString();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        for (LocalDate d : new LocalDate[] {day, day.plusDays(1)}) {
            new Pipeline(spark, config, new RunContext(d, ZoneOffset.UTC), new Progress(quiet))
                    .run(input.toString(), out, "segment");
        }
        Dataset<Row> first = spark.read().parquet(out + "/segments/run_date=" + day);
        Dataset<Row> second = spark.read().parquet(out + "/segments/run_date=" + day.plusDays(1));
        Dataset<Row> both = first.select(col(CUSTOMER_ID), col(SEGMENT_ID).as("id1"), col(SEGMENT_NAME).as("name1"))
                .join(second.select(col(CUSTOMER_ID), col(SEGMENT_ID).as("id2"), col(SEGMENT_NAME).as("name2"),
                        col(PREVIOUS_SEGMENT_ID)), CUSTOMER_ID);
        long customers = first.count();
        assertEquals(customers, both.count(), "the same customers on both days");
        long kept = both.filter("id1 = id2 and name1 = name2").count();
        assertTrue(kept >= 0.95 * customers, kept + " of " + customers + " kept their segment");
        assertEquals(0, both.filter("previous_segment_id is null or previous_segment_id <> id1").count(),
                "previous_segment_id is the first run's segment for every customer");
        assertEquals(0, first.filter("previous_segment_id is not null").count(), "a first run has no previous segment");
        Dataset<Row> migrations = spark.read().parquet(out + "/segment_migrations/run_date=" + day.plusDays(1));
        assertEquals(customers, migrations.agg(org.apache.spark.sql.functions.sum(CUSTOMERS)).first().getLong(0));
    }
}
