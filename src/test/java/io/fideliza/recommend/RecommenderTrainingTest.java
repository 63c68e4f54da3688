package io.fideliza.recommend;

import static io.fideliza.contract.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.ConfidenceScale;
import io.fideliza.config.JobConfig;
import io.fideliza.config.JobConfig.ModelSettings;
import io.fideliza.config.JobConfig.RecommendSettings;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.model.GenerationInfo;
import io.fideliza.model.ModelDecision;
import io.fideliza.model.TrainReason;
import io.fideliza.manifest.Manifest;
import io.fideliza.spark.OutputStore;
import io.fideliza.run.RunContext;
import io.fideliza.run.Progress;
import io.fideliza.testing.Slow;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training step's cadence and the saved generations, on three small device families. */
@SparkTest
class RecommenderTrainingTest {
    private final SparkSession spark;

    RecommenderTrainingTest(SparkSession spark) {
        this.spark = spark;
    }

    static final LocalDate DAY = LocalDate.of(2026, 6, 30);

    @TempDir
    Path out;

    /** Three families (device, accessory, ink) of 12 owners each; some owners buy the accessory late. */
    CleanInputs history() {
        Random random = new Random(11);
        Tables t = new Tables();
        for (int f = 0; f < 3; f++) {
            t.product("DEV" + f, "Device " + f, false, null, true).product("ACC" + f, "Accessory " + f, false, null, true)
                    .product("INK" + f, "Ink " + f, true, null, true);
        }
        for (int n = 0; n < 6; n++) {
            t.product("N" + n, "Other " + n, false, null, true);
        }
        int o = 0;
        for (int f = 0; f < 3; f++) {
            for (int i = 0; i < 12; i++) {
                String c = "F" + f + "C" + i;
                t.order("o" + o++, c, "DEV" + f, day(70 + random.nextInt(20)), 1);
                if (i < 9) {
                    // Three in four buy the accessory; a third of them within the last four weeks.
                    t.order("o" + o++, c, "ACC" + f, day(i % 3 == 0 ? 3 + random.nextInt(20) : 35 + random.nextInt(20)), 1);
                }
                for (int k = 0; k < 4; k++) {
                    t.order("o" + o++, c, "INK" + f, day(5 + 20 * k + random.nextInt(3)), 1);
                }
                t.order("o" + o++, c, "N" + random.nextInt(6), day(random.nextInt(90)), 1);
            }
        }
        return t.clean(spark);
    }

    static String day(int before) {
        return DAY.minusDays(before).toString();
    }

    static RecommendSettings settings() {
        RecommendSettings d = JobConfig.defaults().recommend();
        ModelSettings m = d.model().withTraining(7, 4, List.of(2), List.of(0.1), List.of(1.0),
                List.of(ConfidenceScale.LOG), List.of(0.0, 1.0));
        return d.withAls(new JobConfig.AlsSettings(2, 0.1, 1.0, 5, 3)).withModel(m);
    }

    /** The night's model, as a run of {@code date} chooses it; the run's outputs (a trained model) are published. */
    NightlyModel.Choice night(CleanInputs in, LocalDate date) {
        try (OutputStore store = new OutputStore(spark, out.toString(), date, new Manifest(date))) {
            NightlyModel.Choice choice = new NightlyModel(spark, settings(),
                    new Progress(new PrintStream(new ByteArrayOutputStream())))
                    .choose(in, new RunContext(date, ZoneOffset.UTC), store);
            store.publish();
            return choice;
        }
    }

    static Row pick(String customer, String product, String kind, int rank) {
        return org.apache.spark.sql.RowFactory.create(customer, product, kind, rank);
    }

    @Test
    void theSamePicksShareIsTheLargestGroupOfCustomersWithTheSameFirstThreePicks() {
        List<Row> picks = List.of(
                // a and b: the same three fillers in another order; c: the same three behind a refill (ignored);
                // d: an accessory first (goes-with before personal picks), so another list.
                pick("a", "f1", "personal", 1), pick("a", "f2", "personal", 2), pick("a", "f3", "personal", 3),
                pick("b", "f3", "personal", 1), pick("b", "f1", "personal", 2), pick("b", "f2", "personal", 3),
                pick("b", "f4", "personal", 4),
                pick("c", "ink", "replenishment", 1), pick("c", "f1", "personal", 1), pick("c", "f2", "personal", 2),
                pick("c", "f3", "personal", 3),
                pick("d", "f1", "personal", 1), pick("d", "f2", "personal", 2), pick("d", "acc", "cross_sell", 1));
        assertEquals(0.75, RecommenderTraining.samePicksShare(picks, 3), 1e-12);
        assertEquals(0.0, RecommenderTraining.samePicksShare(List.of(pick("c", "ink", "replenishment", 1)), 3), 0);
        assertEquals(List.of("acc", "f1", "f2"), RecommenderTraining.ranked(picks, Map.of(), 3).get("d"),
                "goes-with before ALS's own picks");
        assertEquals(List.of("ink", "f1", "f2"), RecommenderTraining.ranked(picks, Map.of(), 3).get("c"));
    }

    static RecommenderTraining.Candidate candidate(double blend, double ndcg, double same, boolean refused) {
        RecommenderParams p = RecommenderTraining.configured(settings()).withBlend(blend);
        return new RecommenderTraining.Candidate(p, new io.fideliza.ranking.RankingMetrics.Scores(10, 0, 0, ndcg, 0,
                0, 0), same, refused, 1.0, false);
    }

    @Test
    void aCandidateGivingMostCustomersTheSamePicksIsNotChosenWhateverItsScore() {
        List<RecommenderTraining.Candidate> chosen = RecommenderTraining.choose(List.of(candidate(0.0, 0.27, 0.1, false),
                candidate(0.5, 0.29, 0.2, false), candidate(1.0, 0.32, 0.9, true)));
        assertEquals(List.of(false, true, false), chosen.stream().map(RecommenderTraining.Candidate::chosen).toList(),
                "the best nDCG among those not refused");
        List<RecommenderTraining.Candidate> allRefused = RecommenderTraining.choose(List.of(
                candidate(0.5, 0.29, 0.6, true), candidate(0.0, 0.27, 0.7, true), candidate(1.0, 0.32, 0.9, true)));
        assertEquals(List.of(false, true, false), allRefused.stream().map(RecommenderTraining.Candidate::chosen).toList(),
                "every candidate refused: complement evidence alone");
    }

    @Test
    void theBlendRoundKeepsTheBestAlsSettingsNotRefused() {
        List<RecommenderTraining.Candidate> round1 = List.of(candidate(0.5, 0.20, 0.1, false),
                candidate(0.5, 0.35, 0.9, true), candidate(0.5, 0.25, 0.2, false), candidate(0.5, 0.25, 0.3, false));
        assertEquals(List.of(2), RecommenderTraining.kept(round1, 1), "the best nDCG not refused (ties: the earlier)");
        assertEquals(List.of(2, 3, 0), RecommenderTraining.kept(round1, 3));
        assertEquals(List.of(2, 3, 0, 1), RecommenderTraining.kept(round1, 9), "refused ones last");
        List<RecommenderTraining.Candidate> allRefused = List.of(candidate(0.5, 0.3, 0.8, true),
                candidate(0.5, 0.1, 0.6, true));
        assertEquals(List.of(1), RecommenderTraining.kept(allRefused, 1), "all refused: the fewest identical lists");
    }

    /**
     * The shipped grid (rank 16; reg 0.1, 1.0; alpha 3, 10; log) sized to the validation split: one ALS setting per
     * 250 customers, the configured one (reg 1.0, alpha 3) first, in the grid's order.
     */
    @Test
    void aSmallValidationSplitSearchesOnlyTheAlsSettingsItCanTellApart() {
        RecommendSettings shipped = JobConfig.defaults().recommend();
        RecommenderTraining training = new RecommenderTraining(spark, shipped, ZoneOffset.UTC,
                new Progress(new PrintStream(new ByteArrayOutputStream())));
        RecommenderParams base = RecommenderTraining.configured(shipped);
        assertEquals(List.of("1.0/3.0"), regAlpha(training.sizedToSplit(training.alsGrid(base), 64)), "the sample's 64 customers");
        assertEquals(List.of("1.0/3.0"), regAlpha(training.sizedToSplit(training.alsGrid(base), 499)));
        assertEquals(List.of("0.1/3.0", "1.0/3.0"), regAlpha(training.sizedToSplit(training.alsGrid(base), 500)));
        assertEquals(List.of("0.1/3.0", "0.1/10.0", "1.0/3.0", "1.0/10.0"), regAlpha(training.sizedToSplit(training.alsGrid(base), 1000)));
        RecommenderTraining everySetting = new RecommenderTraining(spark,
                shipped.withModel(shipped.model().withCustomersPerAlsSetting(0)), ZoneOffset.UTC,
                new Progress(new PrintStream(new ByteArrayOutputStream())));
        assertEquals(4, everySetting.sizedToSplit(everySetting.alsGrid(base), 64).size(), "customers_per_als_setting 0: the whole grid");
        assertTrue(training.sizedToSplit(training.alsGrid(base), 64).stream().allMatch(p -> p.als().iterations() == 5
                && p.als().rank() == 16 && p.confidence() == ConfidenceScale.LOG), "searched with search_iterations");
    }

    private static List<String> regAlpha(List<RecommenderParams> settings) {
        return settings.stream().map(p -> p.als().regParam() + "/" + p.als().alpha()).toList();
    }

    @Test
    @Slow
    void theSearchTriesEveryAlsSettingAtOneBlendThenTheBestAtTheOthersAndFitsTheChoiceWithFullIterations() {
        RecommendSettings d = settings();
        ModelSettings m = d.model().withTraining(7, 4, List.of(2), List.of(0.1, 1.0), List.of(1.0),
                List.of(ConfidenceScale.LOG), List.of(0.0, 0.5, 1.0)).withSearch(2, 1).withCustomersPerAlsSetting(0);
        assertEquals(0.5, m.blend(), "the configured blend, where the first round measures");
        RecommendSettings s = d.withModel(m);
        RecommenderTraining.Outcome o = new RecommenderTraining(spark, s, ZoneOffset.UTC,
                new Progress(new PrintStream(new ByteArrayOutputStream()))).train(history(),
                new RunContext(DAY, ZoneOffset.UTC), 5);
        List<RecommenderTraining.Candidate> c = o.candidates();
        assertEquals(List.of(0.0, 0.5, 0.5, 1.0), c.stream().map(x -> x.params().blend()).toList(),
                "complements alone, both ALS settings at the configured blend, then the better one at blend 1");
        assertEquals(List.of(0.1, 1.0), List.of(c.get(1).params().als().regParam(), c.get(2).params().als().regParam()));
        double better = RecommenderTraining.kept(c.subList(1, 3), 1).get(0) == 0 ? 0.1 : 1.0;
        assertEquals(better, c.get(3).params().als().regParam());
        assertTrue(c.stream().skip(1).allMatch(x -> x.params().als().iterations() == 2), "searched with 2 iterations");
        RecommenderTraining.Candidate chosen = c.stream().filter(RecommenderTraining.Candidate::chosen).findFirst()
                .orElseThrow();
        assertEquals(chosen.params().blend(), o.model().params().blend());
        assertEquals(chosen.params().als().regParam(), o.model().params().als().regParam());
        assertEquals(5, o.model().params().als().iterations(), "the chosen one fitted with recommend.als.iterations");
    }

    @Test
    @Slow
    void aModelIsTrainedWhenNoneIsYoungEnoughAndReusedOtherwise() throws Exception {
        CleanInputs in = history();
        NightlyModel.Choice first = night(in, DAY);
        assertTrue(first.trained());
        assertEquals(1, first.version());
        assertEquals(DAY, first.model().trainedOn());
        assertEquals(TrainReason.NO_MODEL, ((ModelDecision.Trained<?, ?>) first.decision().orElseThrow()).reason());
        Path folder = out.resolve("_models/recommender/version=1");
        assertTrue(Files.exists(folder.resolve("model.json")));
        assertTrue(Files.exists(folder.resolve("generation.json")));
        assertTrue(Files.isDirectory(folder.resolve("complements")));
        GenerationInfo<RecommenderValidation> info = first.generation().orElseThrow();
        assertEquals(List.of(0.0, 1.0), info.candidates().stream().map(c -> c.figures().params().blend()).toList(),
                "blend 0 (complements alone) and blend 1 (ALS, rank 2)");
        assertEquals(DAY.minusDays(28), first.validation().orElseThrow().cutoff());
        assertEquals(5, first.validation().orElseThrow().searchIterations(), "the default search_iterations");
        assertEquals(info.candidates().get(info.chosen()).score(), first.validation().orElseThrow().ndcg());

        NightlyModel.Choice reused = night(in, DAY.plusDays(6));
        assertFalse(reused.trained());
        assertEquals(1, reused.version());
        assertEquals(first.model().params(), reused.model().params());
        assertEquals(first.validation(), reused.validation(), "read back from the generation's info");
        assertEquals(first.summary(), reused.summary(), "the same manifest entry");

        NightlyModel.Choice week = night(in, DAY.plusDays(7));
        assertTrue(week.trained(), "seven days after the last training");
        assertEquals(2, week.version());

        // A backfill never uses a model trained on later data: it trains its own, the next version.
        NightlyModel.Choice backfill = night(in, DAY.minusDays(1));
        assertTrue(backfill.trained());
        assertEquals(3, backfill.version());
        assertEquals(DAY.minusDays(1), backfill.model().trainedOn());
    }

    @Test
    void aSavedModelRecommendsAsTheFittedOne() throws Exception {
        CleanInputs in = history();
        RunContext run = new RunContext(DAY, ZoneOffset.UTC);
        RecommendSettings s = settings();
        RecommenderModel fitted = RecommenderModel.fit(spark, in, run, s,
                RecommenderTraining.configured(s).withBlend(0.5));
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(out.resolve("model").toString());
        fitted.save(spark, folder);
        RecommenderModel loaded = RecommenderModel.load(spark, folder);
        assertEquals(fitted.params(), loaded.params());
        assertEquals(fitted.complements().size(), loaded.complements().size());
        var interactions = Interactions.build(in, run, s.weights(), s.halfLifeDays());
        var excluded = Recommendations.excluded(in, run, s.justBoughtDays(), null);
        List<Row> a = fitted.personal(spark, in, interactions, excluded, null, 2, 5)
                .orderBy(CUSTOMER_ID, KIND, RANK).collectAsList();
        List<Row> b = loaded.personal(spark, in, interactions, excluded, null, 2, 5)
                .orderBy(CUSTOMER_ID, KIND, RANK).collectAsList();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).getString(1), b.get(i).getString(1), a.get(i).toString());
            assertEquals(a.get(i).getDouble(2), b.get(i).getDouble(2), 1e-5);
        }
        // Owners of a device without its accessory get it, because of the device or its ink.
        assertTrue(a.stream().anyMatch(r -> r.getString(0).equals("F0C10") && r.getString(1).equals("ACC0")
                && r.getString(3) != null && r.getString(3).endsWith("0")), a.toString());
    }
}
