package io.fideliza.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fideliza.cli.ExitCodes;
import io.fideliza.config.JobConfig;
import io.fideliza.contract.InputRefused;
import io.fideliza.ingest.BrokenInputsTestAccess;
import io.fideliza.run.Progress;
import io.fideliza.run.RunContext;
import io.fideliza.testing.PublishedNights;
import io.fideliza.testing.Slow;
import io.fideliza.testing.SparkTest;
import io.fideliza.tools.OutputComparison;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run date published over a tiny generated input (the suite's shared nights, testing.PublishedNights: its
 * next night); each test works on its own copy of those outputs: a run that fails in a late stage, a run killed
 * with SIGKILL halfway (the command line in its own JVM, as a scheduler runs it) and a run refused by the
 * quarantine limit each leave the previous outputs and manifest of the date as they were; a clean rerun
 * publishes exactly the same outputs, file for file; no email reaches the console.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SparkTest
@Slow
class RerunSafetyTest {
    static final LocalDate RUN_DATE = PublishedNights.NEXT;
    static final Duration LIMIT = Duration.ofMinutes(15);
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    @TempDir
    static Path tmp;

    private final SparkSession spark;
    private PublishedNights nights;
    private Path input;
    private Path configFile;
    /** The shared nights' outputs: never written to. */
    private Path published;
    private byte[] publishedManifest;

    RerunSafetyTest(SparkSession spark) {
        this.spark = spark;
    }

    @BeforeAll
    void publishedNights() throws IOException {
        nights = PublishedNights.of(spark);
        input = nights.input();
        published = nights.output();
        configFile = nights.configFile();
        publishedManifest = Files.readAllBytes(manifest(published));
    }

    Pipeline.Outcome run(Path input, Path out, PrintStream console, String failAfter) {
        Pipeline p = new Pipeline(spark, JobConfig.load(configFile), new RunContext(RUN_DATE, ZoneId.of("UTC")),
                new Progress(console));
        if (failAfter != null) {
            p.afterEachStage(stage -> {
                if (stage.equals(failAfter)) {
                    throw new IllegalStateException("injected failure after " + stage);
                }
            });
        }
        return p.run(input.toString(), out.toString());
    }

    Pipeline.Outcome run(Path input, Path out, String failAfter) {
        return run(input, out, new PrintStream(OutputStream.nullOutputStream()), failAfter);
    }

    static Path manifest(Path out) {
        return out.resolve("_manifests/" + RUN_DATE + ".json");
    }

    static Path failedManifest(Path out) {
        return out.resolve("_manifests/" + RUN_DATE + ".failed.json");
    }

    /** A copy of the published outputs for one test to run over. */
    Path copyOfPublished(String name) {
        return nights.copyOfOutput(tmp.resolve(name));
    }

    /** Every output of the date, row for row and file for file, equals the first run's. */
    void assertSameOutputsAsPublished(Path out) {
        List<OutputComparison.Verdict> verdicts = OutputComparison.compare(spark, published, out, RUN_DATE.toString(), 0);
        assertTrue(verdicts.size() >= 12, "every output was published: " + verdicts);
        assertTrue(verdicts.stream().allMatch(OutputComparison.Verdict::same), verdicts.toString());
    }

    void assertPreviousOutputsIntact(Path out) throws IOException {
        assertSameOutputsAsPublished(out);
        assertArrayEquals(publishedManifest, Files.readAllBytes(manifest(out)), "the manifest is still the previous success");
    }

    @Test
    void aFailureInALateStageLeavesThePreviousOutputsWhole() throws IOException {
        Path out = copyOfPublished("late-failure");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(input, out, "plan"));
        assertTrue(e.getMessage().contains("injected failure after plan"));
        assertPreviousOutputsIntact(out);
        JsonNode failed = new ObjectMapper().readTree(failedManifest(out).toFile());
        assertEquals("failed", failed.get("status").asText());
        assertTrue(failed.get("error").asText().contains("injected failure after plan"), failed.toString());
        assertFalse(Files.exists(out.resolve("_staging")), "the failed run's staging is gone");
    }

    @Test
    void aKilledRunLeavesThePreviousOutputsWholeAndACleanRerunPublishesTheSameOutputs() throws Exception {
        Path out = copyOfPublished("killed");
        // Paused once ingest has staged its outputs, well before it could publish: killed there.
        Process killed = start(PausedRun.class, out, "killed", "ingest");
        String shown = awaitLine(killed, PausedRun.PAUSED);
        assertTrue(killed.isAlive(), "paused, not finished");
        killed.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup.
        assertTrue(killed.waitFor(1, TimeUnit.MINUTES));
        assertNotEquals(0, killed.exitValue());
        assertTrue(Files.exists(out.resolve("_staging")), "the killed run left its staging behind");
        assertPreviousOutputsIntact(out);

        // The clean rerun, also a separate JVM: same outputs, byte for byte and file for file.
        Process rerun = start(io.fideliza.cli.Main.class, out, "rerun");
        String rerunOut = awaitLine(rerun, null);
        assertEquals(ExitCodes.OK, finish(rerun, "rerun"), read("rerun.err"));
        assertFalse(Files.exists(out.resolve("_staging")), "stale staging is cleared");
        assertFalse(Files.exists(failedManifest(out)), "a success supersedes the failed attempt");
        assertSameOutputsAsPublished(out);
        assertEquals(withoutTimings(publishedManifest), withoutTimings(Files.readAllBytes(manifest(out))),
                "the manifest differs in its timings (and its output folder) only");
        assertTrue(rerunOut.contains("done: outputs in"), rerunOut);
        for (String text : List.of(shown, read("killed.err"), rerunOut, read("rerun.err"))) {
            assertFalse(EMAIL.matcher(text).find(), "an email address on the console: " + text);
        }
    }

    @Test
    void aRefitPublishesItsModelOnlyWithTheRestOfTheRun() throws IOException {
        Path out = copyOfPublished("failed-refit");
        LocalDate next = RUN_DATE.plusDays(1);
        JobConfig c = JobConfig.load(configFile);
        JobConfig refit = c.withSegment(c.segment().withModel(c.segment().model().withRefit(true)));
        Pipeline failing = new Pipeline(spark, refit, new RunContext(next, ZoneId.of("UTC")),
                new Progress(new PrintStream(OutputStream.nullOutputStream()))).afterEachStage(stage -> {
                    if (stage.equals("segment")) {
                        throw new IllegalStateException("injected failure after " + stage);
                    }
                });
        assertThrows(IllegalStateException.class, () -> failing.run(input.toString(), out.toString()));
        assertEquals(List.of("version=1"), list(out.resolve("_models/segments")), "the failed refit published no model");
        // The run up to the segment stage publishes what it made, the model with it.
        new Pipeline(spark, refit, new RunContext(next, ZoneId.of("UTC")),
                new Progress(new PrintStream(OutputStream.nullOutputStream())))
                .run(input.toString(), out.toString(), "segment");
        assertEquals(List.of("version=1", "version=2"), list(out.resolve("_models/segments")));
        JsonNode model = new ObjectMapper().readTree(out.resolve("_manifests/" + next + ".json").toFile())
                .get("segment_model");
        assertEquals(2, model.get("version").asInt());
        assertEquals("requested (--refit or segment.refit)", model.get("refit_reason").asText());
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRunOverTheQuarantineLimitPublishesNothing() throws IOException {
        Path out = copyOfPublished("refused");
        Path broken = nights.copyOfInput(tmp.resolve("broken"));
        Path orders = broken.resolve("orders.csv");
        List<String> lines = Files.readAllLines(orders);
        assertEquals("order_id,customer_id,product_id,ordered_at,quantity,unit_price,channel,status", lines.get(0));
        StringBuilder bad = new StringBuilder();
        // 10% of the orders with an unreadable timestamp: above the default limit of 5%.
        for (int i = 0; i < lines.size() / 10 + 1; i++) {
            bad.append("BAD").append(i).append(",C1,P1,not a date,1,1,web,completed\n");
        }
        Files.writeString(orders, bad.toString(), StandardOpenOption.APPEND);

        InputRefused e = assertThrows(InputRefused.class, () -> run(broken, out, null));
        assertTrue(e.getMessage().startsWith("orders: "), e.getMessage());
        assertTrue(e.getMessage().contains("invalid_timestamp"), e.getMessage());
        assertPreviousOutputsIntact(out);
        JsonNode failed = new ObjectMapper().readTree(failedManifest(out).toFile());
        assertEquals("failed", failed.get("status").asText());
        JsonNode o = failed.get("inputs").get("orders");
        assertTrue(o.get("quarantined").asLong() > lines.size() / 10, o.toString());
        assertEquals(o.get("read").asLong(), o.get("valid").asLong() + o.get("quarantined").asLong()
                + o.get("duplicates").asLong() + o.get("after_run_date").asLong(), "every row accounted for");
    }

    @Test
    void publishedFoldersAreNotWorldWritableAndExportNamesAreSafe() throws IOException {
        try (Stream<Path> all = Files.walk(published)) {
            for (Path p : all.filter(p -> !p.equals(published)).toList()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                assertFalse(perms.contains(PosixFilePermission.OTHERS_WRITE), p + " is world-writable");
                if (Files.isDirectory(p)) {
                    assertFalse(perms.contains(PosixFilePermission.OTHERS_READ), p + " is readable by anyone");
                }
            }
        }
        try (Stream<Path> exports = Files.walk(published.resolve("exports/run_date=" + RUN_DATE), 2)) {
            for (Path p : exports.filter(Files::isRegularFile).toList()) {
                assertTrue(p.getFileName().toString().matches("[a-z0-9][a-z0-9_-]*(\\.new)?\\.csv|_summary\\.csv"),
                        "a safe file name: " + p.getFileName());
            }
        }
    }

    @Test
    void theProgressLinesNeverShowPersonalData() {
        String text = nights.console();
        assertTrue(text.contains("ingest"), text);
        assertFalse(EMAIL.matcher(text).find(), text);
    }

    @Test
    void anUnreadableFileIsExitCode2AndOneLineNamingIt() throws Exception {
        Path gz = tmp.resolve("gz");
        BrokenInputsTestAccess.truncatedGzipCase(gz);
        Process p = start(io.fideliza.cli.Main.class, gz, tmp.resolve("gz-out"), "gz");
        awaitLine(p, null);
        assertEquals(ExitCodes.USER_ERROR, finish(p, "gz"), read("gz.err"));
        assertEquals(List.of("error: orders.csv.gz: cannot read: Unexpected end of ZLIB input stream"),
                read("gz.err").lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING: Using incubator"))
                        .toList(), "one line, no stack trace");
    }

    /** A manifest without the fields that say when, how long and where to: those differ from copy to copy. */
    static String withoutTimings(byte[] manifest) {
        try {
            ObjectNode o = (ObjectNode) new ObjectMapper().readTree(manifest);
            o.remove(List.of("started_at", "finished_at", "attempt")); // the attempt id is new each run
            ((ObjectNode) o.get("parameters")).remove("output");
            for (JsonNode stage : o.withArray("stages")) {
                ((ObjectNode) stage).remove("seconds");
            }
            return o.toPrettyString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the command line in its own JVM ----

    private String read(String name) {
        try {
            Path p = tmp.resolve(name);
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Process start(Class<?> main, Path out, String name, String... extra) throws IOException {
        return start(main, input, out, name, extra);
    }

    /** {@code java ... MAIN run --input ... --output ...} with the test classpath and Spark's JVM flags; stderr to NAME.err. */
    private Process start(Class<?> main, Path input, Path out, String name, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // Surefire's argLine: the pom's spark.jvm.flags; not the heap size, a debugger or an agent.
            if (!arg.startsWith("-Xmx") && !arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
                cmd.add(arg);
            }
        }
        cmd.add("-Xmx1g");
        // The test JVM's Spark settings given as system properties (testing.SparkExtension: no code generation).
        for (String key : List.of("spark.sql.codegen.wholeStage", "spark.sql.codegen.factoryMode")) {
            if (System.getProperty(key) != null) {
                cmd.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator));
        cmd.add(main.getName());
        cmd.addAll(List.of("run", "--input", input.toString(), "--output", out.toString(),
                "--run-date", RUN_DATE.toString(), "--config", configFile.toString()));
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd).redirectError(tmp.resolve(name + ".err").toFile()).start();
    }

    /** The child's standard output up to the line {@code marker} (null: to its end), read as it comes. */
    private static String awaitLine(Process p, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            if (line.equals(marker)) {
                return seen.toString();
            }
        }
        if (marker != null) {
            throw new AssertionError("the run ended before '" + marker + "': " + seen);
        }
        return seen.toString();
    }

    private int finish(Process p, String name) throws InterruptedException {
        if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the run took longer than " + LIMIT + ": " + read(name + ".err"));
        }
        return p.exitValue();
    }
}
