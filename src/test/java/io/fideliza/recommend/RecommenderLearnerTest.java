package io.fideliza.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.JobConfig;
import io.fideliza.model.GenerationInfo;
import io.fideliza.model.TrainReason;
import io.fideliza.model.TrainableModel.Evaluated;
import io.fideliza.model.TrainableModel.Evaluation;
import io.fideliza.run.Progress;
import io.fideliza.run.RunContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recommender's hooks on the generations framework, without Spark: a version written before the framework
 * (its validation inside model.json, as main 783f79b wrote it) read back as a generation, and the choice rule.
 */
class RecommenderLearnerTest {
    static final LocalDate DAY = LocalDate.parse("2026-06-30");
    @TempDir
    Path dir;

    RecommenderLearner learner() {
        return new RecommenderLearner(null, JobConfig.defaults().recommend(), null,
                new RunContext(DAY, ZoneOffset.UTC), new Progress(new PrintStream(new ByteArrayOutputStream())));
    }

    static String params(double blend, double reg) {
        return "\"rank\" : 16, \"reg_param\" : " + reg + ", \"alpha\" : 3.0, \"iterations\" : 5, \"seed\" : 11, "
                + "\"confidence\" : \"log\", \"epsilon\" : 1.0, \"blend\" : " + blend + ", \"neighbours\" : 50, "
                + "\"significance\" : 0.05, \"evidence\" : \"by_activity\"";
    }

    @Test
    void aModelJsonWrittenBeforeTheFrameworkIsReadAsAGeneration() throws IOException {
        Path v1 = Files.createDirectories(dir.resolve("version=1"));
        Files.writeString(v1.resolve("model.json"), "{ \"model\" : \"recommender\", \"trained_on\" : \"2026-06-30\", "
                + "\"params\" : { " + params(0.0, 1.0).replace("\"iterations\" : 5", "\"iterations\" : 10") + " }, "
                + "\"validation\" : { \"cutoff\" : \"2026-06-02\", \"weeks\" : 4, \"k\" : 10, \"customers\" : 64, "
                + "\"search_iterations\" : 5, \"ndcg\" : 0.28, \"precision\" : 0.067, \"recall\" : 0.58, "
                + "\"hit_rate\" : 0.64, \"candidates\" : [ "
                + "{ " + params(1.0, 0.1) + ", \"ndcg\" : 0.25, \"precision\" : 0.06, \"recall\" : 0.5, "
                + "\"hit_rate\" : 0.6, \"coverage\" : 0.7, \"same_picks_share\" : 0.9, \"refused\" : true, "
                + "\"chosen\" : false }, "
                + "{ " + params(0.0, 1.0) + ", \"ndcg\" : 0.28, \"precision\" : 0.067, \"recall\" : 0.58, "
                + "\"hit_rate\" : 0.64, \"coverage\" : 0.64, \"same_picks_share\" : 0.32, \"refused\" : false, "
                + "\"chosen\" : true } ] } }");
        FileSystem fs = FileSystem.getLocal(new Configuration());
        GenerationInfo<RecommenderValidation> info = learner().legacyInfo(1,
                new org.apache.hadoop.fs.Path(v1.toString()), fs).orElseThrow();
        assertEquals(1, info.version());
        assertEquals(DAY, info.trainedOn());
        assertEquals(LocalDate.parse("2026-06-02"), info.cutOff());
        assertEquals(TrainReason.UNRECORDED, info.reason());
        assertNull(info.parentVersion());
        assertEquals(1, info.chosen(), "the candidate marked chosen");
        assertEquals(List.of(0.25, 0.28), info.candidates().stream().map(GenerationInfo.CandidateResult::score).toList());
        RecommenderValidation v = info.figures();
        assertEquals(new RecommenderValidation(LocalDate.parse("2026-06-02"), 4, 10, 64, 5, v.params(), 0.28, 0.067,
                0.58, 0.64, 0.64, 0.32, false, null), v);
        assertEquals(0.0, v.params().blend());
        assertEquals("{\"cutoff\":\"2026-06-02\",\"weeks\":4,\"k\":10,\"customers\":64,\"search_iterations\":5,"
                + "\"ndcg\":0.28,\"precision\":0.067,\"recall\":0.58,\"hit_rate\":0.64}", v.asManifest().toString(),
                "the manifest's validation as main wrote it");
        assertTrue(info.candidates().get(0).figures().refused());
    }

    @Test
    void anUntestedModelJsonIsOneUntestedCandidateAndAFolderWithoutOneIsNoVersion() throws IOException {
        Path v2 = Files.createDirectories(dir.resolve("version=2"));
        Files.writeString(v2.resolve("model.json"), "{ \"model\" : \"recommender\", \"trained_on\" : \"2026-06-30\", "
                + "\"params\" : { " + params(0.5, 0.1) + " }, \"validation\" : { \"cutoff\" : \"2026-06-02\", "
                + "\"customers\" : 0, \"note\" : \"no customer bought a new product in the validation weeks\" } }");
        FileSystem fs = FileSystem.getLocal(new Configuration());
        GenerationInfo<RecommenderValidation> info = learner().legacyInfo(2,
                new org.apache.hadoop.fs.Path(v2.toString()), fs).orElseThrow();
        assertEquals(1, info.candidates().size());
        assertEquals(0, info.figures().customers());
        assertEquals(0.5, info.figures().params().blend());
        assertEquals("{\"cutoff\":\"2026-06-02\",\"customers\":0,\"note\":\"no customer bought a new product in the "
                + "validation weeks: configured parameters\"}", info.figures().asManifest().toString());
        assertEquals(Optional.empty(), learner().legacyInfo(3,
                new org.apache.hadoop.fs.Path(Files.createDirectories(dir.resolve("version=3")).toString()), fs));
    }

    static Evaluated<RecommenderModel, RecommenderValidation> measured(double blend, double ndcg, double same,
                                                                       boolean refused) {
        RecommenderParams p = RecommenderTraining.configured(JobConfig.defaults().recommend()).withBlend(blend);
        return new Evaluated<>(null, new Evaluation<>(ndcg, new RecommenderValidation(DAY, 4, 10, 50, 5, p, ndcg,
                0.1, 0.2, 0.3, 0.4, same, refused, null)));
    }

    @Test
    void theChoiceRefusesTheSamePicksForEveryoneWhateverItsNdcg() {
        assertEquals(1, learner().choose(List.of(measured(0.0, 0.20, 0.3, false), measured(0.5, 0.30, 0.4, false),
                measured(1.0, 0.40, 0.9, true))), "the best not refused");
        assertEquals(1, learner().choose(List.of(measured(0.5, 0.30, 0.8, true), measured(0.0, 0.20, 0.95, true),
                measured(1.0, 0.40, 0.7, true))), "all refused: complements alone");
        assertEquals(1, learner().choose(List.of(measured(0.5, 0.30, 0.8, true), measured(1.0, 0.20, 0.6, true))),
                "all refused, no complements alone: the fewest same picks");
    }
}
