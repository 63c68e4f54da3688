package io.fideliza.report;

import static io.fideliza.contract.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.contract.InputDataset;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.config.SegmentModelSettings;
import io.fideliza.manifest.InputCounts;
import io.fideliza.report.ReportFacts.InputQuality;
import io.fideliza.report.ReportFacts.Migration;
import io.fideliza.report.ReportFacts.PlanGroup;
import io.fideliza.report.ReportFacts.Segment;
import io.fideliza.recommend.RecommenderValidation;
import io.fideliza.segment.SegmentDrift;
import io.fideliza.segment.SegmentModelInfo;
import io.fideliza.segment.SegmentModelStatus;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

@SparkTest
class HtmlReportTest {
    private final SparkSession spark;

    HtmlReportTest(SparkSession spark) {
        this.spark = spark;
    }

    static final LocalDate RUN = LocalDate.of(2026, 6, 30);

    static Map<String, Double> kpis(double repeat, Double csat, double nps) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String k : ReportFacts.KPIS) {
            m.put(k, null);
        }
        m.put(REPEAT_PURCHASE_RATE, repeat);
        m.put(ORDERS_PER_CUSTOMER, 3.25);
        m.put(AVG_ORDER_VALUE, 1234.5);
        m.put(MEDIAN_RESOLUTION_HOURS, 26.0);
        m.put(CSAT_AVG, csat);
        m.put(NPS, nps);
        return m;
    }

    /** Two segments, one with a name that would break the page if it were not escaped. */
    static ReportFacts facts(List<Migration> migrations) {
        return new ReportFacts(RUN,
                List.of(new Segment(1, "Fieles <VIP> & \"Cía\"", "buy often", 1200, kpis(0.8, 4.5, 40)),
                        new Segment(2, "Dormidos", null, 300, kpis(0.1, null, -20))),
                migrations, Map.of(2, "Dormidos antes"),
                List.of(new PlanGroup(1, "service_recovery", "phone", 12), new PlanGroup(1, "cross_sell", "email", 1000),
                        new PlanGroup(1, "nurture", "none", 188), new PlanGroup(2, "win_back", "email", 300)),
                900, Map.of("cross_sell", 800L, "replenishment", 150L, "popular", 100L),
                List.of(new InputQuality("orders", 2568, 2559, 5, 2, 2,
                        Map.of("invalid_timestamp", 3L, "unknown_product", 2L))));
    }

    @Test
    void aSelfContainedPageWithChartsEscapedNamesAndTheKpis() {
        String html = HtmlReport.render(facts(List.of(new Migration(null, 1, 1200), new Migration(null, 2, 300))));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(count(html, "<svg") >= 3, "at least three charts");
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing fetched from the network");
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("<img"));
        assertFalse(html.contains("<VIP>"), "segment names are escaped");
        assertTrue(html.contains("Fieles &lt;VIP&gt; &amp; &quot;Cía&quot;"));
        assertTrue(html.contains("Dormidos"));
        assertTrue(html.contains("Our customers on 30 June 2026"));
        // KPIs, formatted for people.
        assertTrue(html.contains(">80%</text>"), "repeat purchase rate as a percentage");
        assertTrue(html.contains(">10%</text>"));
        assertTrue(html.contains(">1,234.50</text>"), "average order value");
        assertTrue(html.contains(">26.0 h</text>"), "resolution time");
        assertTrue(html.contains(">4.5</text>"), "CSAT");
        assertTrue(html.contains(">-20</text>"), "NPS");
        assertTrue(html.contains(">–</text>"), "a missing KPI is a dash");
        // Sizes, actions, coverage, quality.
        assertTrue(html.contains("1,200 customers · 80%"));
        assertTrue(html.contains("Not contacted (no consent, or held back by a cap or cooldown)"));
        assertTrue(html.contains("60% · 900 of 1,500"), "customers with any recommendation");
        assertTrue(html.contains("53% · 800 of 1,500"), "cross-sell coverage");
        assertTrue(html.contains("3 × a date and time could not be read; 2 × a product not in the catalogue"));
        assertTrue(html.contains("This is the first run"));
    }

    @Test
    void migrationShowsWhoStayedMovedAndArrived() {
        String html = HtmlReport.render(facts(List.of(new Migration(1, 1, 1000), new Migration(2, 1, 150),
                new Migration(null, 1, 50), new Migration(2, 2, 300))));
        assertFalse(html.contains("This is the first run"));
        assertTrue(html.contains("1,300 stayed (87%) · 150 moved (10%) · 50 new"));
        assertTrue(html.contains("From Dormidos antes to Fieles &lt;VIP&gt; &amp; &quot;Cía&quot;: 150"),
                "a previous segment by the name it had then");
        assertTrue(html.contains(">was Dormidos antes</text>"));
        assertTrue(html.contains(">New customers</text>"));
        assertEquals(5, count(html, "<svg"), "sizes, profiles, migration, actions, coverage");
    }

    /** Model version 2, trained on 2 June; drift measured tonight, and two segments. */
    static SegmentModelStatus model(boolean refitted) {
        SegmentDrift drift = new SegmentDrift(1500, Map.of(), 0.031, 0.262, 0.5, 0.49, 1.02,
                SegmentModelSettings.DEFAULTS);
        return new SegmentModelStatus(2, "2026-06-02", "kmeans", 2, refitted,
                "scheduled: the model is 28 days old (segment.refit_days 28)",
                "replaced version 1 (kmeans k=3, silhouette 0.510 on tonight's customers) with kmeans k=2 (silhouette "
                        + "0.600): better by 0.090, more than segment.refit_margin 0.03", true, 1,
                LocalDate.of(2026, 6, 30),
                28, drift, null,
                List.of(new SegmentModelStatus.Segment(1, "Fieles <VIP>", "3 or more orders, the last within 75 days",
                                0.86, 1200, 0.8, 0.78, 0.05, false),
                        new SegmentModelStatus.Segment(2, "Dormidos", "the last order over 180 days ago", 0.42, 300, 0.2,
                                0.22, 0.07, refitted)),
                refitted ? List.of(new SegmentModelInfo.Retired(3, "Curiosos", 1, 120)) : List.of(),
                refitted ? 0.93 : null, List.of(),
                refitted ? new io.fideliza.segment.RefitCarryOver.Moves(1400, 105, 0, 0, 105) : null,
                refitted ? new SegmentModelInfo.Refused("kmeans", 4, 0.71,
                        new io.fideliza.segment.RefitCarryOver.Moves(1400, 350, 330, 20, 0), 0.1, "too many") : null,
                0.1);
    }

    @Test
    void thePanelSaysWhenSegmentsChangeAndHowFarCustomersDrifted() {
        String html = HtmlReport.render(facts(List.of(new Migration(null, 1, 1200), new Migration(null, 2, 300)))
                .withSegmentModel(model(false)));
        assertTrue(html.contains("<h2>When segments change</h2>"));
        assertTrue(html.contains("They are rebuilt (refitted) every 28 days, when customers drift too far"));
        assertTrue(html.contains("<b>Tonight customers were placed in the segments of model version 2</b>, trained on "
                + "2 June 2026.</p><p>Next scheduled refit: <b>30 June 2026</b>"), html);
        assertTrue(html.contains("<td>3%</td><td>0%</td><td>15%</td>"), "sizes moved, against their threshold");
        assertTrue(html.contains("<td class=\"warn\">26%</td><td>about 5%</td><td>25%</td>"), "over its threshold");
        assertTrue(html.contains("<td>1.02×</td><td>1.00×</td><td>1.30×</td>"));
        assertTrue(html.contains("<tr><td>Fieles &lt;VIP&gt;</td><td>1,200</td><td>80%</td><td>78%</td><td>86%</td>"
                + "<td>3 or more orders, the last within 75 days</td></tr>"), html);
        assertTrue(html.contains("<td class=\"warn\">42%</td>"), "a name that holds for less than half");

        String refit = HtmlReport.render(facts(List.of(new Migration(null, 1, 1200), new Migration(null, 2, 300)))
                .withSegmentModel(model(true)));
        assertTrue(refit.contains("<b>Tonight the segments were refitted</b> (model version 2): scheduled: the model is "
                + "28 days old (segment.refit_days 28). Replaced version 1 (kmeans k=3, silhouette 0.510 on tonight&#39;s "
                + "customers) with kmeans k=2"), refit);
        assertTrue(refit.contains("93% of customers stayed in their segment; new: Dormidos; retired: Curiosos (most of "
                + "its 120 customers are now in Fieles &lt;VIP&gt;)."), refit);
        assertTrue(refit.contains("Dormidos <span class=\"muted\">(new tonight)</span>"));
        assertTrue(refit.contains("<p><b>The refit moved 105 of the last run&#39;s 1,400 customers (7.5%)</b>: 105 out "
                + "of a retired segment, a kind of customer that vanished. A refit may move at most 10% unless it was "
                + "asked for.</p>"), refit);
        assertTrue(refit.contains("<b>A refit candidate was refused</b>: kmeans with 4 segments scored better, but "
                + "would have moved 25.0% of customers (350)."), refit);
        assertFalse(HtmlReport.render(facts(List.of(new Migration(null, 1, 1200)))).contains("When segments change"),
                "no panel without a segment model");
    }

    @Test
    void thePanelSaysHowTheRecommenderModelDidOnPurchasesItHadNotSeen() {
        // The published candidate's validation, as the night's model choice hands it to the report stage.
        RecommenderValidation validation = new RecommenderValidation(LocalDate.parse("2026-06-02"), 4, 10, 1234L, 5,
                null, 0.101, 0.0215, 0.3, 0.1832, 0.5, 0.2, false, null);
        String html = HtmlReport.render(facts(List.of(new Migration(null, 1, 1200)))
                .withRecommender(RecommenderCheck.of(3, LocalDate.parse("2026-06-30"), Optional.of(validation))));
        assertTrue(html.contains("<h2>How good the recommendations are</h2>"));
        assertTrue(html.contains("<p>Tonight's recommendations come from model version 3, trained on 30 June 2026."
                + "</p><p>Tested on the 4 weeks from 2 June 2026: of the <b>1,234</b> customers who bought a product "
                + "new to them in those weeks, <b>18%</b> had at least one of those products among the 10 it would "
                + "have recommended to them; on average 2% of the 10 products recommended to each were bought.</p>"),
                html);

        String untested = HtmlReport.render(facts(List.of(new Migration(null, 1, 1200))).withRecommender(
                RecommenderCheck.of(1, LocalDate.parse("2026-06-30"), Optional.of(RecommenderValidation.untested(
                        LocalDate.parse("2026-06-02"), null)))));
        assertTrue(untested.contains("It could not be tested: nobody bought a product new to them"), untested);
        String configured = HtmlReport.render(facts(List.of(new Migration(null, 1, 1200))).withRecommender(
                RecommenderCheck.of(0, LocalDate.parse("2026-06-30"), Optional.empty())));
        assertTrue(configured.contains("It is fitted each night with the configured settings"), configured);
        assertFalse(HtmlReport.render(facts(List.of(new Migration(null, 1, 1200)))).contains("How good the recomm"),
                "no panel without a model");
    }

    @Test
    void factsAreCollectedFromTheRunOutputs() {
        StructType profileSchema = new StructType().add(SEGMENT_ID, DataTypes.IntegerType)
                .add(SEGMENT_NAME, DataTypes.StringType).add(CUSTOMERS, DataTypes.LongType)
                .add(REPEAT_PURCHASE_RATE, DataTypes.DoubleType).add(NPS, DataTypes.DoubleType);
        Dataset<Row> profiles = spark.createDataFrame(List.of(RowFactory.create(2, "Dormidos", 3L, 0.0, null),
                RowFactory.create(1, "Fieles", 2L, 1.0, 50.0)), profileSchema);
        Dataset<Row> migrations = spark.createDataFrame(List.of(RowFactory.create(null, 1, 2L),
                RowFactory.create(null, 2, 3L)), new StructType().add(FROM_SEGMENT_ID, DataTypes.IntegerType)
                .add(TO_SEGMENT_ID, DataTypes.IntegerType).add(CUSTOMERS, DataTypes.LongType));
        Dataset<Row> plans = spark.createDataFrame(List.of(RowFactory.create(1, "Fieles", "cross_sell", "email", 2L),
                RowFactory.create(2, "Dormidos", "nurture", "none", 3L)), new StructType()
                .add(SEGMENT_ID, DataTypes.IntegerType).add(SEGMENT_NAME, DataTypes.StringType)
                .add(ACTION, DataTypes.StringType).add(CHANNEL, DataTypes.StringType).add(CUSTOMERS, DataTypes.LongType));
        Dataset<Row> recs = spark.createDataFrame(List.of(RowFactory.create("C1", 1, "P1", "cross_sell"),
                RowFactory.create("C1", 2, "P2", "popular"), RowFactory.create("C2", 1, "P1", "cross_sell"),
                RowFactory.create("C3", 1, "P2", "popular")),
                new StructType().add(CUSTOMER_ID, DataTypes.StringType).add(RANK, DataTypes.IntegerType)
                        .add(PRODUCT_ID, DataTypes.StringType).add(KIND, DataTypes.StringType));
        CleanInputs clean = new Tables().clean(spark);
        CleanInputs counted = new CleanInputs(clean.products(), clean.customers(), clean.orders(), clean.events(),
                clean.support(), clean.surveys(), Map.of(), Map.of(InputDataset.ORDERS, new InputCounts(10, 7, 2, 1, 0)),
                Map.of(InputDataset.ORDERS, Map.of("missing_value", 1L, "unknown_product", 2L)),
                java.util.EnumSet.of(InputDataset.ORDERS), io.fideliza.ingest.ConsentSource.COLUMN);

        Dataset<Row> previous = profiles.filter(SEGMENT_ID + " = 2").selectExpr(SEGMENT_ID, "'Dormilones' as "
                + SEGMENT_NAME);
        ReportFacts facts = ReportFacts.collect(RUN, profiles, migrations, java.util.Optional.of(previous), plans, recs,
                ReportFacts.inputs(counted));

        assertEquals(List.of(1, 2), facts.segments().stream().map(Segment::id).toList());
        assertEquals(1.0, facts.segments().get(0).kpis().get(REPEAT_PURCHASE_RATE));
        assertEquals(null, facts.segments().get(1).kpis().get(NPS));
        assertEquals(null, facts.segments().get(0).kpis().get(CSAT_AVG), "a KPI column the data lacks");
        assertEquals(5, facts.customers());
        assertTrue(facts.firstRun());
        assertEquals(Map.of(2, "Dormilones"), facts.previousSegmentNames());
        assertEquals(List.of(new PlanGroup(1, "cross_sell", "email", 2), new PlanGroup(2, "nurture", "none", 3)),
                facts.plans());
        assertEquals(3, facts.customersWithRecommendations());
        assertEquals(2, facts.customersWithPersonalRecommendations(), "popular products only are not personal");
        assertEquals(Map.of("cross_sell", 2L, "popular", 2L), facts.customersByRecommendationKind());
        InputQuality orders = facts.inputs().get(0);
        assertEquals(List.of(10L, 7L, 2L, 1L, 0L), Arrays.asList(orders.read(), orders.valid(), orders.quarantined(),
                orders.duplicates(), orders.afterRunDate()));
        assertEquals(List.of("unknown_product", "missing_value"), List.copyOf(orders.reasons().keySet()),
                "the commonest reason first");
        assertTrue(HtmlReport.render(facts).contains("2 customers · 40%"));
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
