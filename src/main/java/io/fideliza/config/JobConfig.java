package io.fideliza.config;

import io.fideliza.contract.InputError;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The job's configuration, loaded once: the packaged reference ({@code jobs/nightly.yaml}), then the
 * user's {@code --config} file over it. Every key is documented with its default in that reference.
 */
public record JobConfig(
        String input,
        String output,
        String timezone,
        SparkSettings spark,
        IngestSettings ingest,
        FeatureSettings features,
        SegmentSettings segment,
        RecommendSettings recommend,
        PlanSettings plan,
        ExportSettings export,
        Playbook playbook,
        OutcomeSettings outcomes) {

    public record SparkSettings(String master, int shufflePartitions) {
    }

    public record IngestSettings(double maxQuarantineShare, WorkFiles workFiles) {
    }

    /**
     * Where ingest keeps its intermediate results: {@code memory}, {@code parquet} (files under the run's
     * staging folder, which survive a lost executor), or {@code auto}: memory when Spark runs in this JVM
     * and the inputs are smaller than {@code smallInputMb}, where each file costs more than it saves.
     */
    public record WorkFiles(String mode, int smallInputMb) {
        public static final java.util.List<String> MODES = java.util.List.of("auto", "memory", "parquet");

        public boolean inMemory(boolean localSpark, long inputBytes) {
            return switch (mode) {
                case "memory" -> true;
                case "parquet" -> false;
                default -> localSpark && inputBytes < ((long) smallInputMb << 20);
            };
        }
    }

    public record FeatureSettings(int cartAbandonDays, int cartRecoveryDays, int recoveryWindowDays) {
    }

    public record SegmentSettings(String algorithm, int k, int kMin, int kMax, double minSegmentShare,
                                  int maxIterations, long seed) {
    }

    public record AlsSettings(int rank, double regParam, double alpha, int iterations, long seed) {
    }

    public record InteractionWeights(double purchase, double cartAdd, double wishlist, double view,
                                     double returned) {
    }

    public record RecommendSettings(int topN, InteractionWeights weights, double halfLifeDays, AlsSettings als,
                                    int minProductsForAls, int justBoughtDays, int replenishWindowDays,
                                    int replenishOverdueDays) {
    }

    /**
     * @param contactHistoryDays days of contact history read for caps, cooldowns and contact features
     */
    public record PlanSettings(String playbookPath, int contactCapDays, int contactHistoryDays) {
        public PlanSettings(String playbookPath, int contactCapDays) {
            this(playbookPath, contactCapDays, 400);
        }
    }

    /** Which earlier plans each run measures: those of the last {@code lookbackDays} days whose window has passed. */
    public record OutcomeSettings(int lookbackDays) {
    }

    public record ExportSettings(boolean utf8Bom, char delimiter) {
    }

    static final String REFERENCE = "/fideliza/nightly.yaml";
    static final String REFERENCE_PLAYBOOK = "/fideliza/playbook.yaml";

    /** The reference configuration alone. */
    public static JobConfig defaults() {
        return load(null);
    }

    /** The reference configuration with {@code file} (may be null) over it. */
    public static JobConfig load(Path file) {
        ConfigKeys keys = ConfigKeys.fromClasspath(REFERENCE);
        boolean ownPlaybook = false;
        if (file != null) {
            ConfigKeys user = ConfigKeys.fromFile(file);
            ownPlaybook = user.has("plan.playbook");
            keys = keys.overriddenBy(user, Set.of());
        }
        // A config that names no playbook gets the packaged one (jobs/playbook.yaml).
        Playbook playbook = ownPlaybook ? loadPlaybook(keys.string("plan.playbook"), file)
                : Playbook.from(ConfigKeys.fromClasspath(REFERENCE_PLAYBOOK));
        return from(keys, playbook);
    }

    private static Playbook loadPlaybook(String playbookSetting, Path configFile) {
        Path p = Path.of(playbookSetting);
        if (!p.isAbsolute()) {
            Path dir = configFile.toAbsolutePath().getParent();
            p = dir == null ? p : dir.resolve(p);
        }
        return Playbook.from(ConfigKeys.fromFile(p));
    }

    static JobConfig from(ConfigKeys c, Playbook playbook) {
        String delimiter = c.string("export.delimiter");
        if (!delimiter.equals(",") && !delimiter.equals(";")) {
            throw new InputError(c.source() + ": export.delimiter must be \",\" or \";\", not '" + delimiter + "'");
        }
        SegmentSettings segment = new SegmentSettings(c.oneOf("segment.algorithm", SegmentAlgorithm.settings()),
                c.integer("segment.k"),
                c.integer("segment.k_min"), c.integer("segment.k_max"), c.number("segment.min_segment_share"),
                c.integer("segment.max_iterations"), c.longValue("segment.seed"));
        if (segment.k() == 0 && (segment.kMin() < 2 || segment.kMax() < segment.kMin())) {
            throw new InputError(c.source() + ": segment.k_min must be at least 2 and k_max at least k_min");
        }
        return new JobConfig(
                c.string("input"), c.string("output"), c.string("timezone"),
                new SparkSettings(c.string("spark.master"), c.integer("spark.shuffle_partitions")),
                new IngestSettings(c.number("ingest.max_quarantine_share"),
                        new WorkFiles(c.oneOf("ingest.work_files", WorkFiles.MODES), c.integer("ingest.small_input_mb"))),
                new FeatureSettings(c.integer("features.cart_abandon_days"), c.integer("features.cart_recovery_days"),
                        c.integer("features.recovery_window_days")),
                segment,
                new RecommendSettings(c.integer("recommend.top_n"),
                        new InteractionWeights(c.number("recommend.weights.purchase"),
                                c.number("recommend.weights.cart_add"), c.number("recommend.weights.wishlist"),
                                c.number("recommend.weights.view"), c.number("recommend.weights.return")),
                        c.number("recommend.half_life_days"),
                        new AlsSettings(c.integer("recommend.als.rank"), c.number("recommend.als.reg_param"),
                                c.number("recommend.als.alpha"), c.integer("recommend.als.iterations"),
                                c.longValue("recommend.als.seed")),
                        c.integer("recommend.min_products_for_als"), c.integer("recommend.just_bought_days"),
                        c.integer("recommend.replenish_window_days"), c.integer("recommend.replenish_overdue_days")),
                new PlanSettings(c.string("plan.playbook"), c.integer("plan.contact_cap_days"),
                        c.integer("plan.contact_history_days")),
                new ExportSettings(c.bool("export.utf8_bom"), delimiter.charAt(0)),
                playbook,
                new OutcomeSettings(c.integer("outcomes.lookback_days")));
    }

    /** Parameters worth recording in the manifest. */
    public Map<String, Object> summary() {
        return Map.of(
                "segment", Map.of("algorithm", segment.algorithm(), "k", segment.k(), "k_min", segment.kMin(),
                        "k_max", segment.kMax(), "seed", segment.seed()),
                "als", Map.of("rank", recommend.als().rank(), "reg_param", recommend.als().regParam(),
                        "alpha", recommend.als().alpha(), "iterations", recommend.als().iterations()),
                "top_n", recommend.topN(),
                "max_quarantine_share", ingest.maxQuarantineShare());
    }

    public JobConfig withRecommend(RecommendSettings r) {
        return new JobConfig(input, output, timezone, spark, ingest, features, segment, r, plan, export, playbook,
                outcomes);
    }

    public JobConfig withSegment(SegmentSettings s) {
        return new JobConfig(input, output, timezone, spark, ingest, features, s, recommend, plan, export, playbook,
                outcomes);
    }

    public JobConfig withPlan(PlanSettings p) {
        return new JobConfig(input, output, timezone, spark, ingest, features, segment, recommend, p, export, playbook,
                outcomes);
    }

    public JobConfig withPlaybook(Playbook p) {
        return new JobConfig(input, output, timezone, spark, ingest, features, segment, recommend, plan, export, p,
                outcomes);
    }

    public JobConfig withExport(ExportSettings e) {
        return new JobConfig(input, output, timezone, spark, ingest, features, segment, recommend, plan, e, playbook,
                outcomes);
    }
}
