package io.fideliza.features;

import static io.fideliza.contract.FeatureColumns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.config.JobConfig;
import io.fideliza.run.RunContext;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class CustomerFeaturesTest {
    private final SparkSession spark;

    CustomerFeaturesTest(SparkSession spark) {
        this.spark = spark;
    }

    private static final RunContext RUN = new RunContext(LocalDate.of(2026, 6, 30), ZoneOffset.UTC);

    /**
     * Two answers at the same moment: the lower score is the customer's latest, whatever order the rows
     * arrive in (it was the row order, which changes with partitioning, so reruns could disagree).
     */
    @Test
    void answersGivenAtTheSameMomentResolveToTheLowerScoreInAnyOrder() {
        for (boolean lowFirst : List.of(true, false)) {
            Tables t = new Tables().order("O1", "C1", "P1", "2026-06-01", 1);
            int[] csats = lowFirst ? new int[] {2, 4} : new int[] {4, 2};
            int[] nps = lowFirst ? new int[] {3, 9} : new int[] {9, 3};
            t.ticket("T1", "C1", "2026-06-10", "2026-06-11", 1, csats[0])
                    .ticket("T2", "C1", "2026-06-10", "2026-06-11", 1, csats[1])
                    .ticket("T0", "C1", "2026-05-01", "2026-05-02", 1, 5)
                    .survey("C1", "2026-06-12", "nps", nps[0])
                    .survey("C1", "2026-06-12", "nps", nps[1])
                    .survey("C1", "2026-04-01", "nps", 10);
            Row c1 = new CustomerFeatures(RUN, JobConfig.defaults().features()).compute(t.clean(spark))
                    .select(LAST_CSAT, NPS_SCORE, NPS_GROUP).first();
            assertEquals(2, c1.getInt(0), "last_csat, low answer first: " + lowFirst);
            assertEquals(3, c1.getInt(1), "nps_score, low answer first: " + lowFirst);
            assertEquals("detractor", c1.getString(2));
        }
    }
}
