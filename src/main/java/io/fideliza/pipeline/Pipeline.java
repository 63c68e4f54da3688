package io.fideliza.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fideliza.manifest.ManifestJson;
import io.fideliza.care.CareStage;
import io.fideliza.config.JobConfig;
import io.fideliza.contract.InputRefused;
import io.fideliza.contacts.ContactsStage;
import io.fideliza.export.ExportStage;
import io.fideliza.features.FeaturesStage;
import io.fideliza.ingest.InputCheckStage;
import io.fideliza.ingest.IngestStage;
import io.fideliza.manifest.Manifest;
import io.fideliza.outcomes.OutcomesStage;
import io.fideliza.plan.PlanStage;
import io.fideliza.recommend.RecommendStage;
import io.fideliza.report.ReportStage;
import io.fideliza.contract.OutputUnwritable;
import io.fideliza.run.Progress;
import io.fideliza.run.RunStopped;
import io.fideliza.run.StopSignal;
import io.fideliza.run.StorageFault;
import io.fideliza.run.RunContext;
import io.fideliza.run.Stage;
import io.fideliza.run.StageRunner;
import io.fideliza.run.StageResults;
import io.fideliza.segment.SegmentStage;
import io.fideliza.spark.OutputStore;
import io.fideliza.value.ValueStage;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * The nightly run: the stages in order, up to a chosen one. The pipeline owns only what is common to
 * all of them: timing, staging and publishing their outputs together, and the manifest, written last.
 */
public final class Pipeline {
    /** The stages of a nightly run, in order. A new stage is a class and a line here. */
    public List<Stage<?, ?>> stages(String inputDir) {
        return List.of(
                new IngestStage(spark, run, config.ingest(), inputDir),
                new InputCheckStage(run, config.ingest()),
                new ContactsStage(run, config.plan(), config.ingest().workFiles()),
                new FeaturesStage(run, config.features()),
                new SegmentStage(spark, run, config.segment(), config.care()),
                new ValueStage(spark, run, config.value()),
                new RecommendStage(spark, run, config.recommend(), progress),
                new CareStage(run, config.care(), config.playbook().care()),
                new PlanStage(spark, run, config.plan(), config.playbook()),
                new OutcomesStage(spark, run, config.outcomes(), config.playbook(), config.care()),
                new ExportStage(config.export(), run.runDate()),
                new ReportStage(run, config.care(), config.export()));
    }

    /** What a run produced, for the caller and for tests. */
    public record Outcome(Manifest manifest, String manifestPath, StageResults results) {
    }

    private final SparkSession spark;
    private final JobConfig config;
    private final RunContext run;
    private final Progress progress;
    private final Manifest manifest;
    /** Called after each stage completes; tests use it to fail a run at a chosen point. */
    private Consumer<String> afterStage = stage -> { };
    /** Called before each publishing step; tests fail or stop a run there. */
    private Consumer<String> publishStep = step -> { };
    private StopSignal stop = StopSignal.JVM;

    public Pipeline(SparkSession spark, JobConfig config, RunContext run, Progress progress) {
        this.spark = spark;
        this.config = config;
        this.run = run;
        this.progress = progress;
        this.manifest = new Manifest(run.runDate());
    }

    /** Calls {@code hook} with each stage's name after it completes, before the next one starts. */
    public Pipeline afterEachStage(Consumer<String> hook) {
        this.afterStage = hook;
        return this;
    }

    /** Calls {@code hook} with the name of each publishing step before it is taken (docs/publishing.md). */
    public Pipeline atPublishStep(Consumer<String> hook) {
        this.publishStep = hook;
        return this;
    }

    /** The stop signal the run obeys: the JVM's (fed by the command line's signal handlers) unless a test's. */
    public Pipeline stoppedBy(StopSignal signal) {
        this.stop = signal;
        return this;
    }

    /** Runs every stage. */
    public Outcome run(String inputDir, String outputDir) {
        return run(inputDir, outputDir, null);
    }

    /** Runs the stages up to and including {@code lastStage} (null: all), then publishes what they staged. */
    public Outcome run(String inputDir, String outputDir, String lastStage) {
        // Spark's own clock for anything not given a zone explicitly: the run's zone.
        spark.conf().set("spark.sql.session.timeZone", run.zone().getId());
        manifest.detail("parameters", parameters(inputDir, outputDir, lastStage));
        ObjectNode versions = ManifestJson.object();
        versions.put("fideliza", version());
        versions.put("java", System.getProperty("java.version"));
        versions.put("spark", spark.version());
        manifest.detail("versions", versions);
        try (OutputStore store = new OutputStore(spark, outputDir, run.runDate(), manifest)) {
            return runLocked(inputDir, lastStage, store);
        }
    }

    private Outcome runLocked(String inputDir, String lastStage, OutputStore store) {
        store.atPublishStep(publishStep).stoppedBy(stop);
        store.repairs().forEach(r -> progress.line("repaired: " + r));
        try {
            StageResults results = new StageRunner(progress, manifest, afterStage)
                    .run(stages(inputDir), store, lastStage);
            long t0 = System.nanoTime();
            // The commit point: once the manifest says succeeded, the date holds this run, whatever happens next.
            var published = store.commit();
            String path = store.manifestPath("").toString();
            progress.line(String.format(java.util.Locale.ROOT, "done: outputs in %s, manifest %s: %s (%.1f s)",
                    store.root(), path, published.line(), (System.nanoTime() - t0) / 1e9));
            published.leftover().ifPresent(l -> progress.line("warning: " + l));
            return new Outcome(manifest, path, results);
        } catch (Exception | org.apache.hadoop.fs.FSError e) { // Also SparkException: checked, thrown by any Spark action.
            store.discard();
            if (e instanceof InputRefused refused) {
                manifest.detail("guards", refused.evidence());
            }
            java.util.Optional<String> signal = stop.received();
            java.util.Optional<StorageFault> fault = StorageFault.in(e);
            String recorded = signal.map(s -> "stopped by " + s)
                    .or(() -> fault.map(StorageFault::line))
                    .orElse(e.getClass().getSimpleName() + ": " + e.getMessage());
            try {
                store.writeText(store.manifestPath(".failed"), manifest.toJson(Manifest.FAILED, recorded));
            } catch (RuntimeException ignored) {
                // The original failure is what the user needs to see (on a full disk, this write fails too).
            }
            if (signal.isPresent()) {
                throw e instanceof RunStopped stopped ? stopped : new RunStopped(signal.get());
            }
            if (fault.isPresent()) {
                throw new OutputUnwritable(fault.get().line() + "; " + store.dateState(), e);
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode parameters(String input, String output, String lastStage) {
        ObjectNode p = ManifestJson.object();
        p.put("input", input);
        p.put("output", output);
        p.put("timezone", run.zone().getId());
        p.put("up_to_stage", lastStage == null ? "report" : lastStage);
        p.setAll((ObjectNode) ManifestJson.of(config.summary()));
        return p;
    }

    static String version() {
        String v = Pipeline.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
