package io.fideliza.recommend;

import static io.fideliza.contract.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.JobConfig.AlsSettings;
import io.fideliza.config.JobConfig.RecommendSettings;
import io.fideliza.config.JobConfig;
import io.fideliza.contract.RecommendationKind;
import io.fideliza.run.RunContext;
import io.fideliza.testing.Slow;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Planted structure the recommender must find: six product families, each a device whose owners mostly buy
 * its complement, and an ink (a consumable without declared replenish_days) bought on a true 30-day cadence.
 */
@SparkTest
@Slow
class PlantedRecommendationsTest {
    private final SparkSession spark;

    PlantedRecommendationsTest(SparkSession spark) {
        this.spark = spark;
    }

    static final LocalDate RUN_DATE = LocalDate.of(2026, 6, 30);
    static final RunContext RUN = new RunContext(RUN_DATE, ZoneOffset.UTC);
    static final int FAMILIES = 6;
    static final int OWNERS = 15;
    static final int LACKING = 3;
    static final int CADENCE = 30;

    @Test
    void complementsOfOwnedDevicesAndDueConsumablesAreRecommended() {
        Random random = new Random(5);
        Tables t = new Tables();
        for (int f = 0; f < FAMILIES; f++) {
            t.product("DEV" + f, "Device " + f, false, null, true)
                    .product("CMP" + f, "Complement " + f, false, null, true)
                    .product("ACC" + f, "Accessory " + f, false, null, true)
                    .product("INK" + f, "Ink " + f, true, null, true);
        }
        for (int n = 0; n < 20; n++) {
            t.product(String.format("N%02d", n), "Other " + n, false, null, true);
        }
        Map<String, String> lacking = new HashMap<>();
        Map<String, LocalDate> trueDue = new HashMap<>();
        List<Row> segments = new ArrayList<>();
        int order = 0;
        for (int f = 0; f < FAMILIES; f++) {
            for (int i = 0; i < OWNERS; i++) {
                String c = "F" + f + "C" + i;
                segments.add(RowFactory.create(c, 1));
                t.order("o" + order++, c, "DEV" + f, day(200 + random.nextInt(100)), 1);
                if (i < LACKING) {
                    lacking.put(c, "CMP" + f);
                } else {
                    t.order("o" + order++, c, "CMP" + f, day(100 + random.nextInt(90)), 1);
                }
                if (random.nextBoolean()) {
                    t.order("o" + order++, c, "ACC" + f, day(60 + random.nextInt(100)), 1);
                }
                for (int n = 0; n < 2; n++) {
                    t.order("o" + order++, c, String.format("N%02d", random.nextInt(20)), day(30 + random.nextInt(300)), 1);
                }
                if (i % 5 == 4) {
                    // Ink every 30 days (give or take 2), the last 27 days ago: truly due in 3 days.
                    int last = 27;
                    for (int k = 0; k < 5; k++) {
                        int jitter = k == 0 ? 0 : random.nextInt(5) - 2;
                        t.order("o" + order++, c, "INK" + f, day(last + k * CADENCE + jitter), 1);
                    }
                    trueDue.put(c + "/INK" + f, RUN_DATE.minusDays(last).plusDays(CADENCE));
                }
            }
        }
        Dataset<Row> segmentRows = spark.createDataFrame(segments,
                new StructType().add(CUSTOMER_ID, DataTypes.StringType).add(SEGMENT_ID, DataTypes.IntegerType));
        RecommendSettings defaults = JobConfig.defaults().recommend();
        RecommendSettings settings = new RecommendSettings(10, defaults.weights(), defaults.halfLifeDays(),
                new AlsSettings(8, defaults.als().regParam(), defaults.als().alpha(), defaults.als().iterations(), 3),
                defaults.minProductsForAls(), defaults.justBoughtDays(), defaults.replenishWindowDays(),
                defaults.replenishOverdueDays());

        List<Row> recs = new Recommendations(spark, RUN, settings).run(t.clean(spark), segmentRows)
                .recommendations().collectAsList();

        Map<String, Set<String>> top = new HashMap<>();
        Map<String, Row> byPair = new HashMap<>();
        for (Row r : recs) {
            String c = r.getString(r.fieldIndex(CUSTOMER_ID));
            String p = r.getString(r.fieldIndex(PRODUCT_ID));
            top.computeIfAbsent(c, x -> new HashSet<>()).add(p);
            byPair.put(c + "/" + p, r);
        }
        long found = lacking.entrySet().stream().filter(e -> top.getOrDefault(e.getKey(), Set.of()).contains(e.getValue()))
                .count();
        assertTrue(found >= 0.8 * lacking.size(), found + " of " + lacking.size() + " owners lacking the complement got it");
        for (Map.Entry<String, String> e : lacking.entrySet()) {
            Row r = byPair.get(e.getKey() + "/" + e.getValue());
            if (r != null) {
                assertEquals(RecommendationKind.CROSS_SELL.code(), r.getString(r.fieldIndex(KIND)));
                assertTrue(r.getString(r.fieldIndex(BECAUSE_PRODUCT_ID)) != null, "a cross-sell names its reason");
            }
        }
        for (Map.Entry<String, LocalDate> e : trueDue.entrySet()) {
            Row r = byPair.get(e.getKey());
            assertTrue(r != null, e.getKey() + " is due and recommended");
            assertEquals("replenishment", r.getString(r.fieldIndex(KIND)));
            LocalDate due = r.getDate(r.fieldIndex(DUE_DATE)).toLocalDate();
            assertTrue(Math.abs(ChronoUnit.DAYS.between(e.getValue(), due)) <= 5,
                    e.getKey() + ": due " + due + ", truly " + e.getValue());
        }
    }

    private static String day(int daysBeforeRun) {
        return RUN_DATE.minusDays(daysBeforeRun).toString();
    }
}
