package io.fideliza.testing;

import io.fideliza.config.JobConfig;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.ingest.IngestStage;
import io.fideliza.run.DiscardedOutputs;
import io.fideliza.run.RunContext;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.spark.sql.SparkSession;

/** The ingest stage over an input folder, publishing nothing: the validated inputs for tests of later steps. */
public final class Ingestion {
    private Ingestion() {
    }

    public static CleanInputs of(SparkSession spark, Path input, LocalDate runDate, ZoneId zone) {
        RunContext run = new RunContext(runDate, zone);
        String dir = input.toString();
        return new IngestStage(spark, run, JobConfig.defaults().ingest(), dir).run(dir, new DiscardedOutputs());
    }

    public static CleanInputs of(SparkSession spark, Path input, LocalDate runDate) {
        return of(spark, input, runDate, ZoneOffset.UTC);
    }
}
