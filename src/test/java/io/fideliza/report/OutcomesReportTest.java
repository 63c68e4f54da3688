package io.fideliza.report;

import static io.fideliza.contract.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.contract.OutputSchemas;
import io.fideliza.outcomes.Kpis;
import io.fideliza.testing.SparkTest;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The report's "Did it work?" and KPI trend parts, from a run's action_outcomes and the manifests. */
@SparkTest
class OutcomesReportTest {
    static final LocalDate RUN = LocalDate.of(2026, 7, 31);

    private final SparkSession spark;

    OutcomesReportTest(SparkSession spark) {
        this.spark = spark;
    }

    static Row outcome(String action, int segment, String segmentName, String planDate, long treated, long control,
                       long treatedConverted, long controlConverted, Double revenueTreated, Double revenueControl) {
        return RowFactory.create(action, segment, "offer", Date.valueOf(planDate), 30, treated, control,
                treatedConverted, controlConverted, null, null, null, revenueTreated, revenueControl, segmentName);
    }

    static Map<String, Double> kpis(double repeat, double nps) {
        Map<String, Double> k = new LinkedHashMap<>();
        for (String name : Kpis.ALL) {
            k.put(name, null);
        }
        k.put(REPEAT_PURCHASE_RATE, repeat);
        k.put(NPS, nps);
        return k;
    }

    OutcomeFacts facts() {
        Dataset<Row> outcomes = spark.createDataFrame(List.of(
                outcome("win_back", 1, "Dormidos <2>", "2026-06-20", 200, 20, 60, 2, 30.0, 5.0),
                outcome("win_back", 2, "En riesgo", "2026-06-21", 100, 10, 30, 1, 20.0, 10.0),
                outcome("cross_sell", 1, "Dormidos <2>", "2026-06-20", 300, 30, 60, 6, 12.0, 12.0),
                outcome("service_recovery", 3, "Unhappy", "2026-06-22", 12, 0, 5, 0, 40.0, null),
                outcome("vip_care", 4, "Campeones", "2026-06-22", 0, 2, 0, 1, null, 50.0)),
                OutputSchemas.ACTION_OUTCOMES);
        TreeMap<LocalDate, String> manifests = new TreeMap<>();
        manifests.put(LocalDate.of(2026, 7, 1), "{\"status\":\"succeeded\"}"); // before KPIs were kept
        manifests.put(LocalDate.of(2026, 7, 15), "{\"kpis\":{\"repeat_purchase_rate\":0.40,\"nps\":10.0}}");
        manifests.put(LocalDate.of(2026, 7, 30), "{\"kpis\":{\"repeat_purchase_rate\":0.42,\"nps\":12.0}}");
        return OutcomeFacts.collect(RUN, outcomes, kpis(0.45, 15.0), manifests);
    }

    @Test
    void resultsArePooledPerActionAndPerSegment() {
        OutcomeFacts f = facts();
        assertEquals(LocalDate.of(2026, 6, 20), f.firstPlan());
        assertEquals(LocalDate.of(2026, 6, 22), f.lastPlan());
        OutcomeFacts.Result winBack = f.byAction().stream().filter(r -> r.action().equals("win_back")).findFirst()
                .orElseThrow();
        assertEquals(List.of(300L, 30L, 90L, 3L), List.of(winBack.treated(), winBack.control(),
                winBack.treatedConverted(), winBack.controlConverted()));
        assertEquals(0.2, winBack.uplift().uplift(), 1e-12);
        assertEquals((30.0 * 200 + 20.0 * 100) / 300, winBack.revenuePerTreated(), 1e-9, "weighted by customers");
        assertEquals("worked", OutcomesTable.verdict(winBack));
        assertEquals(5, f.byActionAndSegment().size());
        assertEquals(List.of(0.40, 0.42, 0.45), KpiTrend.values(f, REPEAT_PURCHASE_RATE),
                "manifests without KPIs are left out; this run last");
    }

    @Test
    void thePageSaysWhetherEachActionWorkedAndDrawsTheTrend() {
        ReportFacts base = HtmlReportTest.facts(List.of());
        String html = HtmlReport.render(base, facts());
        assertTrue(html.contains("<h2>Did it work?</h2>"));
        assertTrue(html.contains("Plans of 2026-06-20 to 2026-06-22, pooled."));
        assertTrue(html.contains("<td>Win back</td><td>300</td><td>30</td><td>30%</td><td>10%</td>"
                + "<td>+20.0 pts (+3.6 to +28.5)</td><td>worked</td><td>26.67</td><td>6.67</td>"), html);
        assertTrue(html.contains("<td>Goes-with suggestion</td><td>300</td><td>30</td><td>20%</td><td>20%</td>"
                + "<td>+0.0 pts (-17.8 to +11.6)</td><td>no clear effect yet</td>"));
        assertTrue(html.contains("<td>no control group</td>"), "service recovery holds nobody out");
        assertTrue(html.contains("<td>VIP care</td><td>0</td><td>2</td><td>–</td><td>50%</td><td>–</td>"
                + "<td>nobody sent</td>"), "a group whose customers were all held out");
        assertTrue(html.contains("Dormidos &lt;2&gt;"));
        assertFalse(html.contains("Dormidos <2>"));
        assertTrue(html.contains("<h2>How our key measures move</h2>"));
        assertTrue(html.contains(">45%</text>"), "the latest repeat rate");
        assertFalse(html.contains("<script") || html.contains("http"));
        assertFalse(HtmlReport.render(base).contains("Did it work?"), "a page without the outcomes stage");
    }

    @Test
    void beforeAnyWindowHasPassedThePageSaysSo() {
        OutcomeFacts none = OutcomeFacts.collect(RUN, spark.createDataFrame(List.of(), OutputSchemas.ACTION_OUTCOMES),
                kpis(0.45, 15.0), new TreeMap<>());
        String html = HtmlReport.render(HtmlReportTest.facts(List.of()), none);
        assertTrue(html.contains("Nothing to measure yet"));
        assertTrue(html.contains("the trend starts here"));
    }
}
