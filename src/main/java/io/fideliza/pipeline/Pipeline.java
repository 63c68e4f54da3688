package io.fideliza.pipeline;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig;
import io.fideliza.contract.InputDataset;
import io.fideliza.contract.OutputDataset;
import io.fideliza.export.SegmentExporter;
import io.fideliza.features.CustomerFeatures;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.ingest.Ingest;
import io.fideliza.ingest.InputCounts;
import io.fideliza.ingest.QuarantineLimitExceeded;
import io.fideliza.plan.ActionPlanner;
import io.fideliza.plan.SegmentPlans;
import io.fideliza.recommend.Recommendations;
import io.fideliza.report.HtmlReport;
import io.fideliza.report.Manifest;
import io.fideliza.report.Progress;
import io.fideliza.report.ReportFacts;
import io.fideliza.segment.RfmScorer;
import io.fideliza.segment.SegmentProfiler;
import io.fideliza.segment.Segmenter;
import io.fideliza.spark.InputReader;
import io.fideliza.spark.InputReader.RawInput;
import io.fideliza.spark.Materializer;
import io.fideliza.spark.OutputStore;
import java.io.IOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The nightly run: ingest, features, segment, recommend, plan, export, each a stage with typed input
 * and output; all outputs are staged, then published together, then the manifest is written.
 */
public final class Pipeline {
    /** Inputs below this size are small (the launcher uses the same bound to choose its compiler). */
    static final long SMALL_INPUT_BYTES = 20L << 20;

    /** What a run produced, for the caller and for tests. */
    public record Outcome(Manifest manifest, String manifestPath) {
    }

    private final SparkSession spark;
    private final JobConfig config;
    private final RunContext run;
    private final Progress progress;
    private final Manifest manifest;
    /** Called after each stage completes; tests use it to fail a run at a chosen point. */
    private java.util.function.Consumer<Stage> afterStage = stage -> { };

    public Pipeline(SparkSession spark, JobConfig config, RunContext run, Progress progress) {
        this.spark = spark;
        this.config = config;
        this.run = run;
        this.progress = progress;
        this.manifest = new Manifest(run.runDate());
    }

    /** Calls {@code hook} after each stage, before the next one starts. */
    public Pipeline afterEachStage(java.util.function.Consumer<Stage> hook) {
        this.afterStage = hook;
        return this;
    }

    public Outcome run(String inputDir, String outputDir, Stage upTo) {
        // Timestamps without an offset are read, and timestamps become days, in the run's zone.
        spark.conf().set("spark.sql.session.timeZone", run.zone().getId());
        OutputStore store = new OutputStore(spark, outputDir, run.runDate());
        manifest.detail("parameters", parameters(inputDir, outputDir, upTo));
        manifest.detail("versions", Map.of("fideliza", version(), "spark", spark.version(),
                "java", System.getProperty("java.version")));
        try {
            CleanInputs clean = timed(Stage.INGEST, () -> ingest(inputDir, store));
            if (upTo.includes(Stage.FEATURES)) {
                Dataset<Row> features = timed(Stage.FEATURES, () -> features(clean, store));
                if (upTo.includes(Stage.SEGMENT)) {
                    Dataset<Row> segments = timed(Stage.SEGMENT, () -> segment(clean, features, store));
                    if (upTo.includes(Stage.RECOMMEND)) {
                        Dataset<Row> recs = timed(Stage.RECOMMEND, () -> recommend(clean, segments, store));
                        if (upTo.includes(Stage.PLAN)) {
                            PlanOutput plans = timed(Stage.PLAN, () -> plan(clean, features, segments, recs, store));
                            if (upTo.includes(Stage.EXPORT)) {
                                timed(Stage.EXPORT, () -> export(clean, features, plans, store));
                                timed("report", () -> report(store));
                            }
                        }
                    }
                }
            }
            long t0 = System.nanoTime();
            store.publish();
            manifest.stage("publish", (System.nanoTime() - t0) / 1e9);
            String path = store.manifestPath("").toString();
            store.writeText(store.manifestPath(""), manifest.toJson(Manifest.SUCCEEDED, null));
            // A success supersedes an earlier failed attempt of the same date.
            store.fileSystem().delete(store.manifestPath(".failed"), false);
            progress.line("done: outputs in " + store.root() + ", manifest " + path);
            return new Outcome(manifest, path);
        } catch (Exception e) { // Also SparkException: checked, yet thrown by any Spark action.
            store.discard();
            try {
                store.writeText(store.manifestPath(".failed"), manifest.toJson(Manifest.FAILED,
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
            } catch (RuntimeException ignored) {
                // The original failure is what the user needs to see.
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e);
        }
    }

    private Done<CleanInputs> ingest(String inputDir, OutputStore store) {
        InputReader reader = new InputReader(spark, inputDir);
        Map<InputDataset, RawInput> raw = new EnumMap<>(InputDataset.class);
        for (InputDataset d : InputDataset.values()) {
            reader.read(d).ifPresent(r -> raw.put(d, r));
        }
        // Spark runs in this JVM and the inputs are small: intermediate results stay in memory instead of
        // Parquet files, which cost a write, a commit and a read each (on the sample: 14 of them).
        boolean small = spark.sparkContext().isLocal() && reader.bytesLocated() < SMALL_INPUT_BYTES;
        CleanInputs clean = new Ingest(spark, run.runDate(), run.zone())
                .run(raw, small ? Materializer.inMemory() : store.workArea());
        io.fideliza.spark.ConcurrentJobs.all(clean.present().stream().<java.util.concurrent.Callable<Object>>map(d -> () ->
                store.stageQuarantine(d.datasetName(), clean.quarantine().get(d))).toList());
        StringBuilder line = new StringBuilder();
        for (InputDataset d : InputDataset.values()) {
            if (!clean.present().contains(d)) {
                continue;
            }
            InputCounts c = clean.counts().get(d);
            manifest.input(d, c);
            manifest.quarantineReasons(d, clean.quarantineReasons().get(d));
            manifest.output("quarantine/" + d.datasetName(), c.quarantined());
            line.append(String.format(Locale.ROOT, "%s %d/%d", d.datasetName(), c.valid(), c.read()));
            line.append(c.quarantined() + c.duplicates() + c.afterRunDate() > 0 ? String.format(Locale.ROOT,
                    " (q%d d%d a%d)", c.quarantined(), c.duplicates(), c.afterRunDate()) : "").append("  ");
        }
        String summary = "valid/read: " + line.toString().trim();
        for (InputDataset d : clean.present()) {
            InputCounts c = clean.counts().get(d);
            if (c.quarantineShare() > config.ingest().maxQuarantineShare()) {
                throw new QuarantineLimitExceeded(String.format(Locale.ROOT,
                        "%s: %.1f%% of %d rows quarantined, above the limit of %.1f%% (ingest.max_quarantine_share); "
                                + "nothing was published; reasons: %s",
                        d.datasetName(), 100 * c.quarantineShare(), c.read(),
                        100 * config.ingest().maxQuarantineShare(),
                        clean.quarantineReasons().get(d)));
            }
        }
        return new Done<>(clean, summary);
    }

    private Done<Dataset<Row>> features(CleanInputs clean, OutputStore store) {
        OutputStore.Staged features = store.stageParquet(OutputDataset.CUSTOMER_FEATURES,
                new CustomerFeatures(run, config.features()).compute(clean));
        long n = features.count();
        manifest.output(OutputDataset.CUSTOMER_FEATURES.folder(), n);
        return new Done<>(features.rows(), n + " customers");
    }

    private Done<Dataset<Row>> segment(CleanInputs clean, Dataset<Row> features, OutputStore store) {
        Optional<Segmenter.Previous> previous = store.previousRunDate(OutputDataset.SEGMENT_CENTROIDS)
                .flatMap(d -> store.readPublished(OutputDataset.SEGMENT_CENTROIDS, d)
                        .flatMap(c -> store.readPublished(OutputDataset.SEGMENTS, d)
                                .map(s -> new Segmenter.Previous(c, s))));
        Segmenter.Result result = new Segmenter(spark, config.segment()).run(features, previous);
        OutputStore.Staged staged = store.stageParquet(OutputDataset.SEGMENTS,
                result.assignments().join(RfmScorer.score(features), CUSTOMER_ID, "left"));
        Dataset<Row> segments = staged.rows();
        long n = staged.count();
        manifest.output(OutputDataset.SEGMENTS.folder(), n);
        manifest.output(OutputDataset.SEGMENT_CENTROIDS.folder(),
                store.stageParquet(OutputDataset.SEGMENT_CENTROIDS, result.centroids()).count());
        Dataset<Row> profiles = new SegmentProfiler(spark).profile(segments, features, clean, result.segments());
        manifest.output(OutputDataset.SEGMENT_PROFILES.folder(),
                store.stageParquet(OutputDataset.SEGMENT_PROFILES, profiles).count());
        Dataset<Row> migrations = segments.groupBy(col(PREVIOUS_SEGMENT_ID).as(FROM_SEGMENT_ID), col(SEGMENT_ID).as(TO_SEGMENT_ID))
                .agg(count(lit(1)).as(CUSTOMERS)).orderBy(FROM_SEGMENT_ID, TO_SEGMENT_ID);
        manifest.output(OutputDataset.SEGMENT_MIGRATIONS.folder(),
                store.stageParquet(OutputDataset.SEGMENT_MIGRATIONS, migrations).count());
        Map<String, Object> evidence = new LinkedHashMap<>();
        for (Segmenter.Candidate c : result.candidates()) {
            evidence.put(c.algorithm() + " k=" + c.k(), Map.of("silhouette", round4(c.silhouette()),
                    "smallest_share", round4(c.smallestShare()), "chosen", c.chosen()));
        }
        manifest.detail("segmentation", evidence);
        Segmenter.Candidate chosen = result.candidates().stream().filter(Segmenter.Candidate::chosen).findFirst()
                .orElseThrow();
        return new Done<>(segments, String.format(Locale.ROOT, "%d customers in %d segments (%s, silhouette %.3f)%s", n,
                result.segments().size(), chosen.algorithm(), chosen.silhouette(),
                previous.isPresent() ? ", matched to the previous run" : ""));
    }

    private Done<Dataset<Row>> recommend(CleanInputs clean, Dataset<Row> segments, OutputStore store) {
        Recommendations.Result result = new Recommendations(spark, run, config.recommend()).run(clean, segments);
        OutputStore.Staged staged = store.stageParquet(OutputDataset.RECOMMENDATIONS, result.recommendations());
        Dataset<Row> recs = staged.rows();
        long n = staged.count();
        manifest.output(OutputDataset.RECOMMENDATIONS.folder(), n);
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (Row r : recs.groupBy(KIND).count().orderBy(KIND).collectAsList()) {
            byKind.put(r.getString(0), r.getLong(1));
        }
        manifest.detail("recommend", Map.of("blas", result.blas(), "als_customers", result.alsCustomers(),
                "by_kind", byKind));
        return new Done<>(recs, n + " recommendations " + byKind + ", BLAS " + result.blas());
    }

    record PlanOutput(Dataset<Row> actionPlans, Dataset<Row> segmentPlans) {
    }

    private Done<PlanOutput> plan(CleanInputs clean, Dataset<Row> features, Dataset<Row> segments, Dataset<Row> recs,
                            OutputStore store) {
        Optional<Dataset<Row>> previousPlans = Optional.empty();
        if (config.plan().contactCapDays() > 0 && store.previousRunDate(OutputDataset.ACTION_PLANS).isPresent()) {
            previousPlans = Optional.of(spark.read().parquet(
                    new org.apache.hadoop.fs.Path(store.root(), OutputDataset.ACTION_PLANS.folder()).toString()));
        }
        OutputStore.Staged staged = store.stageParquet(OutputDataset.ACTION_PLANS,
                new ActionPlanner(spark, run, config.playbook(), config.plan().contactCapDays())
                        .plan(features, segments, recs, clean.products(), previousPlans));
        Dataset<Row> plans = staged.rows();
        long n = staged.count();
        manifest.output(OutputDataset.ACTION_PLANS.folder(), n);
        OutputStore.Staged segmentPlans = store.stageParquet(OutputDataset.SEGMENT_PLANS, SegmentPlans.summarize(plans));
        manifest.output(OutputDataset.SEGMENT_PLANS.folder(), segmentPlans.count());
        Map<String, Long> byAction = new LinkedHashMap<>();
        for (Row r : plans.groupBy(ACTION).count().orderBy(col("count").desc(), col(ACTION)).collectAsList()) {
            byAction.put(r.getString(0), r.getLong(1));
        }
        manifest.detail("actions", byAction);
        return new Done<>(new PlanOutput(plans, segmentPlans.rows()), n + " customers planned " + byAction);
    }

    private Done<Void> export(CleanInputs clean, Dataset<Row> features, PlanOutput plans, OutputStore store) {
        org.apache.hadoop.fs.Path folder = store.stageFolder(OutputDataset.EXPORTS);
        try {
            Map<String, Long> files = new SegmentExporter(config.export()).write(plans.actionPlans(),
                    plans.segmentPlans(), clean.customers(), features, store.fileSystem(), folder);
            long rows = files.entrySet().stream().filter(e -> !e.getKey().equals(SegmentExporter.SUMMARY_FILE))
                    .mapToLong(Map.Entry::getValue).sum();
            manifest.output(OutputDataset.EXPORTS.folder(), rows);
            manifest.detail("export_files", files);
            return new Done<>(null, files.size() + " files, " + rows + " customers to contact");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write exports: " + e.getMessage(), e);
        }
    }

    /** The run report, a page for people, from the outputs staged above and the manifest so far. */
    private Done<Void> report(OutputStore store) {
        ReportFacts facts = ReportFacts.collect(run.runDate(),
                store.readStaged(OutputDataset.SEGMENT_PROFILES).orElseThrow(),
                store.readStaged(OutputDataset.SEGMENT_MIGRATIONS).orElseThrow(),
                store.previousRunDate(OutputDataset.SEGMENT_PROFILES)
                        .flatMap(d -> store.readPublished(OutputDataset.SEGMENT_PROFILES, d)),
                store.readStaged(OutputDataset.SEGMENT_PLANS).orElseThrow(),
                store.readStaged(OutputDataset.RECOMMENDATIONS).orElseThrow(), manifest);
        org.apache.hadoop.fs.Path folder = store.stageFolder(OutputDataset.REPORT);
        store.writeText(new org.apache.hadoop.fs.Path(folder, HtmlReport.FILE_NAME), HtmlReport.render(facts));
        manifest.output(OutputDataset.REPORT.folder(), 1);
        return new Done<>(null, HtmlReport.FILE_NAME + ": " + facts.segments().size() + " segments, "
                + facts.customers() + " customers");
    }

    /** A stage's result and the one line it reports. */
    private record Done<T>(T value, String summary) {
    }

    private <T> T timed(Stage stage, Supplier<Done<T>> body) {
        T value = timed(stage.label(), body);
        afterStage.accept(stage);
        return value;
    }

    private <T> T timed(String label, Supplier<Done<T>> body) {
        long t0 = System.nanoTime();
        Done<T> done = body.get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        manifest.stage(label, seconds);
        progress.stage(label, done.summary(), seconds);
        return done.value();
    }

    private Map<String, Object> parameters(String input, String output, Stage upTo) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("input", input);
        p.put("output", output);
        p.put("timezone", run.zone().getId());
        p.put("up_to_stage", upTo.label());
        p.putAll(new java.util.TreeMap<>(config.summary())); // Map.of order differs from JVM to JVM
        return p;
    }

    private static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    static String version() {
        String v = Pipeline.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

}
