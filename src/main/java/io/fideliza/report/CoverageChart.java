package io.fideliza.report;

import static io.fideliza.report.PageContext.WIDTH;
import static io.fideliza.report.ReportText.count;
import static io.fideliza.report.ReportText.percent;
import static io.fideliza.report.ReportText.share;

import io.fideliza.contract.RecommendationKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Who gets product recommendations: the share of all customers with any, with a personal one, and per kind. */
final class CoverageChart {
    /** The order the kinds are shown in. */
    static final List<RecommendationKind> KINDS = List.of(RecommendationKind.REPLENISHMENT,
            RecommendationKind.USED_TO_BUY, RecommendationKind.BROWSED, RecommendationKind.CROSS_SELL,
            RecommendationKind.PERSONAL, RecommendationKind.POPULAR);

    private record Bar(String label, long customers, String colour) {
    }

    private CoverageChart() {
    }

    static String render(PageContext page) {
        ReportFacts facts = page.facts;
        long customers = Math.max(1, facts.customers());
        List<Bar> bars = new ArrayList<>();
        bars.add(new Bar(ReportText.text().get("report.coverage.any"), facts.customersWithRecommendations(), "#4e79a7"));
        bars.add(new Bar(ReportText.text().get("report.coverage.personal"), facts.customersWithPersonalRecommendations(),
                "#4e79a7"));
        for (RecommendationKind kind : KINDS) {
            bars.add(new Bar(ReportText.text().get("kind." + kind.code()), facts.customersByRecommendationKind().getOrDefault(kind.code(), 0L),
                    "#a0cbe8"));
        }
        List<String> known = Arrays.stream(RecommendationKind.values()).map(RecommendationKind::code).toList();
        for (Map.Entry<String, Long> e : facts.customersByRecommendationKind().entrySet()) {
            if (!known.contains(e.getKey())) {
                bars.add(new Bar(e.getKey(), e.getValue(), "#a0cbe8"));
            }
        }
        int label = 300;
        int barMax = WIDTH - label - 230;
        int row = 34;
        Svg svg = new Svg(WIDTH, bars.size() * row + 8, "Share of customers with recommendations");
        int y = 4;
        for (Bar bar : bars) {
            double s = share(bar.customers(), customers);
            svg.text(label - 12, y + 21, bar.label(), "end", "label", 44);
            svg.rect(label, y + 4, barMax, row - 10, "#f1f1f1", null);
            svg.rect(label, y + 4, barMax * s, row - 10, bar.colour(), bar.label() + ": " + count(bar.customers()));
            svg.text(label + barMax + 10, y + 21, ReportText.text().get("report.coverage.value", percent(s),
                    count(bar.customers()), count(facts.customers())), "start", "value");
            y += row;
        }
        return svg.close() + onlyPopularTable(facts);
    }

    /** Per segment, the customers whose picks are all popular products: where the plans know the customer least. */
    static String onlyPopularTable(ReportFacts facts) {
        io.fideliza.language.Messages w = ReportText.text();
        StringBuilder b = new StringBuilder("<table class=\"quality\"><thead><tr><th>"
                + Html.escape(w.get("report.only_popular.segment")) + "</th><th>"
                + Html.escape(w.get("report.only_popular.customers")) + "</th><th>"
                + Html.escape(w.get("report.only_popular.only")) + "</th><th>"
                + Html.escape(w.get("report.only_popular.share")) + "</th></tr></thead><tbody>");
        for (ReportFacts.Segment s : facts.segments()) {
            long only = facts.onlyPopularBySegment().getOrDefault(s.id(), 0L);
            b.append("<tr><td>").append(Html.escape(w.segment(s.name()))).append("</td><td>").append(count(s.customers()))
                    .append("</td><td>").append(count(only)).append("</td><td>")
                    .append(percent(share(only, Math.max(1, s.customers())))).append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
