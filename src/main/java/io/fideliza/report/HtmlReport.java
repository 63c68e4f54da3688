package io.fideliza.report;

import static io.fideliza.report.ReportText.count;
import static io.fideliza.report.ReportText.percent;
import static io.fideliza.report.ReportText.share;

import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.report.ReportFacts.InputQuality;
import io.fideliza.report.ReportFacts.PlanGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The run report: one self-contained HTML page (inline CSS and SVG charts, no script, nothing fetched)
 * for people who never open a terminal: segment sizes and profiles, migration, actions, recommendation
 * coverage and data quality, each part with a plain title and one line on how to read it.
 */
public final class HtmlReport {
    public static final String FILE_NAME = "index.html";

    private static final String CSS = resource("/fideliza/report.css");
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final ReportFacts facts;
    private final PageContext page;
    private final OutcomeFacts outcomes;
    private final CareFacts care;

    private final ValueSection value;

    private HtmlReport(ReportFacts facts, OutcomeFacts outcomes, CareFacts care, ValueSection value) {
        this.facts = facts;
        this.page = new PageContext(facts);
        this.outcomes = outcomes;
        this.care = care;
        this.value = value;
    }

    /** The whole page. */
    public static String render(ReportFacts facts) {
        return render(facts, OutcomeFacts.NONE);
    }

    /** The whole page, with whether earlier plans worked and the KPIs over the run dates. */
    public static String render(ReportFacts facts, OutcomeFacts outcomes) {
        return render(facts, outcomes, CareFacts.NONE);
    }

    /** The whole page, with the care team's part ("Problems to put right"). */
    public static String render(ReportFacts facts, OutcomeFacts outcomes, CareFacts care) {
        return new HtmlReport(facts, outcomes, care, null).page();
    }

    /** The whole page, with the customer-value part ("Customers at risk"; null: left out). */
    static String render(ReportFacts facts, OutcomeFacts outcomes, CareFacts care, ValueSection value) {
        return new HtmlReport(facts, outcomes, care, value).page();
    }

    private String page() {
        String date = LONG_DATE.format(facts.runDate());
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Fideliza customer report, ").append(Html.escape(date)).append("</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        b.append("<header><p class=\"kicker\">Fideliza · nightly customer report</p>")
                .append("<h1>Our customers on ").append(Html.escape(date)).append("</h1>")
                .append("<p class=\"lede\">Who our customers are, how each group is doing, and what we will do for "
                        + "each of them next. Made from this night's data; nothing on this page comes from the "
                        + "internet.</p></header>\n");
        b.append(keyFigures());
        b.append(section("sizes", "How big is each group of customers",
                "Customers with similar habits are grouped into segments. Each bar is one segment; the longer the "
                        + "bar, the more customers.", SegmentSizes.render(page)));
        b.append(section("profiles", "How each segment is doing",
                "Each cell compares one segment with the others on one measure: green is better than the other "
                        + "segments, red is worse (fewer hours, contacts, cost and effort are better), grey means no "
                        + "data.", KpiHeatmap.render(page)));
        b.append(section("migration", "Where customers moved since the last run",
                facts.firstRun() ? "This is the first run: there is no earlier run to compare with yet. The next "
                        + "run will show here how many customers stayed in their segment and how many moved."
                        : "Each row is the segment customers were in last time, each column the segment they are in "
                        + "now. The darker the cell, the more customers; the outlined cells are those who stayed.",
                facts.firstRun() ? "" : MigrationGrid.render(page)));
        if (facts.segmentModel() != null) {
            b.append(section("segment-model", "When segments change",
                    SegmentModelPanel.explanation(facts.segmentModel()), SegmentModelPanel.render(facts.segmentModel())));
        }
        b.append(section("actions", "What we will do for each segment",
                "Each bar is one segment, split by the action planned for its customers. Problems are put right "
                        + "before anything is sold; customers who did not agree to marketing are not contacted.",
                ActionsChart.render(page)));
        if (care != CareFacts.NONE) {
            b.append(section("care", "Problems to put right",
                    "Every ticket that needs a person tonight: open ones, and resolved ones the customer rated badly. "
                            + "A ticket stays here every night until it is put right; nobody on this list gets "
                            + "marketing meanwhile. Below, the share of tickets that met the service targets.",
                    CareSection.render(care)));
        }
        if (value != null) {
            b.append(section("value", ValueSection.TITLE, ValueSection.explanation(value), value.render()));
        }
        b.append(section("recommendations", "Who gets product recommendations",
                "The share of all customers who have at least one recommended product, of those with one chosen "
                        + "for them (what goes with what they bought, their refills) rather than only our popular "
                        + "products, and of which kind.",
                CoverageChart.render(page)));
        if (facts.recommender() != null) {
            b.append(section("recommender", "How good the recommendations are", facts.recommender().explanation(),
                    facts.recommender().render()));
        }
        if (outcomes != OutcomeFacts.NONE) {
            b.append(section("outcomes", "Did it work?", "Each action is sent to most of the customers it picks and "
                    + "held out from a few chosen at random; once its window has passed we compare how many of each "
                    + "reached the action's goal (a purchase, the refill, the cart's products, a problem put right).",
                    OutcomesTable.render(outcomes)));
            b.append(section("trend", "How our key measures move",
                    "The same measures over every run so far, all customers together: repeat purchases, support "
                            + "contacts, resolution time, NPS, CSAT and effort, how often we contact customers, "
                            + "first reply time, problems solved at the first contact, cost per contact, tickets "
                            + "within the service targets, and the intention to buy again.",
                    KpiTrend.render(outcomes)));
        }
        b.append(section("quality", "Data quality",
                "Every row we received is accounted for: used, set aside because it broke a rule (with the "
                        + "reason), dropped as an exact duplicate, or ignored because it is dated after the run.",
                QualityTable.render(page)));
        b.append("<footer>Fideliza · run of ").append(Html.escape(facts.runDate().toString()))
                .append(" · the data behind this page is in the run's output folder.</footer>\n");
        b.append("</main>\n</body>\n</html>\n");
        return b.toString();
    }

    private static String section(String id, String title, String explanation, String body) {
        return "<section id=\"" + id + "\"><h2>" + Html.escape(title) + "</h2><p class=\"explain\">"
                + Html.escape(explanation) + "</p>" + body + "</section>\n";
    }

    private String keyFigures() {
        long customers = facts.customers();
        long contacted = facts.plans().stream().filter(p -> !p.channel().equals(Channel.NONE.code()))
                .mapToLong(PlanGroup::customers).sum();
        long recovery = facts.plans().stream().filter(p -> p.action().equals(Action.SERVICE_RECOVERY.code()))
                .mapToLong(PlanGroup::customers).sum();
        long setAside = facts.inputs().stream().mapToLong(InputQuality::quarantined).sum();
        StringBuilder b = new StringBuilder("<div class=\"figures\">");
        figure(b, count(customers), "customers");
        figure(b, count(facts.segments().size()), "segments");
        figure(b, count(contacted), "to contact in this plan");
        figure(b, count(recovery), "with a problem to put right first");
        figure(b, percent(share(facts.customersWithPersonalRecommendations(), customers)),
                "with personal recommendations");
        figure(b, count(setAside), "input rows set aside");
        return b.append("</div>\n").toString();
    }

    private static void figure(StringBuilder b, String value, String label) {
        b.append("<div class=\"figure\"><span class=\"value\">").append(Html.escape(value))
                .append("</span><span class=\"label\">").append(Html.escape(label)).append("</span></div>");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (is the jar complete?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
