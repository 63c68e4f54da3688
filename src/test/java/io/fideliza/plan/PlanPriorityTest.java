package io.fideliza.plan;

import static io.fideliza.contract.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.testing.SparkTest;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The night's plan is worked in one order: what is sent first, service recovery first, big spenders at risk first. */
@SparkTest
class PlanPriorityTest {
    private final SparkSession spark;

    PlanPriorityTest(SparkSession spark) {
        this.spark = spark;
    }

    private Dataset<Row> plans() {
        // The planner's priority is the action's urgency tier (1 service recovery, ..., 5 win-back).
        return spark.createDataFrame(List.of(
                RowFactory.create("small", "win_back", "email", false, 5),
                RowFactory.create("big", "win_back", "email", false, 5),
                RowFactory.create("angry", "service_recovery", "phone", false, 1),
                RowFactory.create("held", "service_recovery", "none", false, 1),
                RowFactory.create("control", "win_back", "email", true, 5),
                RowFactory.create("new", "win_back", "email", false, 5)),
                new StructType().add(CUSTOMER_ID, DataTypes.StringType).add(ACTION, DataTypes.StringType)
                        .add(CHANNEL, DataTypes.StringType).add(CONTROL, DataTypes.BooleanType)
                        .add(PRIORITY, DataTypes.IntegerType));
    }

    private Dataset<Row> values() {
        return spark.createDataFrame(List.of(
                RowFactory.create("small", 40.0), RowFactory.create("big", 900.0), RowFactory.create("angry", 10.0),
                RowFactory.create("held", 5000.0), RowFactory.create("control", 2000.0)),
                new StructType().add(CUSTOMER_ID, DataTypes.StringType).add(VALUE_AT_STAKE, DataTypes.DoubleType));
    }

    private static String order(Dataset<Row> ranked) {
        return ranked.orderBy(PRIORITY).collectAsList().stream()
                .map(r -> r.<Integer>getAs(PRIORITY) + ":" + r.getAs(CUSTOMER_ID) + "/" + r.getAs(URGENCY))
                .collect(Collectors.joining(" "));
    }

    @Test
    void recoveryFirstThenTheValueAtStakeAndWhatIsNotSentLast() {
        // "new" has no purchase, so no value: last of the win-backs; the held call and the control row are not sent.
        assertEquals("1:angry/1 2:big/5 3:small/5 4:new/5 5:held/1 6:control/5",
                order(ValueAtStake.rank(plans(), Optional.of(values()))));
    }

    @Test
    void withoutCustomerValueTheUrgencyAndTheCustomerIdOrderThePlan() {
        assertEquals("1:angry/1 2:big/5 3:new/5 4:small/5 5:held/1 6:control/5",
                order(ValueAtStake.rank(plans(), Optional.empty())));
    }
}
