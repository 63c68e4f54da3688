package io.fideliza.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors a user can make end in one line and a documented exit code, before Spark even starts. */
class MainTest {
    @TempDir
    Path dir;

    record Result(int code, String err) {
    }

    static Result run(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Result(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }

    @Test
    void aMissingInputFolderIsExitCode2AndOneLine() {
        Result r = run("run", "--input", dir.resolve("nope").toString(), "--output", dir.resolve("out").toString());
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertEquals("error: input folder not found: " + dir.resolve("nope") + System.lineSeparator(), r.err());
    }

    @Test
    void evaluateSharesTheRunOptions() {
        Result r = run("evaluate", "--input", dir.resolve("nope").toString(), "--cutoff", "2011-08-31");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertEquals("error: input folder not found: " + dir.resolve("nope") + System.lineSeparator(), r.err());
        Result zone = run("evaluate", "--input", dir.toString(), "--cutoff", "2011-08-31", "--timezone", "Mars/Olympus");
        assertEquals(ExitCodes.USER_ERROR, zone.code());
        assertTrue(zone.err().startsWith("error: unknown time zone 'Mars/Olympus'"), zone.err());
    }

    @Test
    void badOptionsGetTheUsage() {
        Result r = run("run", "--run-date", "yesterday");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertTrue(r.err().contains("Invalid value for option '--run-date'"), r.err());
        assertTrue(r.err().contains("Usage: fideliza run"), r.err());
    }

    @Test
    void anUnknownTimezoneIsNamed() {
        Result r = run("ingest", "--input", dir.toString(), "--timezone", "Mars/Olympus");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertTrue(r.err().startsWith("error: unknown time zone 'Mars/Olympus'"), r.err());
    }

    @Test
    void aMasterUrlSparkCannotUseIsExitCode2AndOneLineBeforeSparkStarts() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("in"));
        Result r = run("run", "--input", dir.resolve("in").toString(), "--output", dir.resolve("out").toString(),
                "--master", "bogus://x");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertEquals("error: cannot start Spark: 'bogus://x' is not a master URL (use local[*], local[N], "
                + "spark://HOST:PORT, yarn or k8s://URL)" + System.lineSeparator(), r.err());
    }

    @Test
    void onlyKnownGuardsCanBeAccepted() {
        Result r = run("run", "--input", dir.toString(), "--accept", "stale_data,everything");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertTrue(r.err().startsWith("--accept: no guard called 'everything' (the guards: quarantine_share, "
                + "empty_input, volume_drop, stale_data)"), r.err());
    }

    @Test
    void everyFailureTheUserCanActOnIsOneLineWithItsOwnCode() {
        java.io.StringWriter text = new java.io.StringWriter();
        java.io.PrintWriter err = new java.io.PrintWriter(text);
        Exception oom = new IllegalStateException("job aborted", new RuntimeException(new OutOfMemoryError("heap")));
        assertEquals(ExitCodes.OUT_OF_MEMORY, Main.report(oom, err, false));
        assertEquals(ExitCodes.BUSY, Main.report(new io.fideliza.contract.OutputBusy("held"), err, false));
        assertEquals(ExitCodes.DATA_REFUSED, Main.report(new io.fideliza.contract.InputRefused("orders: empty", null),
                err, false));
        assertEquals(ExitCodes.USER_ERROR, Main.report(new io.fideliza.contract.InputError("bad"), err, false));
        err.flush();
        assertEquals(java.util.List.of(Main.OUT_OF_MEMORY, "busy: held", "refused: orders: empty", "error: bad"),
                text.toString().lines().toList());
        assertEquals(ExitCodes.FAILURE, Main.report(new IllegalStateException("a bug"), err, false));
    }
}
