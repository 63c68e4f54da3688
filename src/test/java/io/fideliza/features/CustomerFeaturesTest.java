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

    /** Service recovery is not repeated about the same problem: the day it arose, never after the run date. */
    @Test
    void theProblemBehindServiceRecoveryIsDatedNoLaterThanTheRun() {
        Tables t = new Tables().order("O1", "C1", "P1", "2026-06-01", 1).order("O2", "C2", "P1", "2026-06-01", 1)
                .order("O3", "C3", "P1", "2026-06-01", 1)
                // C1: an open ticket and an older one; C2: a low CSAT resolved after the run date (a late extract);
                // C3: a detractor answer.
                .ticket("T1", "C1", "2026-06-20", null, 1, null).ticket("T0", "C1", "2026-06-10", null, 1, null)
                .ticket("T2", "C2", "2026-06-25", "2026-07-02", 2, 1)
                .survey("C3", "2026-06-15", "nps", 2);
        List<Row> rows = new CustomerFeatures(RUN, JobConfig.defaults().features()).compute(t.clean(spark))
                .select(RECOVERY_SINCE).orderBy(io.fideliza.contract.Columns.CUSTOMER_ID).collectAsList();
        assertEquals(List.of("2026-06-20", "2026-06-30", "2026-06-15"),
                rows.stream().map(r -> String.valueOf(r.get(0))).toList());
    }
    /**
     * C1's two orders both came back (one return under its own id, one under the order's): no orders, not a repeat
     * customer, no frequency, spend 0. C2's first order came back in part: both orders count.
     */
    @Test
    void aFullyReturnedOrderIsNotAnOrder() {
        Tables t = new Tables()
                .order("O1", "C1", "P1", "2026-05-01", 1).order("O1-R", "C1", "P1", "2026-05-05", -1)
                .order("O2", "C1", "P2", "2026-06-01", 2).order("O2", "C1", "P2", "2026-06-05", -2)
                .order("O3", "C2", "P1", "2026-05-01", 2).order("O3-R", "C2", "P1", "2026-05-03", -1)
                .order("O4", "C2", "P1", "2026-06-01", 1);
        List<Row> rows = new CustomerFeatures(RUN, JobConfig.defaults().features()).compute(t.clean(spark))
                .select(ORDERS, REPEAT_CUSTOMER, MONETARY, io.fideliza.contract.Columns.AVG_ORDER_VALUE, ORDERS_PER_MONTH, MEAN_INTERPURCHASE_DAYS,
                        RETURN_RATE)
                .orderBy(io.fideliza.contract.Columns.CUSTOMER_ID).collectAsList();
        assertEquals("[0,false,0.0,null,0.0,null,1.0]", rows.get(0).toString(), "C1");
        assertEquals("[2,true,20.0,10.0,1.0,31.0,0.3333333333333333]", rows.get(1).toString(), "C2");
    }
}
