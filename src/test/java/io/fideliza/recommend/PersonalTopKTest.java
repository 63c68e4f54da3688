package io.fideliza.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.ConfidenceScale;
import io.fideliza.testing.SparkTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class PersonalTopKTest {
    private final SparkSession spark;

    PersonalTopKTest(SparkSession spark) {
        this.spark = spark;
    }

    /** 0 a device, 1 its accessory, 2 its ink (consumable), 3 a mug, 4 an unavailable lamp. */
    static final List<String> IDS = List.of("dev", "acc", "ink", "mug", "lamp");
    static final boolean[] CROSS_SELL = {true, true, false, true, false};
    static final boolean[] REFILL = {false, false, true, false, false};
    static final boolean[] DURABLE = {true, true, false, true, true};

    static Complements complements() {
        StructType schema = new StructType().add("product_id", DataTypes.StringType)
                .add(Complements.COMPLEMENT_ID, DataTypes.StringType).add(Complements.BUYERS_SHARE, DataTypes.DoubleType)
                .add(Complements.EVIDENCE, DataTypes.DoubleType);
        Object[][] rows = {{"dev", "acc", 0.6, 50.0}, {"dev", "ink", 0.8, 40.0}, {"acc", "ink", 0.7, 45.0},
            {"mug", "acc", 0.1, 12.0}, {"acc", "dev", 0.9, 50.0}};
        List<Row> table = new ArrayList<>();
        for (Object[] r : rows) {
            table.add(new GenericRowWithSchema(r, schema));
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < IDS.size(); i++) {
            index.put(IDS.get(i), i);
        }
        return Complements.of(table, index);
    }

    static List<PersonalTopK.Pick> score(PersonalTopK scorer, PersonalTopK.User... users) {
        List<PersonalTopK.Pick> out = new ArrayList<>();
        scorer.score(List.of(users).iterator()).forEachRemaining(out::add);
        return out;
    }

    static PersonalTopK.User owner(String id, int[] owned, int[] excluded) {
        return new PersonalTopK.User(id, new int[0], new float[0], owned, excluded, false);
    }

    @Test
    void complementsAloneExplainEachPickByTheStrongestOwnedEvidence() {
        PersonalTopK scorer = new PersonalTopK(5, 2, null, 1, 0.1, ConfidenceScale.LINEAR, 1, complements(),
                CROSS_SELL, REFILL, DURABLE, 0.0, 3, 2);
        List<PersonalTopK.Pick> picks = score(scorer,
                // Owns the device and a mug: the accessory (0.6 + 0.1), because of the device (50 > 12); the ink as
                // a first refill, because of the device, the only owned durable that goes with it.
                owner("owner", new int[] {0, 3}, new int[] {0, 3}),
                // Owns only a mug: the accessory on weak evidence, and no ink (nothing it serves).
                owner("mug", new int[] {3}, new int[] {3}),
                // Owns the accessory and already buys the ink: the device, no first refill.
                owner("inked", new int[] {1, 2}, new int[] {1}),
                owner("nothing", new int[0], new int[0]));
        assertEquals(List.of(
                new PersonalTopK.Pick("owner", 1, 0.6f + 0.1f, 0, false, 1),
                new PersonalTopK.Pick("owner", 2, 0.8f, 0, true, 1),
                new PersonalTopK.Pick("mug", 1, 0.1f, 3, false, 1),
                new PersonalTopK.Pick("inked", 0, 0.9f, 1, false, 1)), picks);
    }

    @Test
    void theBlendWeighsAlsAgainstComplementEvidence() {
        // Item factors (rank 2): the device and the mug load on the first factor, the accessory on the second, so
        // that for a customer who only bought the device, ALS prefers the mug.
        float[] items = {1.0f, 0.0f, 0.0f, 1.0f, 0.0f, 0.0f, 0.9f, 0.0f, 0.0f, 0.0f};
        PersonalTopK.User u = new PersonalTopK.User("u", new int[] {0}, new float[] {4}, new int[] {0}, new int[] {0},
                true);
        PersonalTopK alsOnly = new PersonalTopK(5, 2, items, 1, 0.1, ConfidenceScale.LINEAR, 1, complements(),
                CROSS_SELL, REFILL, DURABLE, 1.0, 2, 2);
        PersonalTopK evidenceOnly = new PersonalTopK(5, 2, items, 1, 0.1, ConfidenceScale.LINEAR, 1,
                complements(), CROSS_SELL, REFILL, DURABLE, 0.0, 2, 2);
        List<PersonalTopK.Pick> a = score(alsOnly, u);
        List<PersonalTopK.Pick> e = score(evidenceOnly, u);
        List<PersonalTopK.Pick> crossSells = a.stream().filter(p -> !p.refill()).toList();
        assertEquals(List.of(1, 3), crossSells.stream().map(PersonalTopK.Pick::item).toList(),
                "ALS alone prefers the mug, but may not push out the accessory the evidence names: it comes first");
        assertEquals(List.of(0, -1), crossSells.stream().map(PersonalTopK.Pick::because).toList(),
                "no owned product goes with the mug: no reason");
        assertEquals(List.of(1, 2), crossSells.stream().map(PersonalTopK.Pick::rank).toList());
        assertEquals(1, e.get(0).item(), "evidence alone: the accessory first");
        assertEquals(0, e.get(0).because());
        assertEquals(1, e.stream().filter(p -> !p.refill()).count(), "evidence alone: nothing without evidence");
    }

    @Test
    void alsFillsOnlyThePlacesEvidenceLeavesAndOrdersTheEvidencePicks() {
        // Six products: 0 a device with two accessories 1 and 2, and three fillers 3, 4, 5 that ALS, for an owner
        // of the device, scores far above the accessories (and acc2 above acc1).
        StructType schema = new StructType().add("product_id", DataTypes.StringType)
                .add(Complements.COMPLEMENT_ID, DataTypes.StringType).add(Complements.BUYERS_SHARE, DataTypes.DoubleType)
                .add(Complements.EVIDENCE, DataTypes.DoubleType);
        List<Row> table = List.of(new GenericRowWithSchema(new Object[] {"dev", "acc1", 0.9, 40.0}, schema),
                new GenericRowWithSchema(new Object[] {"dev", "acc2", 0.3, 20.0}, schema));
        Map<String, Integer> index = new HashMap<>();
        List<String> ids = List.of("dev", "acc1", "acc2", "f1", "f2", "f3");
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        float[] items = {1.0f, 0.0f, 0.1f, 0.0f, 0.3f, 0.0f, 0.95f, 0.0f, 0.9f, 0.0f, 0.85f, 0.0f};
        boolean[] all = {true, true, true, true, true, true};
        PersonalTopK alsOnly = new PersonalTopK(6, 2, items, 1, 0.1, ConfidenceScale.LINEAR, 1,
                Complements.of(table, index), all, new boolean[6], all, 1.0, 3, 2);
        List<PersonalTopK.Pick> picks = score(alsOnly, new PersonalTopK.User("u", new int[] {0}, new float[] {4},
                new int[] {0}, new int[] {0}, true));
        assertEquals(List.of(2, 1, 3), picks.stream().map(PersonalTopK.Pick::item).toList(),
                "both accessories kept, in ALS's order (acc2 above acc1); the best filler fills the one place left");
        assertEquals(List.of(0, 0, -1), picks.stream().map(PersonalTopK.Pick::because).toList());
    }

    @Test
    void customersFactorsSolvedFromItemFactorsAreSparksOwn() {
        Random random = new Random(3);
        List<Row> ratings = new ArrayList<>();
        Map<Integer, List<float[]>> byUser = new HashMap<>();
        for (int u = 0; u < 40; u++) {
            for (int i = 0; i < 25; i++) {
                if (random.nextDouble() < 0.2) {
                    float r = 1 + random.nextInt(5);
                    ratings.add(RowFactory.create(u, i, r));
                    byUser.computeIfAbsent(u, x -> new ArrayList<>()).add(new float[] {i, r});
                }
            }
        }
        Dataset<Row> df = spark.createDataFrame(ratings, new StructType().add("u", DataTypes.IntegerType)
                .add("i", DataTypes.IntegerType).add("r", DataTypes.FloatType));
        int rank = 3;
        ALSModel model = new ALS().setImplicitPrefs(true).setRank(rank).setRegParam(0.1).setAlpha(2.0).setMaxIter(8)
                .setSeed(1).setUserCol("u").setItemCol("i").setRatingCol("r").setNumUserBlocks(1).setNumItemBlocks(1)
                .fit(df);
        float[] items = new float[25 * rank];
        for (Row r : model.itemFactors().collectAsList()) {
            List<Float> f = r.getList(1);
            for (int j = 0; j < rank; j++) {
                items[r.getInt(0) * rank + j] = f.get(j);
            }
        }
        PersonalTopK scorer = new PersonalTopK(25, rank, items, 2.0, 0.1, ConfidenceScale.LINEAR, 1,
                complements(), new boolean[25], new boolean[25], new boolean[25], 1.0, 1, 8);
        int checked = 0;
        for (Row r : model.userFactors().collectAsList()) {
            List<float[]> own = byUser.get(r.getInt(0));
            int[] ids = own.stream().mapToInt(x -> (int) x[0]).toArray();
            float[] strengths = new float[ids.length];
            for (int j = 0; j < ids.length; j++) {
                strengths[j] = own.get(j)[1];
            }
            float[] solved = scorer.solve(new PersonalTopK.User("u", ids, strengths, new int[0], new int[0], true));
            List<Float> spark = r.getList(1);
            for (int j = 0; j < rank; j++) {
                assertEquals(spark.get(j), solved[j], 1e-4 * Math.max(1, Math.abs(spark.get(j))), "user " + r.getInt(0));
            }
            checked++;
        }
        assertTrue(checked >= 35);
    }

    @Test
    void logConfidenceDampsHeavyRepeatBuying() {
        assertEquals(Math.log1p(30.0 / 2), ConfidenceScale.LOG.scale(30, 2), 1e-12);
        assertEquals(30.0, ConfidenceScale.LINEAR.scale(30, 2), 0);
    }
}
