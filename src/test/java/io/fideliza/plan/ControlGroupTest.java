package io.fideliza.plan;

import static io.fideliza.contract.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fideliza.config.JobConfig;
import io.fideliza.config.Measurement;
import io.fideliza.contract.Action;
import io.fideliza.contract.OutputSchemas;
import io.fideliza.testing.SparkTest;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * Control groups: an action's first picks of a period are held out in the order of the hash of customer, action
 * and period, as many as bring the period's held-out customers to the share of its picked customers; a customer
 * keeps the period's first decision.
 */
@SparkTest
class ControlGroupTest {
    static final Measurement DEFAULTS = JobConfig.defaults().playbook().measurement();
    static final LocalDate RUN = LocalDate.of(2026, 6, 30);

    private final SparkSession spark;

    ControlGroupTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void theDrawIsAHashAnyoneCanRedo() {
        // sha256("C0000001|win_back|2026-Q2"), first 8 bytes, top 53 bits / 2^53 (README, control groups).
        assertEquals(0.13641094415248212, ControlGroup.draw("C0000001", Action.WIN_BACK, "2026-Q2"), 1e-15);
    }

    @Test
    void periodsAreCalendarMonthsQuartersOrYears() {
        LocalDate d = LocalDate.of(2026, 8, 5);
        assertEquals("2026-08", Measurement.ControlPeriod.MONTH.label(d));
        assertEquals("2026-Q3", Measurement.ControlPeriod.QUARTER.label(d));
        assertEquals("2026", Measurement.ControlPeriod.YEAR.label(d));
        assertEquals(LocalDate.of(2026, 8, 1), Measurement.ControlPeriod.MONTH.first(d));
        assertEquals(LocalDate.of(2026, 7, 1), Measurement.ControlPeriod.QUARTER.first(d));
        assertEquals(LocalDate.of(2026, 1, 1), Measurement.ControlPeriod.YEAR.first(d));
    }

    @Test
    void aNightWithoutHistoryHoldsOutTheShareOfEachActionLowestHashFirst() {
        List<Row> rows = new ArrayList<>();
        List<String> winBack = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            String id = String.format("C%03d", i);
            winBack.add(id);
            rows.add(plan(id, Action.WIN_BACK, "email"));
        }
        for (int i = 100; i < 107; i++) {
            rows.add(plan(String.format("C%03d", i), Action.ONBOARDING, "push"));
        }
        for (int i = 200; i < 220; i++) {
            rows.add(plan(String.format("C%03d", i), Action.CROSS_SELL, "none"));
            rows.add(plan(String.format("C%03d", i + 100), Action.SERVICE_RECOVERY, "phone"));
        }
        Dataset<Row> allocated = new ControlGroup(DEFAULTS, RUN).allocate(plans(rows), Optional.empty());
        assertEquals(OutputSchemas.ACTION_PLANS, allocated.schema(), "the columns action_plans declares");
        Map<String, Row> byCustomer = byCustomer(allocated);

        // 10% of 45 is 4.5, rounded up: the 5 lowest draws.
        winBack.sort(Comparator.comparingDouble(id -> ControlGroup.draw(id, Action.WIN_BACK, "2026-Q2")));
        Set<String> expected = new TreeSet<>(winBack.subList(0, 5));
        assertEquals(expected, held(byCustomer, Action.WIN_BACK));
        assertEquals("why (control group: planned, not sent)", byCustomer.get(winBack.get(0)).getAs(REASON));
        assertEquals("why", byCustomer.get(winBack.get(5)).getAs(REASON));
        assertEquals(1, held(byCustomer, Action.ONBOARDING).size(), "10% of 7 is 0.7: one");
        assertEquals(Set.of(), held(byCustomer, Action.CROSS_SELL), "nobody contacted, nobody held out");
        assertEquals(Set.of(), held(byCustomer, Action.SERVICE_RECOVERY), "service recovery has no control group");
    }

    @Test
    void aCustomerKeepsThePeriodsFirstDecisionAndFirstPicksTopTheShareUp() {
        List<Row> earlier = new ArrayList<>();
        // This quarter, before tonight: 20 customers picked for keep in touch, E00 and E01 held out (1 May), E01
        // again on 1 June; F00 held back (channel none) on 2 May: not a pick.
        for (int i = 0; i < 20; i++) {
            earlier.add(earlier(String.format("E%02d", i), Action.NURTURE, "email", i < 2, "2026-05-01"));
        }
        earlier.add(earlier("E01", Action.NURTURE, "email", true, "2026-06-01"));
        earlier.add(earlier("F00", Action.NURTURE, "none", false, "2026-05-02"));
        // Not this quarter's, or not before tonight (a rerun of 30 June after later nights): ignored.
        earlier.add(earlier("G03", Action.NURTURE, "email", true, "2026-03-31"));
        earlier.add(earlier("G04", Action.NURTURE, "email", true, "2026-06-30"));
        earlier.add(earlier("G05", Action.NURTURE, "email", true, "2026-07-01"));

        List<Row> tonight = new ArrayList<>();
        List<String> firstPicks = new ArrayList<>(List.of("G03", "G04", "G05"));
        for (int i = 0; i < 19; i++) {
            firstPicks.add(String.format("F%02d", i));
        }
        for (String id : List.of("E00", "E05")) {
            tonight.add(plan(id, Action.NURTURE, "email"));
        }
        firstPicks.forEach(id -> tonight.add(plan(id, Action.NURTURE, "email")));

        Map<String, Row> byCustomer = byCustomer(new ControlGroup(DEFAULTS, RUN)
                .allocate(plans(tonight), Optional.of(plans(earlier))));
        // Picked this quarter: the 20 earlier and tonight's 22 first picks; 10% of 42 is 4.2, so 4 held out, 2
        // already (E00, E01): the 2 lowest draws of the first picks.
        firstPicks.sort(Comparator.comparingDouble(id -> ControlGroup.draw(id, Action.NURTURE, "2026-Q2")));
        Set<String> expected = new TreeSet<>(firstPicks.subList(0, 2));
        expected.add("E00");
        assertEquals(expected, held(byCustomer, Action.NURTURE), "E00 held out on 1 May: for the whole quarter; "
                + "E05 sent on 1 May: sent all quarter");
    }

    @Test
    void smallNightsAddUpToTheShare() {
        // Ten nights of 7 new welcomes each: an independent draw per customer would drift by several points;
        // the quota keeps the held-out customers at 10% of the picked, rounded, after every night.
        Dataset<Row> history = null;
        int customer = 0;
        for (int night = 0; night < 10; night++) {
            LocalDate day = LocalDate.of(2026, 4, 1).plusDays(night);
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                rows.add(plan(String.format("N%04d", customer++), Action.ONBOARDING, "email"));
            }
            Dataset<Row> planned = new ControlGroup(DEFAULTS, day).allocate(plans(rows), Optional.ofNullable(history))
                    .withColumn(RUN_DATE, org.apache.spark.sql.functions.lit(Date.valueOf(day)));
            history = history == null ? planned : history.unionByName(planned);
            history = spark.createDataFrame(history.collectAsList(), history.schema());
            long held = history.filter(CONTROL).count();
            assertEquals(Math.round(0.1 * customer), held, "after night " + (night + 1) + " of " + customer);
        }
    }

    private static Set<String> held(Map<String, Row> byCustomer, Action action) {
        Set<String> held = new TreeSet<>();
        byCustomer.forEach((id, r) -> {
            if (r.getAs(ACTION).equals(action.code()) && r.<Boolean>getAs(CONTROL)) {
                held.add(id);
            }
        });
        return held;
    }

    private static Map<String, Row> byCustomer(Dataset<Row> plans) {
        Map<String, Row> m = new HashMap<>();
        for (Row r : plans.collectAsList()) {
            assertFalse(m.containsKey(r.<String>getAs(CUSTOMER_ID)), "one plan per customer");
            m.put(r.getAs(CUSTOMER_ID), r);
        }
        return m;
    }

    private Dataset<Row> plans(List<Row> rows) {
        boolean withRunDate = !rows.isEmpty() && rows.get(0).size() > OutputSchemas.ACTION_PLANS.size();
        return spark.createDataFrame(rows, withRunDate
                ? OutputSchemas.ACTION_PLANS.add(RUN_DATE, DataTypes.DateType) : OutputSchemas.ACTION_PLANS);
    }

    private static Row plan(String customer, Action action, String channel) {
        return RowFactory.create(values(customer, action, channel, false));
    }

    private static Row earlier(String customer, Action action, String channel, boolean control, String runDate) {
        Object[] v = values(customer, action, channel, control);
        Object[] withDate = java.util.Arrays.copyOf(v, v.length + 1);
        withDate[v.length] = Date.valueOf(runDate);
        return RowFactory.create(withDate);
    }

    private static Object[] values(String customer, Action action, String channel, boolean control) {
        scala.collection.immutable.Seq<String> none = scala.jdk.javaapi.CollectionConverters.asScala(List.<String>of())
                .toSeq();
        return new Object[] {customer, 1, "Loyal", action.code(), channel,
            "none".equals(channel) ? null : Date.valueOf("2026-07-01"), 1, none, "why", null, none, null, control,
            "keep_in_touch", none};
    }
}
