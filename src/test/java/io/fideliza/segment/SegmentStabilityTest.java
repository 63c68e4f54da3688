package io.fideliza.segment;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fideliza.config.JobConfig;
import io.fideliza.config.JobConfig.SegmentSettings;
import io.fideliza.generate.LifecycleGenerator;
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
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Segments keep their ids and names night after night, on more than one shape of data: the prototype generator
 * at two seeds, activity levels and history lengths, and customers who join, lapse and come back. The second
 * night assigns to the first night's model: it does not refit. The first night fits five segments rather than
 * search k (ConsecutiveNightsTest and EndToEndTest cover the search): what is tested is the nights after a fit.
 */
@SparkTest
@Slow
class SegmentStabilityTest {
    private final SparkSession spark;

    SegmentStabilityTest(SparkSession spark) {
        this.spark = spark;
    }

    @TempDir
    Path dir;

    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of("prototypes", 9L, 1.0, 540), Arguments.of("prototypes", 21L, 1.7, 365),
                Arguments.of("lifecycles", 5L, 1.0, 720));
    }

    @ParameterizedTest(name = "{0}, seed {1}, activity {2}, {3} days")
    @MethodSource("shapes")
    void consecutiveRunsKeepSegmentsAndRecordWhereCustomersCameFrom(String shape, long seed, double activity,
                                                                    int historyDays) throws Exception {
        LocalDate day = LocalDate.of(2026, 6, 30);
        Path input = dir.resolve("in");
        if (shape.equals("lifecycles")) {
            new LifecycleGenerator(new LifecycleGenerator.Spec(400, seed, day, historyDays)).writeTo(input);
        } else {
            new SampleDataGenerator(new SampleDataGenerator.Spec(400, 80, seed, day, historyDays, 1, false, activity))
                    .writeTo(input);
        }
        JobConfig defaults = JobConfig.defaults();
        SegmentSettings s = defaults.segment();
        JobConfig config = defaults.withSegment(new SegmentSettings(s.algorithm(), 5, s.kMin(), s.kMax(),
                s.minSegmentShare(), s.maxIterations(), s.seed(), s.model()));
        String out = dir.resolve("out").toString();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        for (LocalDate d : new LocalDate[] {day, day.plusDays(1)}) {
            new Pipeline(spark, config, new RunContext(d, ZoneOffset.UTC), new Progress(quiet))
                    .run(input.toString(), out, "segment");
        }
        JsonNode second = new ObjectMapper().readTree(dir.resolve("out/_manifests/" + day.plusDays(1) + ".json").toFile())
                .get("segment_model");
        assertFalse(second.get("refitted_tonight").asBoolean(), second.toString());
        assertEquals(1, second.get("version").asInt());
        Dataset<Row> first = spark.read().parquet(out + "/segments/run_date=" + day);
        Dataset<Row> next = spark.read().parquet(out + "/segments/run_date=" + day.plusDays(1));
        Dataset<Row> both = first.select(col(CUSTOMER_ID), col(SEGMENT_ID).as("id1"), col(SEGMENT_NAME).as("name1"))
                .join(next.select(col(CUSTOMER_ID), col(SEGMENT_ID).as("id2"), col(SEGMENT_NAME).as("name2"),
                        col(PREVIOUS_SEGMENT_ID), col(SEGMENT_CHANGE)), CUSTOMER_ID);
        long customers = first.count();
        assertEquals(customers, both.count(), "the same customers on both days");
        long kept = both.filter("id1 = id2 and name1 = name2").count();
        System.out.printf("%s seed %d: %d of %d kept segment id and name%n", shape, seed, kept, customers);
        assertTrue(kept >= 0.99 * customers, kept + " of " + customers + " kept their segment");
        assertEquals(first.select(SEGMENT_ID, SEGMENT_NAME).distinct().collectAsList().size(),
                first.select(SEGMENT_ID, SEGMENT_NAME).union(next.select(SEGMENT_ID, SEGMENT_NAME)).distinct().count(),
                "every segment keeps its name");
        assertEquals(0, both.filter("previous_segment_id is null or previous_segment_id <> id1").count(),
                "previous_segment_id is the first run's segment for every customer");
        assertEquals(customers - kept, both.filter("segment_change = 'behaviour'").count(),
                "without a refit, every move is the customer's own behaviour");
        assertEquals(0, first.filter("previous_segment_id is not null").count(), "a first run has no previous segment");
        Dataset<Row> migrations = spark.read().parquet(out + "/segment_migrations/run_date=" + day.plusDays(1));
        assertEquals(customers, migrations.agg(org.apache.spark.sql.functions.sum(CUSTOMERS)).first().getLong(0));
        assertEquals(0, spark.read().parquet(out + "/segment_refit_migrations/run_date=" + day.plusDays(1)).count());
    }
}
