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
}
