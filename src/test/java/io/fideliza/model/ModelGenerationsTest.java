package io.fideliza.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.manifest.Manifest;
import io.fideliza.model.ModelGenerations.Cadence;
import io.fideliza.spark.OutputStore;
import io.fideliza.testing.SparkTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The framework's cadence and promotion with a test model (a number learnt from the run date): trained when there is
 * no model, kept while young, trained when expired or on request, never a model trained after the run date, the best
 * candidate chosen, and nothing published by a run that fails; and the hooks a model may override: its own choice
 * rule, a refit that sees the split, and versions written before it was on the framework read back.
 */
@SparkTest
class ModelGenerationsTest {
    private final SparkSession spark;
    @TempDir
    Path out;

    ModelGenerationsTest(SparkSession spark) {
        this.spark = spark;
    }

    /** Figures of the test model: the score it got and the cut-off it was judged at. */
    record Figures(double score, LocalDate judgedAt) {
    }

    /**
     * A model that is a number: its candidates are the run date's day of month times each factor; the score prefers
     * the factor closest to 2. The published number is written in a file.
     */
    static class NumberModelBase implements TrainableModel.GridSearched<Integer, Integer, Figures> {
        final List<Integer> factors;
        final List<LocalDate> trainedFor = new ArrayList<>();

        NumberModelBase(Integer... factors) {
            this.factors = List.of(factors);
        }

        @Override
        public String name() {
            return "number";
        }

        @Override
        public Class<Figures> figuresType() {
            return Figures.class;
        }

        @Override
        public Split<Integer> split(Tonight<Integer, Figures> tonight) {
            LocalDate runDate = tonight.runDate();
            trainedFor.add(runDate);
            return new Split<>(runDate.minusDays(3), runDate.getDayOfMonth());
        }

        @Override
        public List<Integer> build(Split<Integer> split) {
            return factors.stream().map(f -> f * split.data()).toList();
        }

        @Override
        public String describe(Integer candidate) {
            return "number " + candidate;
        }

        @Override
        public Evaluation<Figures> evaluate(Integer candidate, Split<Integer> split) {
            double score = 0 - Math.abs(candidate / (double) split.data() - 2);
            return new Evaluation<>(score, new Figures(score, split.cutOff()));
        }

        @Override
        public void save(Integer model, org.apache.hadoop.fs.Path folder, FileSystem fs) throws IOException {
            try (var o = fs.create(new org.apache.hadoop.fs.Path(folder, "number.txt"))) {
                o.write(String.valueOf(model).getBytes(StandardCharsets.UTF_8));
            }
        }

        @Override
        public Integer load(org.apache.hadoop.fs.Path folder, FileSystem fs) throws IOException {
            try (var in = fs.open(new org.apache.hadoop.fs.Path(folder, "number.txt"))) {
                return Integer.valueOf(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    /** The number model with the framework's defaults. */
    static final class NumberModel extends NumberModelBase {
        NumberModel(Integer... factors) {
            super(factors);
        }
    }

    /** The decision of a night of {@code day}; its outputs (a trained generation) published unless {@code fail}. */
    ModelDecision<Integer, Figures> night(NumberModelBase model, String day, Cadence cadence, boolean fail) {
        LocalDate date = LocalDate.parse(day);
        try (OutputStore store = new OutputStore(spark, out.toString(), date, new Manifest(date))) {
            ModelDecision<Integer, Figures> d = new ModelGenerations(store).decide(model, cadence, date);
            if (fail) {
                store.discard();
            } else {
                store.publish();
            }
            return d;
        }
    }

    static final Cadence WEEKLY = new Cadence(7, false);

    @Test
    void trainsWithoutAModelKeepsItWhileYoungAndTrainsAgainWhenExpired() throws IOException {
        NumberModel model = new NumberModel(1, 2, 3);
        var first = night(model, "2026-06-10", WEEKLY, false);
        var trained = assertInstanceOf(ModelDecision.Trained.class, first);
        assertEquals(TrainReason.NO_MODEL, trained.reason());
        assertEquals(20, first.model(), "factor 2 of day 10: the best candidate");
        assertEquals(1, first.info().version());
        assertEquals(1, first.info().chosen());
        assertNull(first.info().parentVersion());
        assertEquals(List.of("number 10", "number 20", "number 30"),
                first.info().candidates().stream().map(GenerationInfo.CandidateResult::description).toList());
        assertEquals(new Figures(0.0, LocalDate.parse("2026-06-07")), first.info().figures());
        assertTrue(Files.exists(out.resolve("_models/number/version=1/number.txt")));
        assertTrue(Files.readString(out.resolve("_models/number/version=1/generation.json")).contains(
                "\"trained_on\" : \"2026-06-10\""));

        var young = night(model, "2026-06-16", WEEKLY, false);
        var kept = assertInstanceOf(ModelDecision.Kept.class, young);
        assertEquals(6, kept.ageDays());
        assertEquals(20, young.model(), "loaded from version 1");
        assertEquals(1, young.info().version());
        assertEquals(LocalDate.parse("2026-06-10"), young.info().trainedOn());

        var expired = night(model, "2026-06-17", WEEKLY, false);
        assertEquals(TrainReason.EXPIRED, assertInstanceOf(ModelDecision.Trained.class, expired).reason());
        assertEquals(34, expired.model());
        assertEquals(2, expired.info().version());
        assertEquals(1, expired.info().parentVersion());
        assertEquals(List.of(LocalDate.parse("2026-06-10"), LocalDate.parse("2026-06-17")), model.trainedFor);
    }

    @Test
    void aRerunOfTheTrainingNightKeepsItsGenerationAndARefitTrainsAnotherNight() {
        NumberModel model = new NumberModel(2);
        night(model, "2026-06-10", WEEKLY, false);
        var rerun = night(model, "2026-06-10", new Cadence(7, true), false);
        assertEquals(1, assertInstanceOf(ModelDecision.Rerun.class, rerun).info().version(), "the same outputs again");
        assertEquals(List.of("version=1"), versions(), "no second generation for the same night");
        var requested = night(model, "2026-06-11", new Cadence(7, true), false);
        assertEquals(TrainReason.REQUESTED, assertInstanceOf(ModelDecision.Trained.class, requested).reason());
        var everyNight = night(model, "2026-06-12", new Cadence(0, false), false);
        assertEquals(TrainReason.EVERY_NIGHT, assertInstanceOf(ModelDecision.Trained.class, everyNight).reason());
        assertEquals(3, everyNight.info().version());
        assertEquals(2, everyNight.info().parentVersion());
    }

    @Test
    void aBackfillNeverUsesAModelTrainedAfterItsDateAndLaterNightsUseTheNewest() {
        NumberModel model = new NumberModel(2);
        night(model, "2026-06-10", WEEKLY, false);
        var backfill = night(model, "2026-05-20", WEEKLY, false);
        assertEquals(TrainReason.ONLY_LATER_MODELS, assertInstanceOf(ModelDecision.Trained.class, backfill).reason());
        assertEquals(40, backfill.model(), "learnt from the 20th, not the 10th");
        assertEquals(2, backfill.info().version());
        assertNull(backfill.info().parentVersion());
        var olderNight = night(model, "2026-05-22", WEEKLY, false);
        assertEquals(2, assertInstanceOf(ModelDecision.Kept.class, olderNight).info().version());
        var laterNight = night(model, "2026-06-12", WEEKLY, false);
        assertEquals(1, assertInstanceOf(ModelDecision.Kept.class, laterNight).info().version(),
                "trained on the 10th: newer than version 2's training on May 20");
    }

    @Test
    void aFailedRunPublishesNoGeneration() {
        NumberModel model = new NumberModel(2);
        night(model, "2026-06-10", WEEKLY, true);
        assertFalse(Files.exists(out.resolve("_models/number/version=1")));
        var next = night(model, "2026-06-11", WEEKLY, false);
        assertEquals(TrainReason.NO_MODEL, assertInstanceOf(ModelDecision.Trained.class, next).reason());
        assertEquals(1, next.info().version());
    }

    /**
     * The number model with hooks of its own: it chooses the first candidate scoring at least -1 (not the best),
     * publishes the chosen number plus the split's day, and reads a version without generation.json from a
     * {@code trained_on.txt} beside its number (as a model saved before the framework would).
     */
    static final class ModestModel extends NumberModelBase {
        ModestModel(Integer... factors) {
            super(factors);
        }

        @Override
        public int choose(List<Evaluated<Integer, Figures>> candidates) {
            for (int i = 0; i < candidates.size(); i++) {
                if (candidates.get(i).evaluation().score() >= -1) {
                    return i;
                }
            }
            return 0;
        }

        @Override
        public Integer refit(Evaluated<Integer, Figures> chosen, Split<Integer> split, LocalDate runDate) {
            return chosen.candidate() + split.data();
        }

        @Override
        public Optional<GenerationInfo<Figures>> legacyInfo(int version, org.apache.hadoop.fs.Path folder,
                                                            FileSystem fs) throws IOException {
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(folder, "trained_on.txt");
            if (!fs.exists(file)) {
                return Optional.empty();
            }
            try (var in = fs.open(file)) {
                LocalDate on = LocalDate.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
                Figures f = new Figures(0, on);
                return Optional.of(new GenerationInfo<>(name(), version, on, on, null, TrainReason.UNRECORDED, 0,
                        List.of(new GenerationInfo.CandidateResult<>("legacy", 0, f))));
            }
        }
    }

    @Test
    void aModelsOwnChoiceRuleAndRefitDecideWhatIsPublished() {
        var first = night(new ModestModel(1, 2, 3), "2026-06-10", WEEKLY, false);
        assertEquals(0, first.info().chosen(), "number 10 scores -1: the first at least -1, though 20 scores 0");
        assertEquals(20, first.model(), "10 refitted with the split's day, 10");
        assertEquals(-1.0, first.info().candidates().get(0).score());
        assertEquals(3, first.info().candidates().size());
    }

    @Test
    void aVersionWrittenBeforeTheFrameworkIsKeptThroughItsLegacyInfo() throws IOException {
        Path v1 = Files.createDirectories(out.resolve("_models/number/version=1"));
        Files.writeString(v1.resolve("number.txt"), "16");
        Files.writeString(v1.resolve("trained_on.txt"), "2026-06-08\n");
        ModestModel model = new ModestModel(2);
        var kept = assertInstanceOf(ModelDecision.Kept.class, night(model, "2026-06-10", WEEKLY, false));
        assertEquals(2, kept.ageDays());
        assertEquals(16, kept.model(), "loaded from the legacy version");
        assertEquals(TrainReason.UNRECORDED, kept.info().reason());
        assertEquals(1, kept.info().version());
        assertEquals(List.of(), model.trainedFor, "nothing trained");

        var expired = night(model, "2026-06-15", WEEKLY, false);
        assertEquals(TrainReason.EXPIRED, assertInstanceOf(ModelDecision.Trained.class, expired).reason());
        assertEquals(2, expired.info().version());
        assertEquals(1, expired.info().parentVersion());
    }

    @Test
    void aVersionWithoutInfoTheModelCannotReadIsSkipped() throws IOException {
        Files.writeString(Files.createDirectories(out.resolve("_models/number/version=1")).resolve("number.txt"), "7");
        var trained = night(new NumberModel(2), "2026-06-10", WEEKLY, false);
        assertEquals(TrainReason.NO_MODEL, assertInstanceOf(ModelDecision.Trained.class, trained).reason());
        assertEquals(2, trained.info().version(), "the next version all the same");
        assertNull(trained.info().parentVersion());
    }

    /** The published versions of the number model. */
    List<String> versions() {
        try (var files = Files.list(out.resolve("_models/number"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The number model watching itself: the 12th of a month is a drifted night (it trains whatever its age), and a
     * night before every generation applies the oldest rather than training. It records what each training saw.
     */
    static final class WatchfulModel extends NumberModelBase {
        final List<String> tonights = new ArrayList<>();

        WatchfulModel() {
            super(2);
        }

        @Override
        public Optional<TrainReason> due(Generation<Integer, Figures> inPlace, Optional<TrainReason> cadence,
                                         LocalDate runDate) {
            return runDate.getDayOfMonth() == 12 ? Optional.of(TrainReason.DRIFT) : cadence;
        }

        @Override
        public boolean trainsForBackfill() {
            return false;
        }

        @Override
        public Split<Integer> split(Tonight<Integer, Figures> tonight) {
            tonights.add("version " + tonight.version() + ", " + tonight.reason() + ", in place "
                    + tonight.inPlace().map(g -> g.info().version() + " (" + g.model() + ")").orElse("none"));
            return super.split(tonight);
        }
    }

    @Test
    void aModelTrainsOnItsOwnTriggerSeesTheGenerationInPlaceAndItsVersionAndAppliesItsOldestToABackfill() {
        WatchfulModel model = new WatchfulModel();
        night(model, "2026-06-10", WEEKLY, false);
        assertInstanceOf(ModelDecision.Kept.class, night(model, "2026-06-11", WEEKLY, false));
        var drifted = assertInstanceOf(ModelDecision.Trained.class, night(model, "2026-06-12", WEEKLY, false));
        assertEquals(TrainReason.DRIFT, drifted.reason());
        assertEquals(24, drifted.model());
        assertEquals(1, drifted.info().parentVersion());
        assertEquals(List.of("version 1, NO_MODEL, in place none", "version 2, DRIFT, in place 1 (20)"),
                model.tonights);

        var rerun = assertInstanceOf(ModelDecision.Rerun.class, night(model, "2026-06-12", WEEKLY, false));
        assertEquals(2, rerun.info().version());
        assertEquals(1, rerun.replaced().map(g -> ((Generation<?, ?>) g).info().version()).orElseThrow());
        assertEquals(List.of("version=1", "version=2"), versions(), "a rerun trains nothing");

        var backfill = assertInstanceOf(ModelDecision.Kept.class, night(model, "2026-06-01", WEEKLY, false));
        assertEquals(1, backfill.info().version(), "the oldest");
        assertEquals(-9, backfill.ageDays());
        var requested = night(model, "2026-06-01", new Cadence(7, true), false);
        assertEquals(TrainReason.REQUESTED, assertInstanceOf(ModelDecision.Trained.class, requested).reason());
        assertEquals(3, requested.info().version());
        assertEquals(1, requested.info().parentVersion());
        assertEquals("version 3, REQUESTED, in place 1 (20)", model.tonights.get(2));
    }
}
