package io.fideliza.ingest;

import io.fideliza.config.JobConfig.IngestSettings;
import io.fideliza.run.Outputs;
import io.fideliza.run.RunContext;
import io.fideliza.run.Stage;
import io.fideliza.run.StageResults;
import io.fideliza.spark.ConcurrentJobs;
import io.fideliza.spark.InputReader;
import io.fideliza.spark.SmallRunSettings;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;

/** Reads every input of the input folder and validates it row by row; stages each input's quarantine. */
public final class IngestStage implements Stage<String, CleanInputs> {
    private final SparkSession spark;
    private final RunContext run;
    private final IngestSettings settings;
    private final String inputDir;

    public IngestStage(SparkSession spark, RunContext run, IngestSettings settings, String inputDir) {
        this.spark = spark;
        this.run = run;
        this.settings = settings;
        this.inputDir = inputDir;
    }

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public String input(StageResults earlier) {
        return inputDir;
    }

    @Override
    public CleanInputs run(String inputDir, Outputs outputs) {
        InputReader reader = new InputReader(spark, inputDir, d -> settings.encoding(d.datasetName()));
        var raw = reader.readAll();
        boolean local = spark.sparkContext().isLocal();
        if (settings.workFiles().small(local, reader.bytesLocated())) {
            SmallRunSettings.apply(spark);
        }
        boolean inMemory = settings.workFiles().inMemory(local, reader.bytesLocated());
        CleanInputs clean = new Ingest(spark, run, settings).run(raw, outputs.workArea(inMemory));
        ConcurrentJobs.all(clean.present().stream().<Callable<Object>>map(d -> () -> {
            outputs.stageQuarantine(d, clean.quarantine().get(d));
            return null;
        }).toList());
        return clean;
    }

}
