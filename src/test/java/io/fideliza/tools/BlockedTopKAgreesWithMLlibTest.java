package io.fideliza.tools;

import static io.fideliza.contract.Columns.CUSTOMER_ID;
import static io.fideliza.contract.Columns.PRODUCT_ID;
import static io.fideliza.contract.Columns.RANK;
import static io.fideliza.contract.Columns.SCORE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.JobConfig.AlsSettings;
import io.fideliza.recommend.AlsRecommender;
import io.fideliza.recommend.Interactions;
import io.fideliza.testing.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The blocked top-k picks what MLlib's own recommendForAllUsers picks from the same ALS model. */
@SparkTest
class BlockedTopKAgreesWithMLlibTest {
    private final SparkSession spark;

    BlockedTopKAgreesWithMLlibTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void theSameTopKAsRecommendForAllUsersWithTheSameScores() {
        Random random = new Random(3);
        List<Row> rows = new ArrayList<>();
        for (int c = 0; c < 60; c++) {
            for (int p = 0; p < 40; p++) {
                if (random.nextInt(5) == 0) {
                    rows.add(RowFactory.create(String.format("C%03d", c), String.format("P%03d", p),
                            1 + random.nextInt(4) * 1.0));
                }
            }
        }
        Dataset<Row> interactions = spark.createDataFrame(rows, new StructType().add(CUSTOMER_ID, DataTypes.StringType)
                .add(PRODUCT_ID, DataTypes.StringType).add(Interactions.STRENGTH, DataTypes.DoubleType));
        AlsRecommender als = new AlsRecommender(spark, new AlsSettings(6, 0.1, 5.0, 8, 11));
        AlsRecommender.Fitted fitted = als.fit(interactions);
        int k = 7;
        Dataset<Row> none = interactions.select(CUSTOMER_ID, PRODUCT_ID).limit(0);
        Map<String, List<String>> ours = picks(BlockedRecommendations.recommend(spark, fitted, fitted.items().select(PRODUCT_ID), none, none, k)
                .select(col(CUSTOMER_ID), col(PRODUCT_ID), col(SCORE), col(RANK)).collectAsList());

        Dataset<Row> mllib = fitted.model().recommendForAllUsers(k)
                .select(col(AlsRecommender.USER_INDEX), explode(col("recommendations")).as("r"))
                .select(col(AlsRecommender.USER_INDEX), col("r." + AlsRecommender.ITEM_INDEX).as(AlsRecommender.ITEM_INDEX),
                        col("r.rating").as(SCORE))
                .join(fitted.users(), AlsRecommender.USER_INDEX)
                .join(fitted.items(), AlsRecommender.ITEM_INDEX);
        Map<String, List<String>> theirs = new TreeMap<>();
        for (Row r : mllib.select(CUSTOMER_ID, PRODUCT_ID, SCORE).collectAsList()) {
            theirs.computeIfAbsent(r.getString(0), x -> new ArrayList<>())
                    .add(String.format(java.util.Locale.ROOT, "%s %.4f", r.getString(1), r.getFloat(2)));
        }
        theirs.replaceAll((c, l) -> l.stream().sorted().toList());
        assertEquals(60, ours.size(), "every customer gets a top k");
        assertEquals(theirs, ours);
        assertTrue(ours.values().stream().allMatch(l -> l.size() == k));
    }

    /** Per customer, "product score" of each pick, sorted (the order of equal scores is not compared). */
    private static Map<String, List<String>> picks(List<Row> rows) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Row r : rows) {
            out.computeIfAbsent(r.getString(0), x -> new ArrayList<>())
                    .add(String.format(java.util.Locale.ROOT, "%s %.4f", r.getString(1), r.getDouble(2)));
        }
        out.replaceAll((c, l) -> l.stream().sorted().toList());
        return out;
    }
}
