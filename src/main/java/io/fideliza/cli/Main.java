package io.fideliza.cli;

import io.fideliza.contract.InputError;
import io.fideliza.contract.InputRefused;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code fideliza} command: parses options and hands over to the library; errors become exit codes. */
@Command(name = "fideliza", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Turns customer history into segments, recommendations and per-segment action plans.",
        subcommands = {StageCommands.Run.class, StageCommands.Ingest.class, StageCommands.Features.class,
            StageCommands.Segment.class, StageCommands.Recommend.class, StageCommands.Plan.class,
            StageCommands.Export.class, GenerateCommand.class, EvaluateCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, for example: fideliza run --help");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (see {@link ExitCodes}). */
    public static int execute(String... args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "fideliza-log4j2.properties");
        }
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof InputError) {
                cmd.getErr().println("error: " + e.getMessage());
                if (verbose) {
                    e.printStackTrace(cmd.getErr());
                }
                return ExitCodes.USER_ERROR;
            }
            if (e instanceof InputRefused) {
                cmd.getErr().println("refused: " + e.getMessage());
                return ExitCodes.DATA_REFUSED;
            }
            cmd.getErr().println("failed: " + e);
            e.printStackTrace(cmd.getErr());
            return ExitCodes.FAILURE;
        });
        return cli.execute(args);
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"fideliza " + (v == null ? "dev" : v)};
        }
    }
}
