package io.fideliza.report;

import static io.fideliza.contract.Columns.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fideliza.outcomes.Kpis;
import io.fideliza.outcomes.Uplift;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the report's "Did it work?" and KPI trend parts show: the run's action_outcomes pooled per action and per
 * action and segment, and the seed KPIs of every run so far (from the manifests, and this run's own).
 *
 * @param firstPlan the earliest plan run date measured (null: nothing measured yet)
 * @param lastPlan  the latest plan run date measured
 */
public record OutcomeFacts(List<Result> byAction, List<Result> byActionAndSegment, LocalDate firstPlan,
                           LocalDate lastPlan, List<KpiPoint> trend) {

    /** Nothing to show: the report leaves both parts out (a page made without the outcomes stage). */
    public static final OutcomeFacts NONE = new OutcomeFacts(List.of(), List.of(), null, null, List.of());

    /**
     * Treated against control, pooled over plan dates (and offers): counts, conversion rates, uplift with its 95%
     * interval, revenue per customer (null when a group is empty).
     */
    public record Result(String action, String segmentName, long treated, long control, long treatedConverted,
                         long controlConverted, Uplift uplift, Double revenuePerTreated, Double revenuePerControl) {
        public Double treatedRate() {
            return treated == 0 ? null : (double) treatedConverted / treated;
        }

        public Double controlRate() {
            return control == 0 ? null : (double) controlConverted / control;
        }
    }

    /** The seed KPIs of one run. */
    public record KpiPoint(LocalDate runDate, Map<String, Double> kpis) {
    }

    public boolean measuredAnything() {
        return !byAction.isEmpty();
    }

    /**
     * @param outcomes        this run's action_outcomes
     * @param kpis            this run's KPIs
     * @param earlierManifests manifests of earlier runs (those without KPIs are left out of the trend)
     */
    public static OutcomeFacts collect(LocalDate runDate, Dataset<Row> outcomes, Map<String, Double> kpis,
                                       SortedMap<LocalDate, String> earlierManifests) {
        Map<String, Pool> byAction = new LinkedHashMap<>();
        Map<String, Pool> bySegment = new LinkedHashMap<>();
        LocalDate first = null;
        LocalDate last = null;
        for (Row r : outcomes.orderBy(ACTION, SEGMENT_ID, PLAN_RUN_DATE).collectAsList()) {
            String action = r.getAs(ACTION);
            String segment = r.getAs(SEGMENT_NAME);
            byAction.computeIfAbsent(action, a -> new Pool(action, null)).add(r);
            bySegment.computeIfAbsent(action + "\u0000" + segment, a -> new Pool(action, segment)).add(r);
            LocalDate d = r.<java.sql.Date>getAs(PLAN_RUN_DATE).toLocalDate();
            first = first == null || d.isBefore(first) ? d : first;
            last = last == null || d.isAfter(last) ? d : last;
        }
        List<KpiPoint> trend = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Map.Entry<LocalDate, String> m : earlierManifests.entrySet()) {
            try {
                JsonNode k = json.readTree(m.getValue()).get("kpis");
                if (k != null && k.isObject()) {
                    Map<String, Double> values = new LinkedHashMap<>();
                    for (String name : Kpis.ALL) {
                        JsonNode v = k.get(name);
                        values.put(name, v == null || v.isNull() ? null : v.asDouble());
                    }
                    trend.add(new KpiPoint(m.getKey(), values));
                }
            } catch (java.io.IOException e) {
                // A manifest that cannot be read is a gap in the trend, not a failed run.
            }
        }
        trend.add(new KpiPoint(runDate, kpis));
        return new OutcomeFacts(byAction.values().stream().map(Pool::result).toList(),
                bySegment.values().stream().map(Pool::result).toList(), first, last, List.copyOf(trend));
    }

    /** Sums of groups, for pooled results. */
    private static final class Pool {
        final String action;
        final String segment;
        long treated;
        long control;
        long treatedConverted;
        long controlConverted;
        double treatedRevenue;
        double controlRevenue;

        Pool(String action, String segment) {
            this.action = action;
            this.segment = segment;
        }

        void add(Row r) {
            long t = r.<Long>getAs(TREATED);
            long c = r.<Long>getAs(CONTROL);
            treated += t;
            control += c;
            treatedConverted += r.<Long>getAs(TREATED_CONVERTED);
            controlConverted += r.<Long>getAs(CONTROL_CONVERTED);
            Double rt = r.getAs(REVENUE_PER_TREATED);
            Double rc = r.getAs(REVENUE_PER_CONTROL);
            treatedRevenue += rt == null ? 0 : rt * t;
            controlRevenue += rc == null ? 0 : rc * c;
        }

        Result result() {
            return new Result(action, segment, treated, control, treatedConverted, controlConverted,
                    Uplift.of(treated, treatedConverted, control, controlConverted),
                    treated == 0 ? null : treatedRevenue / treated, control == 0 ? null : controlRevenue / control);
        }
    }
}
