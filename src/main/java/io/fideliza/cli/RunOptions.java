package io.fideliza.cli;

import io.fideliza.config.JobConfig;
import io.fideliza.contract.InputError;
import io.fideliza.run.RunContext;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import picocli.CommandLine.Option;

/** Options every Spark command shares (a picocli mixin: run, the stages, evaluate). Command line beats --config beats defaults. */
public final class RunOptions {
    @Option(names = "--input", paramLabel = "DIR", description = "Folder of input datasets (default: config 'input').")
    String input;

    @Option(names = "--output", paramLabel = "DIR", description = "Output folder (default: config 'output').")
    String output;

    @Option(names = "--timezone", paramLabel = "ZONE",
            description = "Zone for timestamps without an offset (default: config 'timezone', UTC).")
    String timezone;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not under spark-submit (default: config 'spark.master', local[*]).")
    String master;

    @Option(names = "--config", paramLabel = "FILE", description = "Job config over the defaults (see jobs/nightly.yaml).")
    Path config;

    @Option(names = "--verbose", description = "Spark's own log and stack traces on errors.")
    boolean verbose;

    JobConfig loadConfig() {
        return JobConfig.load(config);
    }

    String input(JobConfig c) {
        return input != null ? input : c.input();
    }

    String output(JobConfig c) {
        return output != null ? output : c.output();
    }

    String master(JobConfig c) {
        return master != null ? master : c.spark().master();
    }

    /** The run of {@code day} (today, UTC, when null) in the zone from the options or the config. */
    RunContext runContext(JobConfig c, LocalDate day) {
        String zone = timezone != null ? timezone : c.timezone();
        try {
            return new RunContext(day != null ? day : LocalDate.now(ZoneOffset.UTC), ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw new InputError("unknown time zone '" + zone + "' (use an IANA name such as Europe/Madrid, or UTC)");
        }
    }
}
