package io.fideliza.report;

import static io.fideliza.report.PageContext.WIDTH;
import static io.fideliza.report.ReportText.count;
import static io.fideliza.report.ReportText.percent;
import static io.fideliza.report.ReportText.share;

import io.fideliza.report.ReportFacts.Segment;
import java.util.List;

/** How big each segment is: a bar per segment, then each segment's description. */
final class SegmentSizes {
    private SegmentSizes() {
    }

    static String render(PageContext page) {
        return chart(page) + descriptions(page);
    }

    private static String chart(PageContext page) {
        List<Segment> segments = page.facts.segments();
        long max = segments.stream().mapToLong(Segment::customers).max().orElse(1);
        long total = Math.max(1, page.facts.customers());
        int label = 230;
        int barMax = WIDTH - label - 190;
        int row = 34;
        Svg svg = new Svg(WIDTH, Math.max(row, segments.size() * row) + 8, "Customers per segment");
        int y = 4;
        for (Segment s : segments) {
            double w = barMax * (double) s.customers() / Math.max(1, max);
            svg.text(label - 12, y + 21, ReportText.text().segment(s.name()), "end", "label", 30);
            svg.rect(label, y + 4, w, row - 10, page.colours.get(s.id()), ReportText.text().segment(s.name()) + ": " + count(s.customers()));
            svg.text(label + w + 8, y + 21, ReportText.text().get("report.sizes.bar",
                    count(s.customers()), percent(share(s.customers(), total))), "start", "value");
            y += row;
        }
        return svg.close();
    }

    private static String descriptions(PageContext page) {
        if (page.facts.segments().stream().allMatch(s -> s.description() == null || s.description().isBlank())) {
            return "";
        }
        StringBuilder b = new StringBuilder("<ul class=\"descriptions\">");
        for (Segment s : page.facts.segments()) {
            b.append("<li><span class=\"swatch\" style=\"background:").append(page.colours.get(s.id()))
                    .append("\"></span><b>").append(Html.escape(ReportText.text().segment(s.name()))).append("</b> ")
                    .append(Html.escape(s.description() == null ? "" : s.description())).append("</li>");
        }
        return b.append("</ul>").toString();
    }
}
