package io.fideliza.contract;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.testing.SparkTest;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The one NPS definition: groups at the cut-offs, points, and which of several answers counts. */
@SparkTest
class NpsGroupTest {
    private final SparkSession spark;

    NpsGroupTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void groupsAtTheCutOffs() {
        assertEquals(List.of(NpsGroup.DETRACTOR, NpsGroup.DETRACTOR, NpsGroup.PASSIVE, NpsGroup.PASSIVE,
                        NpsGroup.PROMOTER, NpsGroup.PROMOTER),
                List.of(0, 6, 7, 8, 9, 10).stream().map(NpsGroup::of).toList());
    }

    @Test
    void theColumnsAgreeWithTheScalarAtTheCutOffs() {
        StructType schema = new StructType().add("score", DataTypes.IntegerType, true);
        Dataset<Row> scores = spark.createDataFrame(List.of(RowFactory.create(6), RowFactory.create(7),
                RowFactory.create(8), RowFactory.create(9), RowFactory.create((Object) null)), schema);
        List<Row> rows = scores.select(NpsGroup.of(col("score")), NpsGroup.points(col("score")),
                NpsGroup.notDetractor(col("score"))).collectAsList();
        assertEquals(List.of(
                RowFactory.create("detractor", -100.0, false),
                RowFactory.create("passive", 0.0, true),
                RowFactory.create("passive", 0.0, true),
                RowFactory.create("promoter", 100.0, true),
                RowFactory.create(null, null, null)), rows);
    }

    @Test
    void theLatestAnswerCountsAndAnswersAtTheSameMomentCountAsTheLower() {
        StructType schema = new StructType().add("customer", DataTypes.StringType).add("score", DataTypes.IntegerType, true)
                .add("at", DataTypes.TimestampType);
        Timestamp morning = Timestamp.valueOf("2026-06-01 09:00:00");
        Timestamp evening = Timestamp.valueOf("2026-06-01 18:00:00");
        Dataset<Row> answers = spark.createDataFrame(List.of(
                RowFactory.create("later-lower", 9, morning), RowFactory.create("later-lower", 6, evening),
                RowFactory.create("later-higher", 6, morning), RowFactory.create("later-higher", 9, evening),
                RowFactory.create("tie", 9, evening), RowFactory.create("tie", 6, evening),
                RowFactory.create("tie", 7, morning),
                RowFactory.create("blank-latest", 8, morning), RowFactory.create("blank-latest", null, evening)),
                schema);
        List<Row> rows = answers.groupBy(col("customer")).agg(NpsGroup.latest(col("score"), col("at")))
                .orderBy(col("customer")).collectAsList();
        assertEquals(List.of(RowFactory.create("blank-latest", 8), RowFactory.create("later-higher", 9),
                RowFactory.create("later-lower", 6), RowFactory.create("tie", 6)), rows);
    }
}
