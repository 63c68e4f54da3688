package io.fideliza.config;

import io.fideliza.contract.InputError;
import java.nio.file.Path;
import java.util.List;
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
        OutcomeSettings outcomes,
        CareSettings care,
        ValueSettings value) {

    public record SparkSettings(String master, int shufflePartitions) {
    }

    public record IngestSettings(double maxQuarantineShare, WorkFiles workFiles, Map<String, String> encodings,
                                 Bounds bounds, Guards guards, Consent withoutConsentColumn) {
        /** The encoding of an input's CSV files (a charset name; UTF-8 unless the config says otherwise). */
        public String encoding(String dataset) {
            return encodings.getOrDefault(dataset, "UTF-8");
        }

        public IngestSettings withWorkFiles(WorkFiles w) {
            return new IngestSettings(maxQuarantineShare, w, encodings, bounds, guards, withoutConsentColumn);
        }

        public IngestSettings withGuards(Guards g) {
            return new IngestSettings(maxQuarantineShare, workFiles, encodings, bounds, g, withoutConsentColumn);
        }
    }

    /** Who may be contacted when customers has no marketing_opt_in column (or there is no customers file). */
    public enum Consent {
        NOBODY, EVERYONE;

        public static final java.util.List<String> SETTINGS = java.util.List.of("nobody", "everyone");
    }

    /**
     * Values no real extract holds: a row beyond them is quarantined as out_of_range. Quantities count either
     * way (a return of -1,000,000 too); every date and timestamp of every input must be on or after {@code earliestDate}.
     */
    public record Bounds(int maxQuantity, java.math.BigDecimal maxPrice, java.time.LocalDate earliestDate) {
    }

    /**
     * Checks that refuse a run whose inputs look like a broken extract (exit code 3); {@code accepted} names the
     * ones a user overrode for this run ({@code --accept}).
     *
     * @param maxVolumeDrop the largest fall of an input's valid rows against the last succeeded run (0.5: half)
     * @param maxDataAgeDays the most days between the newest order (and browsing event) and the run date
     */
    public record Guards(double maxVolumeDrop, int maxDataAgeDays, java.util.Set<String> accepted) {
        public static final String QUARANTINE_SHARE = "quarantine_share";
        public static final String EMPTY_INPUT = "empty_input";
        public static final String VOLUME_DROP = "volume_drop";
        public static final String STALE_DATA = "stale_data";
        public static final java.util.List<String> NAMES = java.util.List.of(QUARANTINE_SHARE, EMPTY_INPUT, VOLUME_DROP,
                STALE_DATA);

        public boolean accepted(String guard) {
            return accepted.contains(guard);
        }

        public Guards accepting(java.util.Set<String> guards) {
            return new Guards(maxVolumeDrop, maxDataAgeDays, java.util.Set.copyOf(guards));
        }
    }

    /**
     * Where ingest keeps its intermediate results: {@code memory}, {@code parquet} (files under the run's
     * staging folder, which survive a lost executor), or {@code auto}: memory when Spark runs in this JVM
     * and the inputs are smaller than {@code smallInputMb}, where each file costs more than it saves.
     */
    public record WorkFiles(Mode mode, int smallInputMb) {
        /** The choices of {@code ingest.work_files}. */
        public enum Mode { AUTO, MEMORY, PARQUET }

        public boolean inMemory(boolean localSpark, long inputBytes) {
            return switch (mode) {
                case MEMORY -> true;
                case PARQUET -> false;
                case AUTO -> small(localSpark, inputBytes);
            };
        }

        /** A small run: Spark inside this JVM and inputs under {@code smallInputMb}. */
        public boolean small(boolean localSpark, long inputBytes) {
            return localSpark && inputBytes < ((long) smallInputMb << 20);
        }
    }

    /** The choices of {@code recommend.complements.evidence}: how a complement pair's evidence is counted. */
    enum ComplementEvidence { BY_ACTIVITY, LLR }

    public record FeatureSettings(int cartAbandonDays, int cartRecoveryDays, int recoveryWindowDays) {
    }

    public record SegmentSettings(SegmentAlgorithm.Choice algorithm, int k, int kMin, int kMax,
                                  double minSegmentShare, int maxIterations, long seed, SegmentModelSettings model) {
        /** The candidates' settings with the model's at their defaults. */
        public SegmentSettings(SegmentAlgorithm.Choice algorithm, int k, int kMin, int kMax, double minSegmentShare,
                               int maxIterations, long seed) {
            this(algorithm, k, kMin, kMax, minSegmentShare, maxIterations, seed, SegmentModelSettings.DEFAULTS);
        }

        public SegmentSettings withModel(SegmentModelSettings m) {
            return new SegmentSettings(algorithm, k, kMin, kMax, minSegmentShare, maxIterations, seed, m);
        }
    }

    public record AlsSettings(int rank, double regParam, double alpha, int iterations, long seed) {
    }

    public record InteractionWeights(double purchase, double cartAdd, double wishlist, double view,
                                     double returned) {
    }

    public record RecommendSettings(int topN, InteractionWeights weights, double halfLifeDays, AlsSettings als,
                                    int minProductsForAls, int justBoughtDays, int replenishWindowDays,
                                    int replenishOverdueDays, ModelSettings model, IntentSettings intent) {
        /** The settings without a model section: the shipped model and intent settings. */
        public RecommendSettings(int topN, InteractionWeights weights, double halfLifeDays, AlsSettings als,
                                 int minProductsForAls, int justBoughtDays, int replenishWindowDays,
                                 int replenishOverdueDays) {
            this(topN, weights, halfLifeDays, als, minProductsForAls, justBoughtDays, replenishWindowDays,
                    replenishOverdueDays, defaults().recommend().model(), defaults().recommend().intent());
        }

        public RecommendSettings withAls(AlsSettings a) {
            return new RecommendSettings(topN, weights, halfLifeDays, a, minProductsForAls, justBoughtDays,
                    replenishWindowDays, replenishOverdueDays, model, intent);
        }

        public RecommendSettings withModel(ModelSettings m) {
            return new RecommendSettings(topN, weights, halfLifeDays, als, minProductsForAls, justBoughtDays,
                    replenishWindowDays, replenishOverdueDays, m, intent);
        }

        public RecommendSettings withTopN(int n) {
            return new RecommendSettings(n, weights, halfLifeDays, als, minProductsForAls, justBoughtDays,
                    replenishWindowDays, replenishOverdueDays, model, intent);
        }
    }

    /**
     * What makes a product one a customer means to buy (recommend.intent): looked at again and again in the last
     * {@code windowDays}, each view, wishlist add and search hit weighted, at least {@code minScore} in all, and
     * not bought since; at most {@code maxProducts} per customer.
     */
    public record IntentSettings(int windowDays, double minScore, int maxProducts, double view, double wishlist,
                                 double search) {
    }

    /**
     * The recommender model beyond ALS (recommend.confidence ... recommend.training): how strength becomes
     * confidence, the complement evidence kept, ALS's weight in the blend, and the training step's cadence and
     * candidates (every combination of the lists is tried on the validation split).
     */
    public record ModelSettings(ConfidenceScale confidence, double epsilon, double blend, int neighbours,
                                double significance, boolean evidenceByActivity,
                                int trainEveryDays, int validationWeeks, List<Integer> ranks, List<Double> regParams,
                                List<Double> alphas, List<ConfidenceScale> confidences, List<Double> blends,
                                double maxSamePicksShare, int searchIterations, int keptAlsSettings,
                                int customersPerAlsSetting) {
        /** The search's shipped defaults (recommend.training.search_iterations, kept_als_settings, customers_per_als_setting). */
        public ModelSettings(ConfidenceScale confidence, double epsilon, double blend, int neighbours,
                             double significance, boolean evidenceByActivity, int trainEveryDays, int validationWeeks,
                             List<Integer> ranks, List<Double> regParams, List<Double> alphas,
                             List<ConfidenceScale> confidences, List<Double> blends, double maxSamePicksShare) {
            this(confidence, epsilon, blend, neighbours, significance, evidenceByActivity, trainEveryDays,
                    validationWeeks, ranks, regParams, alphas, confidences, blends, maxSamePicksShare, 5, 1, 250);
        }

        public ModelSettings withTraining(int everyDays, int weeks, List<Integer> r, List<Double> regs, List<Double> a,
                                          List<ConfidenceScale> c, List<Double> b) {
            return new ModelSettings(confidence, epsilon, blend, neighbours, significance, evidenceByActivity, everyDays,
                    weeks, r, regs, a, c, b, maxSamePicksShare, searchIterations, keptAlsSettings, customersPerAlsSetting);
        }

        public ModelSettings withMaxSamePicksShare(double share) {
            return new ModelSettings(confidence, epsilon, blend, neighbours, significance, evidenceByActivity,
                    trainEveryDays, validationWeeks, ranks, regParams, alphas, confidences, blends, share,
                    searchIterations, keptAlsSettings, customersPerAlsSetting);
        }

        /** The search's cost: ALS iterations per candidate, and how many ALS settings go on to the blend round. */
        public ModelSettings withSearch(int iterations, int kept) {
            return new ModelSettings(confidence, epsilon, blend, neighbours, significance, evidenceByActivity,
                    trainEveryDays, validationWeeks, ranks, regParams, alphas, confidences, blends, maxSamePicksShare,
                    iterations, kept, customersPerAlsSetting);
        }

        /** {@code customers_per_als_setting}: 0 searches every ALS setting of the grid whatever the split's size. */
        public ModelSettings withCustomersPerAlsSetting(int customers) {
            return new ModelSettings(confidence, epsilon, blend, neighbours, significance, evidenceByActivity,
                    trainEveryDays, validationWeeks, ranks, regParams, alphas, confidences, blends, maxSamePicksShare,
                    searchIterations, keptAlsSettings, customers);
        }

        /**
         * How many ALS settings a validation split of {@code customers} can tell apart: one per
         * {@code customersPerAlsSetting} customers, at least one; every one of {@code grid} when it is 0.
         */
        public int alsSettingsFor(int customers, int grid) {
            return customersPerAlsSetting == 0 ? grid : Math.max(1, Math.min(grid, customers / customersPerAlsSetting));
        }
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

    /**
     * @param delimiter the CSV delimiter
     * @param language  the run's language (BCP 47) for headers, the report and customers without a supported one;
     *                  null: the customers' most common language, else English
     * @param currency  ISO 4217 code of amounts in the exports and the report
     */
    public record ExportSettings(boolean utf8Bom, Delimiter delimiter, String language, String currency) {
        public static final String AUTO = "auto";

        public ExportSettings withLanguage(String tag) {
            return new ExportSettings(utf8Bom, delimiter, tag, currency);
        }

        /** The choices of {@code export.delimiter}: a comma, a semicolon, or auto, by the run language. */
        public enum Delimiter {
            COMMA(","), SEMICOLON(";"), AUTO(ExportSettings.AUTO);

            private final String setting;

            Delimiter(String setting) {
                this.setting = setting;
            }

            /** The character written: this one, or for auto the run language's ({@code byLanguage}). */
            public char or(char byLanguage) {
                return this == AUTO ? byLanguage : setting.charAt(0);
            }

            static java.util.Optional<Delimiter> of(String setting) {
                return java.util.Arrays.stream(values()).filter(d -> d.setting.equals(setting)).findFirst();
            }
        }
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
            keys = keys.overriddenBy(user, Set.of(CareSettings.OPEN_PREFIX));
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
        String delimiterSetting = c.string("export.delimiter");
        ExportSettings.Delimiter delimiter = ExportSettings.Delimiter.of(delimiterSetting).orElseThrow(
                () -> new InputError(c.source() + ": export.delimiter must be \",\", \";\" or auto, not '"
                        + delimiterSetting + "'"));
        String language = c.string("export.language").trim();
        if (!language.equals(ExportSettings.AUTO) && !io.fideliza.language.Messages.supported(language)) {
            throw new InputError(c.source() + ": export.language must be auto or a language with messages ("
                    + String.join(", ", io.fideliza.language.Messages.SUPPORTED) + ", or a regional form such as es-MX), "
                    + "not '" + language + "'");
        }
        String currency = c.string("export.currency").trim().toUpperCase(java.util.Locale.ROOT);
        try {
            java.util.Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new InputError(c.source() + ": export.currency must be an ISO 4217 code such as EUR, not '"
                    + currency + "'");
        }
        SegmentSettings segment = new SegmentSettings(c.choice("segment.algorithm", SegmentAlgorithm.Choice.class),
                c.integer("segment.k"),
                c.integer("segment.k_min"), c.integer("segment.k_max"), c.number("segment.min_segment_share"),
                c.integer("segment.max_iterations"), c.longValue("segment.seed"), SegmentModelSettings.from(c));
        if (segment.k() == 0 && (segment.kMin() < 2 || segment.kMax() < segment.kMin())) {
            throw new InputError(c.source() + ": segment.k_min must be at least 2 and k_max at least k_min");
        }
        return new JobConfig(
                c.string("input"), c.string("output"), c.string("timezone"),
                new SparkSettings(c.string("spark.master"), c.integer("spark.shuffle_partitions")),
                new IngestSettings(c.number("ingest.max_quarantine_share"),
                        new WorkFiles(c.choice("ingest.work_files", WorkFiles.Mode.class), c.integer("ingest.small_input_mb")),
                        encodings(c),
                        new Bounds(c.integer("ingest.bounds.max_quantity"),
                                java.math.BigDecimal.valueOf(c.number("ingest.bounds.max_price")),
                                date(c, "ingest.bounds.earliest_date")),
                        new Guards(c.number("ingest.guards.max_volume_drop"), c.integer("ingest.guards.max_data_age_days"),
                                java.util.Set.of()),
                        Consent.valueOf(c.oneOf("ingest.without_consent_column", Consent.SETTINGS)
                                .toUpperCase(java.util.Locale.ROOT))),
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
                        c.integer("recommend.replenish_window_days"), c.integer("recommend.replenish_overdue_days"),
                        modelSettings(c), intentSettings(c)),
                new PlanSettings(c.string("plan.playbook"), c.integer("plan.contact_cap_days"),
                        c.integer("plan.contact_history_days")),
                new ExportSettings(c.bool("export.utf8_bom"), delimiter,
                        language.equals(ExportSettings.AUTO) ? null : language, currency),
                playbook,
                new OutcomeSettings(c.integer("outcomes.lookback_days")),
                CareSettings.from(c),
                ValueSettings.from(c));
    }

    /** Per input, the charset of its CSV files; a name Java does not know is an error here, not mid-run. */
    private static Map<String, String> encodings(ConfigKeys c) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String dataset : c.children("ingest.encoding")) {
            String key = "ingest.encoding." + dataset;
            if (io.fideliza.contract.InputDataset.byName(dataset).isEmpty()) {
                throw new InputError(c.source() + ": " + key + ": no input is called '" + dataset + "'");
            }
            String charset = c.string(key);
            if (!java.nio.charset.Charset.isSupported(charset)) {
                throw new InputError(c.source() + ": " + key + ": unknown encoding '" + charset
                        + "' (for example UTF-8, windows-1252, ISO-8859-1)");
            }
            out.put(dataset, java.nio.charset.Charset.forName(charset).name());
        }
        return Map.copyOf(out);
    }

    private static java.time.LocalDate date(ConfigKeys c, String key) {
        if (c.raw(key) instanceof java.util.Date d) { // YAML reads an unquoted 2000-01-01 as a date
            return java.time.LocalDate.ofInstant(d.toInstant(), java.time.ZoneOffset.UTC);
        }
        try {
            return java.time.LocalDate.parse(c.string(key));
        } catch (java.time.format.DateTimeParseException e) {
            throw new InputError(c.source() + ": config key '" + key + "' must be a date (YYYY-MM-DD), not '"
                    + c.string(key) + "'");
        }
    }

    /** The same job, with these guards overridden for one run ({@code --accept}). */
    public JobConfig accepting(java.util.Set<String> guards) {
        return new JobConfig(input, output, timezone, spark, ingest.withGuards(ingest.guards().accepting(guards)),
                features, segment, recommend, plan, export, playbook, outcomes, care, value);
    }

    private static IntentSettings intentSettings(ConfigKeys c) {
        IntentSettings intent = new IntentSettings(c.integer("recommend.intent.window_days"),
                c.number("recommend.intent.min_score"), c.integer("recommend.intent.max_products"),
                c.number("recommend.intent.weights.view"), c.number("recommend.intent.weights.wishlist"),
                c.number("recommend.intent.weights.search"));
        if (intent.windowDays() < 1 || intent.minScore() <= 0 || intent.maxProducts() < 0) {
            throw new InputError(c.source() + ": recommend.intent needs window_days >= 1, min_score > 0 and "
                    + "max_products >= 0 (0: no browsed picks)");
        }
        return intent;
    }

    private static ModelSettings modelSettings(ConfigKeys c) {
        List<Double> blends = numbers(c, "recommend.training.blends");
        for (double b : concat(blends, c.number("recommend.blend"))) {
            if (b < 0 || b > 1) {
                throw new InputError(c.source() + ": recommend.blend and recommend.training.blends must be within 0..1");
            }
        }
        return new ModelSettings(c.choice("recommend.confidence", ConfidenceScale.class),
                c.number("recommend.epsilon"), c.number("recommend.blend"),
                c.integer("recommend.complements.neighbours"),
                c.number("recommend.complements.significance"), evidenceByActivity(c),
                c.integer("recommend.training.every_days"),
                c.integer("recommend.training.validation_weeks"),
                numbers(c, "recommend.training.ranks").stream().map(Double::intValue).toList(),
                numbers(c, "recommend.training.reg_params"), numbers(c, "recommend.training.alphas"),
                c.choices("recommend.training.confidences", ConfidenceScale.class),
                blends, share(c, "recommend.training.max_same_picks_share"),
                positive(c, "recommend.training.search_iterations"), positive(c, "recommend.training.kept_als_settings"),
                atLeastZero(c, "recommend.training.customers_per_als_setting"));
    }

    private static int positive(ConfigKeys c, String key) {
        int v = c.integer(key);
        if (v < 1) {
            throw new InputError(c.source() + ": " + key + " must be at least 1, not " + v);
        }
        return v;
    }

    private static int atLeastZero(ConfigKeys c, String key) {
        int v = c.integer(key);
        if (v < 0) {
            throw new InputError(c.source() + ": " + key + " must be 0 or more, not " + v);
        }
        return v;
    }

    private static double share(ConfigKeys c, String key) {
        double v = c.number(key);
        if (v < 0 || v > 1) {
            throw new InputError(c.source() + ": " + key + " must be within 0..1, not " + v);
        }
        return v;
    }

    private static boolean evidenceByActivity(ConfigKeys c) {
        return c.choice("recommend.complements.evidence", ComplementEvidence.class) == ComplementEvidence.BY_ACTIVITY;
    }

    private static <T> List<T> concat(List<T> list, T one) {
        List<T> all = new java.util.ArrayList<>(list);
        all.add(one);
        return all;
    }

    private static List<Double> numbers(ConfigKeys c, String key) {
        List<Double> out = new java.util.ArrayList<>();
        for (String v : c.strings(key)) {
            try {
                out.add(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                throw new InputError(c.source() + ": config key '" + key + "' must be a list of numbers, not '" + v + "'");
            }
        }
        return out;
    }

    /**
     * The parameters worth recording in the manifest (components in the manifest's order: by name).
     *
     * @param acceptedGuards the guards overridden for this run, sorted
     */
    public record Summary(List<String> acceptedGuards, AlsSummary als, double maxQuarantineShare, SegmentSummary segment,
                          int topN, String withoutConsentColumn) {
    }

    /** The recommender's configured ALS parameters, by name. */
    public record AlsSummary(double alpha, int iterations, int rank, double regParam) {
    }

    /** The segment search's configured parameters and refit cadence, by name. */
    public record SegmentSummary(String algorithm, int k, int kMax, int kMin, int refitDays, boolean refitRequested,
                                 long seed) {
    }

    /** Parameters worth recording in the manifest. */
    public Summary summary() {
        return new Summary(List.copyOf(new java.util.TreeSet<>(ingest.guards().accepted())),
                new AlsSummary(recommend.als().alpha(), recommend.als().iterations(), recommend.als().rank(),
                        recommend.als().regParam()),
                ingest.maxQuarantineShare(),
                new SegmentSummary(segment.algorithm().code(), segment.k(), segment.kMax(), segment.kMin(),
                        segment.model().refitDays(), segment.model().refit(), segment.seed()),
                recommend.topN(), ingest.withoutConsentColumn().name().toLowerCase(java.util.Locale.ROOT));
    }

    public JobConfig withRecommend(RecommendSettings r) {
        return new JobConfig(input, output, timezone, spark, ingest, features, segment, r, plan, export, playbook,
                outcomes, care, value);
    }

    public JobConfig withSegment(SegmentSettings s) {
        return new JobConfig(input, output, timezone, spark, ingest, features, s, recommend, plan, export, playbook,
                outcomes, care, value);
    }
}
