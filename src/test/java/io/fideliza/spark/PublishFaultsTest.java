package io.fideliza.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fideliza.contract.OutputDataset;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.Outputs;
import io.fideliza.run.RunStopped;
import io.fideliza.run.StopSignal;
import io.fideliza.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure, a SIGTERM and a kill at every step of publishing a run date that was published before: after each,
 * the date is exactly the old state or exactly the new one (the datasets and the manifest), the message says
 * which, and the next run finds nothing left to clear.
 */
@SparkTest
class PublishFaultsTest {
    static final LocalDate DAY = LocalDate.of(2026, 6, 30);
    static final List<OutputDataset> DATASETS = List.of(OutputDataset.CUSTOMER_FEATURES, OutputDataset.SEGMENTS,
            OutputDataset.EXPORTS);

    private final SparkSession spark;

    @TempDir
    Path tmp;

    private Map<String, String> oldState;
    private Map<String, String> newState;
    private List<String> steps;

    PublishFaultsTest(SparkSession spark) {
        this.spark = spark;
    }

    /** A kill -9: nothing after it runs, not even the publisher's own undo. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    @BeforeEach
    void states() throws IOException {
        Path old = tmp.resolve("old");
        publish(old, "old", false, step -> { });
        oldState = state(old);
        Path both = tmp.resolve("new");
        publish(both, "old", false, step -> { });
        steps = new ArrayList<>();
        publish(both, "new", true, steps::add);
        newState = state(both);
    }

    @Test
    void theStepsAreTheOnesDocumented() {
        assertEquals(List.of("journal", "manifest-write", "set-aside:manifest", "move:customer_features",
                "move:segments", "move:exports", "move:_models/segments/version=1", "commit", "after-commit"), steps);
        assertEquals("old customer_features", oldState.get("customer_features/run_date=2026-06-30/part.txt"));
        assertEquals("new customer_features", newState.get("customer_features/run_date=2026-06-30/part.txt"));
        assertEquals("succeeded old", oldState.get("_manifests/2026-06-30.json"));
        assertEquals("succeeded new", newState.get("_manifests/2026-06-30.json"));
        assertFalse(oldState.containsKey("exports/run_date=2026-06-30/part.txt"), "the new run adds exports");
        assertEquals("new model", newState.get("_models/segments/version=1/part.txt"));
    }

    @Test
    void aFailureAtEveryStepBeforeTheCommitLeavesTheOldStateAndSaysSo() throws IOException {
        for (String step : steps) {
            Path out = tmp.resolve("fail-" + step.replace(':', '-').replace('/', '-'));
            publish(out, "old", false, s -> { });
            Consumer<String> fail = s -> {
                if (s.equals(step)) {
                    throw new IllegalStateException("injected at " + s);
                }
            };
            if (step.equals("after-commit")) {
                Publisher.Result r = publish(out, "new", true, fail);
                assertEquals("run date 2026-06-30 published (its manifest says succeeded)", r.line(), step);
                assertTrue(r.leftover().orElseThrow().contains("the next run clears it"), step);
                assertEquals(newState, state(out), step);
                // The set-aside copies the failure left are the next run's to delete: it says so.
                try (OutputStore next = store(out)) {
                    assertEquals(1, next.repairs().size(), step);
                    assertTrue(next.repairs().get(0).startsWith("finished publishing run date 2026-06-30, interrupted "
                            + "after its manifest was written"), next.repairs().get(0));
                }
                assertEquals(newState, state(out), step);
            } else {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> publish(out, "new", true, fail), step);
                assertTrue(e.getMessage().startsWith("publishing failed at "), e.getMessage());
                assertTrue(e.getMessage().endsWith("nothing of this run was published: run date 2026-06-30 is as it "
                        + "was, the run that finished at " + finishedAt(out) + " (" + manifestUri(out) + " says "
                        + "succeeded)"), e.getMessage());
                assertEquals(oldState, state(out), step);
            }
            assertNextRunIsClean(out, step, List.of());
        }
    }

    @Test
    void aKillAtEveryStepIsRepairedByTheNextRunToTheStateItsManifestNames() throws IOException {
        for (String step : steps) {
            Path out = tmp.resolve("kill-" + step.replace(':', '-').replace('/', '-'));
            publish(out, "old", false, s -> { });
            assertThrows(Killed.class, () -> publish(out, "new", true, s -> {
                if (s.equals(step)) {
                    throw new Killed();
                }
            }), step);
            boolean committed = step.equals("after-commit");
            String repaired = committed
                    ? "finished publishing run date 2026-06-30, interrupted after its manifest was written (attempt "
                    : "undid an interrupted publish of run date 2026-06-30; nothing of this run was published: run "
                    + "date 2026-06-30 is as it was, the run that finished at ";
            try (OutputStore next = store(out)) {
                if (step.equals("journal")) {
                    assertEquals(List.of(), next.repairs(), "killed before its journal: nothing had moved");
                } else {
                    assertEquals(1, next.repairs().size(), step);
                    assertTrue(next.repairs().get(0).startsWith(repaired), step + ": " + next.repairs());
                }
            }
            assertEquals(committed ? newState : oldState, state(out), step);
            assertNextRunIsClean(out, step, List.of());
        }
    }

    @Test
    void aSigtermAtEveryStepSettlesBeforeTheExitAndSaysWhich() throws IOException {
        for (String step : steps) {
            Path out = tmp.resolve("term-" + step.replace(':', '-').replace('/', '-'));
            publish(out, "old", false, s -> { });
            StopSignal signal = new StopSignal();
            AtomicReference<StopSignal.Outcome> outcome = new AtomicReference<>();
            List<Thread> handler = new ArrayList<>();
            Consumer<String> term = s -> {
                if (s.equals(step)) {
                    // The signal's handler runs on its own thread and waits for publishing to settle.
                    Thread t = new Thread(() -> outcome.set(signal.stop("SIGTERM", Duration.ofSeconds(30))));
                    t.start();
                    handler.add(t);
                    while (signal.received().isEmpty()) {
                        Thread.onSpinWait();
                    }
                }
            };
            // The commit rename follows its step without another look at the signal: from there, it publishes.
            boolean published = step.equals("commit") || step.equals("after-commit");
            if (published) {
                publish(out, "new", true, term, signal);
            } else {
                RunStopped e = assertThrows(RunStopped.class, () -> publish(out, "new", true, term, signal), step);
                assertTrue(e.getMessage().startsWith("stopped by SIGTERM while publishing; nothing of this run was "
                        + "published: run date 2026-06-30 is as it was"), e.getMessage());
            }
            join(handler);
            assertEquals(published ? StopSignal.Settled.PUBLISHED : StopSignal.Settled.AS_BEFORE,
                    outcome.get().settled(), step);
            assertEquals(published ? "run date 2026-06-30 published (its manifest says succeeded)"
                    : "nothing of this run was published: run date 2026-06-30 is as it was, the run that finished at "
                    + finishedAt(out) + " (" + manifestUri(out) + " says succeeded)", outcome.get().line(), step);
            assertEquals(published ? newState : oldState, state(out), step);
            assertNextRunIsClean(out, step, List.of());
        }
    }

    @Test
    void aSignalBeforePublishingStartsPublishesNothing() throws IOException {
        Path out = tmp.resolve("early");
        publish(out, "old", false, s -> { });
        StopSignal signal = new StopSignal();
        assertEquals(StopSignal.Settled.NOT_STARTED, signal.stop("SIGTERM", Duration.ZERO).settled());
        List<String> taken = new ArrayList<>();
        assertThrows(RunStopped.class, () -> publish(out, "new", true, taken::add, signal));
        assertEquals(List.of(), taken, "not one step taken");
        assertEquals(oldState, state(out));
    }

    @Test
    void aFirstPublishThatFailsLeavesTheDateUnpublished() throws IOException {
        Path out = tmp.resolve("first");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> publish(out, "new", true, s -> {
            if (s.equals("move:exports")) {
                throw new IllegalStateException("injected");
            }
        }));
        assertTrue(e.getMessage().endsWith("nothing of this run was published: run date 2026-06-30 is as it was, not "
                + "published"), e.getMessage());
        assertEquals(Map.of(), state(out));
        assertNextRunIsClean(out, "first", List.of());
    }

    private void assertNextRunIsClean(Path out, String step, List<String> repairs) throws IOException {
        Map<String, String> before = state(out);
        try (OutputStore next = store(out)) {
            assertEquals(repairs, next.repairs(), step);
        }
        assertEquals(before, state(out), step);
        assertFalse(Files.exists(out.resolve("_trash")), step + ": _trash left");
        assertFalse(Files.exists(out.resolve("_staging")), step + ": _staging left");
        try (Stream<Path> m = Files.list(out.resolve("_manifests"))) {
            List<String> hidden = m.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
            assertEquals(List.of(), hidden, step + ": a journal or manifest copy left");
        } catch (java.nio.file.NoSuchFileException none) {
            // No manifest ever written.
        }
    }

    private OutputStore store(Path out) {
        return new OutputStore(spark, out.toString(), DAY, new Manifest(DAY));
    }

    private Publisher.Result publish(Path out, String which, boolean withModel, Consumer<String> hook) {
        return publish(out, which, withModel, hook, new StopSignal());
    }

    /** A run of the date writing "WHICH DATASET" in each dataset (exports and a model only in the new one). */
    private Publisher.Result publish(Path out, String which, boolean withModel, Consumer<String> hook,
                                     StopSignal signal) {
        Manifest manifest = new Manifest(DAY);
        manifest.detail("which", which);
        try (OutputStore store = new OutputStore(spark, out.toString(), DAY, manifest)) {
            store.atPublishStep(hook).stoppedBy(signal);
            for (OutputDataset d : DATASETS) {
                if (d != OutputDataset.EXPORTS || which.equals("new")) {
                    store.writeText(new org.apache.hadoop.fs.Path(store.stageFolder(d), "part.txt"),
                            which + " " + d.folder());
                }
            }
            if (withModel) {
                Outputs.ModelVersion v = store.stageModel("segments");
                store.writeText(new org.apache.hadoop.fs.Path(v.folder(), "part.txt"), which + " model");
            }
            return store.commit();
        }
    }

    private static void join(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String manifestUri(Path out) {
        return "file:" + out.resolve("_manifests/" + DAY + ".json");
    }

    private static String finishedAt(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("_manifests/" + DAY + ".json").toFile()).path("finished_at")
                .asText();
    }

    /**
     * What a reader sees of the output folder: every published file with its content, the manifest as its status and
     * which run wrote it; locks, staging, set-aside copies and hidden files are not published.
     */
    static Map<String, String> state(Path out) throws IOException {
        Map<String, String> state = new TreeMap<>();
        if (!Files.exists(out)) {
            return state;
        }
        try (Stream<Path> all = Files.walk(out)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String rel = out.relativize(p).toString();
                if (rel.startsWith("_locks") || rel.startsWith("_staging") || rel.startsWith("_trash")
                        || p.getFileName().toString().startsWith(".")) {
                    continue;
                }
                if (rel.startsWith("_manifests/")) {
                    JsonNode m = new ObjectMapper().readTree(p.toFile());
                    state.put(rel, m.path("status").asText() + " " + m.path("which").asText());
                } else {
                    state.put(rel, Files.readString(p));
                }
            }
        }
        return state;
    }
}
