package io.fideliza.cli;

import io.fideliza.contract.InputError;
import io.fideliza.contract.OutputBusy;
import io.fideliza.contract.InputRefused;
import io.fideliza.run.RunStopped;
import io.fideliza.run.StopSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code fideliza} command: parses options and hands over to the library; errors become exit codes. */
@Command(name = "fideliza", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Turns customer history into segments, recommendations and per-segment action plans.",
        subcommands = {StageCommands.Run.class, StageCommands.Ingest.class, StageCommands.Features.class,
            StageCommands.Segment.class, StageCommands.Recommend.class, StageCommands.Plan.class,
            StageCommands.Export.class, GenerateCommand.class, EvaluateCommand.class, ForgetCommand.class, PlaybookCommand.class,
            ValidateCommand.class, ExplainCommand.class, PreviewCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, for example: fideliza run --help");
    }

    /** Runs the command line and hands its exit code to whoever launched this JVM (see {@link Launcher}). */
    public static void main(String[] args) throws org.apache.spark.SparkUserAppException {
        int code = execute(args);
        Launcher.current().end(code, System.err);
    }

    /** Set once a signal is stopping the JVM: the failure it causes in the run is not reported again. */
    private static volatile boolean stopping;

    /** Runs a command line and returns its exit code (see {@link ExitCodes}). */
    public static int execute(String... args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "fideliza-log4j2.properties");
        }
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        if (verbose) {
            io.fideliza.spark.SparkSessions.showSparkLog(); // before Spark starts: its start-up is logged too
        }
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> stopping ? ExitCodes.TERMINATED
                : report(e, cmd.getErr(), verbose));
        onSignal("TERM", ExitCodes.TERMINATED, verbose);
        onSignal("INT", ExitCodes.INTERRUPTED, verbose);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println(OUT_OF_MEMORY);
            return ExitCodes.OUT_OF_MEMORY;
        }
    }

    /**
     * The one place failures become exit codes: what the user can fix or must know is one line (with the stack
     * trace under {@code --verbose}); a bug prints its stack trace.
     */
    static int report(Exception e, java.io.PrintWriter err, boolean verbose) {
        int code;
        if (outOfMemory(e)) {
            err.println(OUT_OF_MEMORY);
            code = ExitCodes.OUT_OF_MEMORY;
        } else if (e instanceof OutputBusy) {
            err.println("busy: " + e.getMessage());
            code = ExitCodes.BUSY;
        } else if (e instanceof InputError) {
            err.println("error: " + e.getMessage());
            code = ExitCodes.USER_ERROR;
        } else if (e instanceof RunStopped) {
            err.println("stopped: " + e.getMessage());
            code = ExitCodes.TERMINATED;
        } else if (e instanceof InputRefused) {
            err.println("refused: " + e.getMessage());
            code = ExitCodes.DATA_REFUSED;
        } else {
            err.println("failed: " + e);
            e.printStackTrace(err);
            return ExitCodes.FAILURE;
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        return code;
    }

    static final String OUT_OF_MEMORY = "error: out of memory; nothing was published. Give the JVM more: FIDELIZA_HEAP=8g "
            + "scripts/fideliza ... (4g by default), or --driver-memory / spark.executor.memory with spark-submit";

    private static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // A task's failure may reach the driver as text only (a cluster's executor sends no exception object).
            if (t instanceof OutOfMemoryError || String.valueOf(t.getMessage()).contains("java.lang.OutOfMemoryError")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A scheduler's SIGTERM (or Ctrl-C) ends the run with one line and the shell's code for the signal: Spark's
     * own logging is silenced first, since every job it cancels on the way out would report itself. A publish
     * under way is let settle first (it undoes itself before its commit point, finishes after it), so the line
     * says what the run date holds; a run stopped after its manifest was written exits 0, since it published.
     * The shutdown hooks still run: Spark stops, the run's lock is released; its staging is left for the next run.
     */
    private static void onSignal(String name, int exitCode, boolean verbose) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                stopping = true;
                if (!verbose) {
                    org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.OFF);
                    org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.spark",
                            org.apache.logging.log4j.Level.OFF);
                }
                StopSignal.Outcome outcome = StopSignal.JVM.stop("SIG" + name, PUBLISH_SETTLES_WITHIN);
                int code = exitCode;
                switch (outcome.settled()) {
                    case PUBLISHED -> {
                        System.err.println("stopped: received SIG" + name + " after the commit point: "
                                + outcome.line());
                        code = ExitCodes.OK;
                    }
                    case AS_BEFORE, UNSETTLED -> System.err.println("stopped: received SIG" + name + " while publishing; "
                            + outcome.line());
                    default -> System.err.println("stopped: received SIG" + name + "; nothing of this run was "
                            + "published (the next run of this date clears what it left)"
                            + (outcome.line().isEmpty() ? "" : "; " + outcome.line()));
                }
                System.err.flush();
                System.exit(code);
            });
        } catch (IllegalArgumentException unsupported) {
            // A JVM without this signal (or one that reserves it) keeps its own handling.
        }
    }

    /** Undoing or finishing a publish is a handful of renames: far less than a scheduler's grace period. */
    static final java.time.Duration PUBLISH_SETTLES_WITHIN = java.time.Duration.ofSeconds(20);

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"fideliza " + (v == null ? "dev" : v)};
        }
    }
}
