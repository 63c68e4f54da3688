package io.fideliza.pipeline;

import io.fideliza.config.JobConfig;
import io.fideliza.run.Progress;
import io.fideliza.run.RunContext;
import io.fideliza.spark.SparkSessions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;

/**
 * A run that stops and waits forever after a chosen stage, having said so on standard output: a test kills it
 * there, at a known point, without racing the run.
 * Arguments: run --input DIR --output DIR --run-date D --config FILE STAGE
 */
public final class PausedRun {
    static final String PAUSED = "paused";

    private PausedRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        String input = args[2];
        String output = args[4];
        LocalDate runDate = LocalDate.parse(args[6]);
        JobConfig config = JobConfig.load(Path.of(args[8]));
        String pauseAfter = args[9];
        var spark = SparkSessions.create(config.spark().master(), config.spark().shufflePartitions(), "UTC");
        CountDownLatch never = new CountDownLatch(1);
        new Pipeline(spark, config, new RunContext(runDate, ZoneOffset.UTC), new Progress(System.out))
                .afterEachStage(stage -> {
                    if (stage.equals(pauseAfter)) {
                        System.out.println(PAUSED);
                        System.out.flush();
                        try {
                            never.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                })
                .run(input, output);
    }
}
