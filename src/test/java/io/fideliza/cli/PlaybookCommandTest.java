package io.fideliza.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fideliza.testing.Files;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fideliza playbook check FILE}: OK and exit 0, or every problem and exit 2; a run with a typo exits 2. */
class PlaybookCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int check(Path file) {
        picocli.CommandLine cli = new picocli.CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute("playbook", "check", file.toString());
    }

    @Test
    void theShippedPlaybookIsOk() {
        assertEquals(ExitCodes.OK, check(Path.of("jobs/playbook.yaml")));
        assertEquals("OK: jobs/playbook.yaml" + System.lineSeparator(), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void everyProblemIsALineAndTheExitCodeIsTwo() throws Exception {
        String text = java.nio.file.Files.readString(Path.of("jobs/playbook.yaml"))
                .replace("    offer: win-back-10", "    ofer: win-back-10")
                .replace("  Hibernating: [win_back, nurture]", "  Hibernatng: [win_back, nurture]");
        Path p = Files.write(dir, "playbook.yaml", text);
        assertEquals(ExitCodes.USER_ERROR, check(p));
        String nl = System.lineSeparator();
        assertEquals("error: " + p + ": actions.win_back.ofer: unknown key 'ofer', did you mean 'offer'?" + nl
                + "error: " + p + ": segments.Hibernatng: unknown segment 'Hibernatng', did you mean 'Hibernating'?"
                + nl, err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void aRunWithAMistypedPlaybookExitsTwoBeforeItStarts() throws Exception {
        String text = java.nio.file.Files.readString(Path.of("jobs/playbook.yaml"))
                .replace("  Hibernating: [win_back, nurture]", "  Hibernatng: [win_back, nurture]");
        Files.write(dir, "playbook.yaml", text);
        Path config = Files.write(dir, "job.yaml", "plan:\n  playbook: playbook.yaml\n");
        Path output = dir.resolve("out");
        assertEquals(ExitCodes.USER_ERROR, Main.execute("run", "--config", config.toString(), "--input", "sample-data",
                "--output", output.toString(), "--run-date", "2026-06-30"));
        assertFalse(java.nio.file.Files.exists(output));
    }
}
