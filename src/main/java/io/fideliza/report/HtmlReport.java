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
import io.fideliza.language.Messages;
import java.util.Locale;

/**
 * The run report: one self-contained HTML page (inline CSS and SVG charts, no script, nothing fetched)
 * for people who never open a terminal: segment sizes and profiles, migration, actions, recommendation
 * coverage and data quality, each part with a plain title and one line on how to read it.
 */
public final class HtmlReport {
    public static final String FILE_NAME = "index.html";

    private static final String CSS = resource("/fideliza/report.css");

    private final ReportFacts facts;
    private final PageContext page;
    private final OutcomeFacts outcomes;
    private final CareFacts care;
    private final Messages text;

    private final ValueSection value;

    private HtmlReport(ReportFacts facts, OutcomeFacts outcomes, CareFacts care, Messages text, ValueSection value) {
        this.facts = facts;
        this.page = new PageContext(facts);
        this.outcomes = outcomes;
        this.care = care;
        this.text = text;
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
        return render(facts, outcomes, care, Messages.english());
    }

    /** The whole page in {@code text}'s language: {@code <html lang>}, headings, sentences, dates and numbers. */
    public static String render(ReportFacts facts, OutcomeFacts outcomes, CareFacts care, Messages text) {
        return new HtmlReport(facts, outcomes, care, text, null).page();
    }

    /** The whole page in English, with the customer-value part ("Customers at risk"; null: left out). */
    static String render(ReportFacts facts, OutcomeFacts outcomes, CareFacts care, ValueSection value) {
        return render(facts, outcomes, care, Messages.english(), value);
    }

    /** The whole page in {@code text}'s language with the customer-value part (null: left out). */
    public static String render(ReportFacts facts, OutcomeFacts outcomes, CareFacts care, Messages text,
                                ValueSection value) {
        return new HtmlReport(facts, outcomes, care, text, value).page();
    }

    private String page() {
        Messages previous = ReportText.text();
        ReportText.use(text); // every number and name on the page in the run's language
        try {
            return html();
        } finally {
            ReportText.use(previous);
        }
    }

    private String html() {
        String date = text.longDate(facts.runDate());
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"").append(Html.escape(text.language())).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(text.get("report.title", date))).append("</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        b.append("<header><p class=\"kicker\">").append(Html.escape(text.get("report.kicker"))).append("</p>")
                .append("<h1>").append(Html.escape(text.get("report.heading", date))).append("</h1>")
                .append("<p class=\"lede\">").append(Html.escape(text.get("report.lede"))).append("</p></header>\n");
        b.append(keyFigures());
        b.append(section("sizes", "sizes", SegmentSizes.render(page)));
        b.append(section("profiles", "profiles", KpiHeatmap.render(page)));
        b.append(section("migration", text.get("report.migration.title"),
                text.get(facts.firstRun() ? "report.migration.first" : "report.migration.explain"),
                facts.firstRun() ? "" : MigrationGrid.render(page)));
        if (facts.segmentModel() != null) {
            b.append(section("segment-model", text.get("report.segment_model.title"),
                    SegmentModelPanel.explanation(facts.segmentModel()), SegmentModelPanel.render(facts.segmentModel())));
        }
        b.append(section("actions", "actions", ActionsChart.render(page)));
        if (care != CareFacts.NONE) {
            b.append(section("care", "care", CareSection.render(care)));
        }
        if (value != null) {
            b.append(section("value", ValueSection.TITLE, ValueSection.explanation(value), value.render()));
        }
        b.append(section("recommendations", "recommendations", CoverageChart.render(page)));
        if (facts.recommender() != null) {
            b.append(section("recommender", text.get("report.recommender.title"), facts.recommender().explanation(),
                    facts.recommender().render()));
        }
        if (outcomes != OutcomeFacts.NONE) {
            b.append(section("outcomes", "outcomes", OutcomesTable.render(outcomes)));
            b.append(section("trend", "trend", KpiTrend.render(outcomes)));
        }
        b.append(section("quality", "quality", QualityTable.render(page)));
        b.append("<footer>").append(Html.escape(text.get("report.footer", text.date(facts.runDate()))))
                .append("</footer>\n");
        b.append("</main>\n</body>\n</html>\n");
        return b.toString();
    }

    /** A section whose title and explanation are the bundle's {@code report.KEY.title} and {@code report.KEY.explain}. */
    private String section(String id, String key, String body) {
        return section(id, text.get("report." + key + ".title"), text.get("report." + key + ".explain"), body);
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
        figure(b, count(customers), text.get("report.figure.customers"));
        figure(b, count(facts.segments().size()), text.get("report.figure.segments"));
        figure(b, count(contacted), text.get("report.figure.contacted"));
        figure(b, count(recovery), text.get("report.figure.recovery"));
        figure(b, percent(share(facts.customersWithPersonalRecommendations(), customers)),
                text.get("report.figure.personal"));
        figure(b, count(setAside), text.get("report.figure.set_aside"));
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
