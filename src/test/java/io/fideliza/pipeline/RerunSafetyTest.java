package io.fideliza.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fideliza.cli.ExitCodes;
import io.fideliza.config.JobConfig;
import io.fideliza.generate.SampleDataGenerator;
import io.fideliza.ingest.BrokenInputsTestAccess;
import io.fideliza.ingest.QuarantineLimitExceeded;
import io.fideliza.report.Progress;
import io.fideliza.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run date, run again and again over a tiny generated input, in order: a run that fails in a late
 * stage, a run killed with SIGKILL halfway (the command line in its own JVM, as a scheduler runs it) and
 * a run refused by the quarantine limit each leave the previous outputs and manifest of the date as they
 * were; a clean rerun publishes exactly the same outputs, file for file; no email reaches the console.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RerunSafetyTest {
    static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);
    static final Duration LIMIT = Duration.ofMinutes(15);
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    @TempDir
    static Path tmp;

    Path input;
    Path out;
    Path configFile;
    OutputSnapshot first;
    byte[] firstManifest;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    /** A small, fixed configuration: 3 k-means segments, 2 shuffle partitions. */
    static final String CONFIG = """
            spark:
              master: local[2]
              shuffle_partitions: 2
            segment:
              algorithm: kmeans
              k: 3
              k_min: 3
              k_max: 3
              min_segment_share: 0.0
              max_iterations: 20
            """;

    static Pipeline.Outcome run(JobConfig config, Path input, Path out, PrintStream console, Stage failAfter) {
        Pipeline p = new Pipeline(SharedSpark.get(), config, new RunContext(RUN_DATE, java.time.ZoneId.of("UTC")),
                new Progress(console));
        if (failAfter != null) {
            p.afterEachStage(stage -> {
                if (stage == failAfter) {
                    throw new IllegalStateException("injected failure after " + stage.label());
                }
            });
        }
        return p.run(input.toString(), out.toString(), Stage.EXPORT);
    }

    Pipeline.Outcome run(Path input, Stage failAfter) {
        return run(JobConfig.load(configFile), input, out, new PrintStream(new ByteArrayOutputStream()), failAfter);
    }

    static void generate(Path input) throws IOException {
        new SampleDataGenerator(new SampleDataGenerator.Spec(80, 60, 1, RUN_DATE, 200, 1, true)).writeTo(input);
    }

    @BeforeAll
    void firstRun() throws IOException {
        input = tmp.resolve("in");
        out = tmp.resolve("out");
        configFile = Files.writeString(tmp.resolve("job.yaml"), CONFIG);
        generate(input);
        run(JobConfig.load(configFile), input, out, new PrintStream(console, true, StandardCharsets.UTF_8), null);
        first = OutputSnapshot.of(SharedSpark.get(), out, RUN_DATE);
        firstManifest = Files.readAllBytes(manifest());
    }

    Path manifest() {
        return out.resolve("_manifests/" + RUN_DATE + ".json");
    }

    Path failedManifest() {
        return out.resolve("_manifests/" + RUN_DATE + ".failed.json");
    }

    void assertPreviousOutputsIntact() throws IOException {
        first.assertSameAs(OutputSnapshot.of(SharedSpark.get(), out, RUN_DATE));
        assertArrayEquals(firstManifest, Files.readAllBytes(manifest()), "the manifest is still the previous success");
    }

    @Test
    @Order(1)
    void aFailureInALateStageLeavesThePreviousOutputsWhole() throws IOException {
        assertTrue(first.datasets().size() >= 10, "every output was published: " + first.datasets().keySet());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(input, Stage.PLAN));
        assertTrue(e.getMessage().contains("injected failure after plan"));
        assertPreviousOutputsIntact();
        JsonNode failed = new ObjectMapper().readTree(failedManifest().toFile());
        assertEquals("failed", failed.get("status").asText());
        assertTrue(failed.get("error").asText().contains("injected failure after plan"), failed.toString());
        assertFalse(Files.exists(out.resolve("_staging")), "the failed run's staging is gone");
    }

    @Test
    @Order(2)
    void aKilledRunLeavesThePreviousOutputsWholeAndACleanRerunPublishesTheSameOutputs() throws Exception {
        // Killed once it has staged its first outputs, well before it could publish.
        Process killed = start(input, out, "killed");
        Path staged = out.resolve("_staging/run_date=" + RUN_DATE + "/quarantine");
        Instant deadline = Instant.now().plus(LIMIT);
        while (!Files.exists(staged) && killed.isAlive() && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertTrue(killed.isAlive(), "still running when its first output was staged: " + read("killed.err"));
        killed.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup.
        assertTrue(killed.waitFor(1, TimeUnit.MINUTES));
        assertNotEquals(0, killed.exitValue());
        assertTrue(Files.exists(out.resolve("_staging")), "the killed run left its staging behind");
        assertPreviousOutputsIntact();

        // The clean rerun, also a separate JVM: same outputs, byte for byte and file for file.
        int code = finish(start(input, out, "rerun"), "rerun");
        assertEquals(ExitCodes.OK, code, read("rerun.err"));
        assertFalse(Files.exists(out.resolve("_staging")), "stale staging is cleared");
        assertFalse(Files.exists(failedManifest()), "a success supersedes the failed attempt");
        first.assertSameAs(OutputSnapshot.of(SharedSpark.get(), out, RUN_DATE));
        assertEquals(OutputSnapshot.withoutTimings(firstManifest), OutputSnapshot.withoutTimings(
                Files.readAllBytes(manifest())), "the manifest differs in its timings only");
        assertTrue(read("rerun.out").contains("done: outputs in"), read("rerun.out"));
        for (String name : List.of("killed.out", "killed.err", "rerun.out", "rerun.err")) {
            assertFalse(EMAIL.matcher(read(name)).find(), "an email address on the console: " + read(name));
        }
        firstManifest = Files.readAllBytes(manifest());
    }

    @Test
    @Order(3)
    void aRunOverTheQuarantineLimitPublishesNothing() throws IOException {
        Path broken = tmp.resolve("broken");
        generate(broken);
        Path orders = broken.resolve("orders.csv");
        List<String> lines = Files.readAllLines(orders);
        assertEquals("order_id,customer_id,product_id,ordered_at,quantity,unit_price,channel,status", lines.get(0));
        StringBuilder bad = new StringBuilder();
        // 10% of the orders with an unreadable timestamp: above the default limit of 5%.
        for (int i = 0; i < lines.size() / 10 + 1; i++) {
            bad.append("BAD").append(i).append(",C1,P1,not a date,1,1,web,completed\n");
        }
        Files.writeString(orders, bad.toString(), StandardOpenOption.APPEND);

        QuarantineLimitExceeded e = assertThrows(QuarantineLimitExceeded.class, () -> run(broken, null));
        assertTrue(e.getMessage().startsWith("orders: "), e.getMessage());
        assertTrue(e.getMessage().contains("invalid_timestamp"), e.getMessage());
        assertPreviousOutputsIntact();
        JsonNode failed = new ObjectMapper().readTree(failedManifest().toFile());
        assertEquals("failed", failed.get("status").asText());
        JsonNode o = failed.get("inputs").get("orders");
        assertTrue(o.get("quarantined").asLong() > lines.size() / 10, o.toString());
        assertEquals(o.get("read").asLong(), o.get("valid").asLong() + o.get("quarantined").asLong()
                + o.get("duplicates").asLong() + o.get("after_run_date").asLong(), "every row accounted for");
    }

    @Test
    @Order(4)
    void publishedFoldersAreNotWorldWritableAndExportNamesAreSafe() throws IOException {
        try (Stream<Path> all = Files.walk(out)) {
            for (Path p : all.filter(p -> !p.equals(out)).toList()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                assertFalse(perms.contains(PosixFilePermission.OTHERS_WRITE), p + " is world-writable");
                if (Files.isDirectory(p)) {
                    assertFalse(perms.contains(PosixFilePermission.OTHERS_READ), p + " is readable by anyone");
                }
            }
        }
        try (Stream<Path> exports = Files.list(out.resolve("exports/run_date=" + RUN_DATE))) {
            for (Path p : exports.toList()) {
                assertTrue(p.getFileName().toString().matches("[a-z0-9][a-z0-9-]*\\.csv|_summary\\.csv"),
                        "a safe file name: " + p.getFileName());
            }
        }
    }

    @Test
    @Order(5)
    void theProgressLinesNeverShowPersonalData() {
        String text = console.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("ingest"), text);
        assertFalse(EMAIL.matcher(text).find(), text);
    }

    @Test
    @Order(6)
    void anUnreadableFileIsExitCode2AndOneLineNamingIt() throws Exception {
        Path gz = tmp.resolve("gz");
        BrokenInputsTestAccess.truncatedGzipCase(gz);
        int code = finish(start(gz, tmp.resolve("gz-out"), "gz"), "gz");
        assertEquals(ExitCodes.USER_ERROR, code, read("gz.err"));
        assertEquals(List.of("error: orders.csv.gz: cannot read: Unexpected end of ZLIB input stream"),
                read("gz.err").lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING: Using incubator"))
                        .toList(), "one line, no stack trace");
    }

    // ---- the command line in its own JVM ----

    private String read(String name) {
        try {
            Path p = tmp.resolve(name);
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code java ... io.fideliza.cli.Main run} with the test classpath and Spark's JVM flags. */
    private Process start(Path input, Path out, String name) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // Surefire's argLine: the pom's spark.jvm.flags; not the heap size, a debugger or an agent.
            if (!arg.startsWith("-Xmx") && !arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
                cmd.add(arg);
            }
        }
        cmd.add("-Xmx1g");
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator));
        cmd.add("io.fideliza.cli.Main");
        cmd.addAll(List.of("run", "--input", input.toString(), "--output", out.toString(),
                "--run-date", RUN_DATE.toString(), "--config", configFile.toString()));
        return new ProcessBuilder(cmd).redirectOutput(tmp.resolve(name + ".out").toFile())
                .redirectError(tmp.resolve(name + ".err").toFile()).start();
    }

    private int finish(Process p, String name) throws InterruptedException {
        if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the run took longer than " + LIMIT + ": " + read(name + ".err"));
        }
        return p.exitValue();
    }
}
