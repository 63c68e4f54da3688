package io.fideliza.tools;

import io.fideliza.config.JobConfig;
import io.fideliza.evaluate.PlantedAudit;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.ingest.IngestStage;
import io.fideliza.ingest.InputCheckStage;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.DiscardedOutputs;
import io.fideliza.run.Progress;
import io.fideliza.run.RunContext;
import io.fideliza.run.StageRunner;
import io.fideliza.spark.InputReader;
import io.fideliza.spark.SparkSessions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * For scripts/evaluate-planted: the nightly recommendations at a cut-off (the model trained that night, every
 * customer in one segment) checked against the truth planted in the input's {@code _truth/}, printed as markdown.
 * Usage: EvaluatePlanted INPUT CUTOFF [K] [CONFIG]
 */
public final class EvaluatePlanted {
    /** The inputs are read as of four weeks after the cut-off, as {@code fideliza evaluate} reads them by default. */
    private static final int WEEKS_READ_AFTER_CUTOFF = 4;

    private EvaluatePlanted() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EvaluatePlanted INPUT CUTOFF [K] [CONFIG]");
            System.exit(2);
        }
        String in = args[0];
        LocalDate cutoff = LocalDate.parse(args[1]);
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        JobConfig c = JobConfig.load(args.length > 3 ? Path.of(args[3]) : null);
        RunContext last = new RunContext(cutoff.plusDays(7L * WEEKS_READ_AFTER_CUTOFF), ZoneId.of(c.timezone()));
        InputReader.checkFolder(in);
        Progress progress = new Progress(System.out);
        SparkSession spark = SparkSessions.create(c.spark().master(), c.spark().shufflePartitions(), last.zone().getId());
        boolean failed = true;
        try {
            if (!PlantedAudit.present(spark, in)) {
                System.err.println(in + " has no planted truth (_truth/products.csv)");
                System.exit(2);
            }
            // The nightly run's own ingest stages, publishing nothing.
            CleanInputs clean = new StageRunner(progress, new Manifest(last.runDate()), stage -> { })
                    .run(List.of(new IngestStage(spark, last, c.ingest(), in), new InputCheckStage(last, c.ingest())),
                            new DiscardedOutputs(), null)
                    .get(CleanInputs.class);
            PlantedAudit.Result r = PlantedAudit.atCutoff(spark, c.recommend(), last.zone(), progress, clean, cutoff, k, in);
            progress.line("");
            progress.line("Planted truth (" + in + "/_truth), the nightly recommendations at the cut-off, top " + k
                    + ":\n\n" + r.markdown());
            failed = false;
        } finally {
            SparkSessions.stop(spark, failed, false);
        }
    }
}
