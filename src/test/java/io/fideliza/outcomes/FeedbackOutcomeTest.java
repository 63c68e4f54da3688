package io.fideliza.outcomes;

import static io.fideliza.contract.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.config.JobConfig;
import io.fideliza.run.RunContext;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** A satisfaction request is measured like any action: its goal is a survey answered within its 14-day window. */
@SparkTest
class FeedbackOutcomeTest {
    private final SparkSession spark;

    FeedbackOutcomeTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void aSurveyAnsweredWithinTheWindowIsTheGoal() {
        ActionOutcomesTest fixture = new ActionOutcomesTest(spark);
        var plans = spark.createDataFrame(List.of(
                // Sent on 5 July: answers count until the 18th.
                ActionOutcomesTest.plan("F1", 1, "feedback_request", "email", "2026-07-05", List.of(),
                        "satisfaction-survey", "2026-07-03", false),
                ActionOutcomesTest.plan("F2", 1, "feedback_request", "email", "2026-07-05", List.of(),
                        "satisfaction-survey", "2026-07-03", false),
                ActionOutcomesTest.plan("F3", 1, "feedback_request", "email", "2026-07-05", List.of(),
                        "satisfaction-survey", "2026-07-03", true)), fixture.plans().schema());
        var in = new Tables()
                .survey("F1", "2026-07-06", "csat", 4)
                .survey("F2", "2026-07-20", "csat", 5)   // after its window
                .survey("F3", "2026-07-10", "nps", 9)
                .order("o1", "F2", "P1", "2026-07-06", 1) // a purchase is not its goal
                .clean(spark);
        List<Row> out = new ActionOutcomes(spark, new RunContext(ActionOutcomesTest.RUN, ZoneOffset.UTC),
                JobConfig.defaults().playbook(), 120).measure(Optional.of(plans), Optional.empty(), in)
                .collectAsList();
        assertEquals(1, out.size());
        Row r = out.get(0);
        assertEquals("feedback_request", r.getAs(ACTION));
        assertEquals(14, r.<Integer>getAs(WINDOW_DAYS));
        assertEquals(List.of(2L, 1L, 1L, 1L), List.of(r.<Long>getAs(TREATED), r.<Long>getAs(TREATED_CONVERTED),
                r.<Long>getAs(CONTROL), r.<Long>getAs(CONTROL_CONVERTED)));
    }
}
