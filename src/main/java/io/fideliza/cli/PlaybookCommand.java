package io.fideliza.cli;

import io.fideliza.config.PlaybookCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fideliza playbook ...}: what a marketer does with a playbook before the night runs it. */
@Command(name = "playbook", mixinStandardHelpOptions = true, description = "Work with a playbook file.",
        subcommands = PlaybookCommand.Check.class)
final class PlaybookCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, for example: fideliza playbook check FILE");
    }

    /** Prints OK, or every problem of the playbook (file, key, did-you-mean) and exits 2. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check every key, action and segment name of a playbook: prints OK or each problem (exit 2).")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The playbook (for example jobs/playbook.yaml).")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<String> problems = PlaybookCheck.problems(file);
            if (problems.isEmpty()) {
                spec.commandLine().getOut().println("OK: " + file);
                return ExitCodes.OK;
            }
            problems.forEach(p -> spec.commandLine().getErr().println("error: " + p));
            return ExitCodes.USER_ERROR;
        }
    }
}
