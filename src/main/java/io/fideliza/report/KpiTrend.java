package io.fideliza.report;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.report.PageContext.WIDTH;
import static io.fideliza.report.ReportText.percent;

import io.fideliza.outcomes.Kpis;
import io.fideliza.report.OutcomeFacts.KpiPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The seed KPIs over the run dates: one small line chart per KPI, its latest value beside it. */
final class KpiTrend {
    /** A KPI's title and how its values read. */
    record Line(String kpi, String title, String format) {
    }

    static final List<Line> LINES = List.of(
            new Line(REPEAT_PURCHASE_RATE, "Buy again", "percent"),
            new Line(SUPPORT_CONTACTS_PER_CUSTOMER, "Support contacts per customer", "2"),
            new Line(MEDIAN_RESOLUTION_HOURS, "Resolution time (median hours)", "1"),
            new Line(NPS, "NPS", "0"),
            new Line(CSAT_AVG, "CSAT (1 to 5)", "2"),
            new Line(CES_AVG, "Effort, CES (1 to 7, lower is better)", "2"),
            new Line(Kpis.CONTACTS_PER_CUSTOMER_30_DAYS, "Contacts per customer, last 30 days (messages and calls)", "2"),
            new Line(MEDIAN_FIRST_RESPONSE_HOURS, "First reply time (median hours)", "1"),
            new Line(FIRST_CONTACT_RESOLUTION_RATE, "Solved at the first contact", "percent"),
            new Line(COST_PER_CONTACT, "Cost per support contact", "2"),
            new Line(FIRST_RESPONSE_TARGET_MET, "Tickets answered within the target", "percent"),
            new Line(RESOLUTION_TARGET_MET, "Tickets resolved within the target", "percent"),
            new Line(REPURCHASE_INTENT_AVG, "Intention to buy again (0 to 10)", "1"));

    private KpiTrend() {
    }

    static String render(OutcomeFacts o) {
        List<KpiPoint> trend = o.trend();
        StringBuilder b = new StringBuilder();
        if (trend.size() < 2) {
            b.append("<p class=\"note\">The first run that measures these: the trend starts here.</p>");
        }
        int columns = 2;
        int cellWidth = WIDTH / columns;
        int cellHeight = 120;
        int rows = (LINES.size() + columns - 1) / columns;
        Svg svg = new Svg(WIDTH, rows * cellHeight, "Key measures over the run dates");
        for (int i = 0; i < LINES.size(); i++) {
            Line line = LINES.get(i);
            int x0 = (i % columns) * cellWidth;
            int y0 = (i / columns) * cellHeight;
            List<double[]> points = new ArrayList<>();
            for (int t = 0; t < trend.size(); t++) {
                Double v = trend.get(t).kpis().get(line.kpi());
                if (v != null && !v.isNaN()) {
                    points.add(new double[] {t, v});
                }
            }
            Double latest = trend.get(trend.size() - 1).kpis().get(line.kpi());
            svg.text(x0 + 8, y0 + 20, line.title(), "start", "head", 48);
            svg.text(x0 + cellWidth - 16, y0 + 20, format(line, latest), "end", "cell");
            double left = x0 + 8;
            double width = cellWidth - 120;
            double top = y0 + 32;
            double height = cellHeight - 52;
            svg.rect(left, top, width, height, "#f5f7fa", null);
            if (!points.isEmpty()) {
                double min = points.stream().mapToDouble(p -> p[1]).min().orElse(0);
                double max = points.stream().mapToDouble(p -> p[1]).max().orElse(1);
                if (max - min < 1e-9) {
                    min -= 1;
                    max += 1;
                }
                double n = Math.max(1, trend.size() - 1);
                double[] prev = null;
                for (double[] p : points) {
                    double x = left + width * p[0] / n;
                    double y = top + height - height * (p[1] - min) / (max - min);
                    if (prev != null) {
                        svg.line(prev[0], prev[1], x, y, "#4e79a7");
                    }
                    prev = new double[] {x, y};
                }
                svg.rect(prev[0] - 3, prev[1] - 3, 6, 6, "#4e79a7", format(line, latest));
                svg.text(left + width + 8, top + 10, format(line, max), "start", "sub");
                svg.text(left + width + 8, top + height, format(line, min), "start", "sub");
            }
            svg.text(left, top + height + 16, trend.get(0).runDate().toString(), "start", "sub");
            svg.text(left + width, top + height + 16, trend.get(trend.size() - 1).runDate().toString(), "end", "sub");
        }
        return b.append(svg.close()).toString();
    }

    private static String format(Line line, Double v) {
        if (v == null || v.isNaN()) {
            return "–";
        }
        return switch (line.format()) {
            case "percent" -> percent(v);
            case "0" -> String.format(ReportText.locale(), "%,.0f", v);
            case "1" -> String.format(ReportText.locale(), "%.1f", v);
            default -> String.format(ReportText.locale(), "%.2f", v);
        };
    }

    /** The values of one KPI over the trend, for tests. */
    static List<Double> values(OutcomeFacts o, String kpi) {
        return o.trend().stream().map(KpiPoint::kpis).map((Map<String, Double> m) -> m.get(kpi)).toList();
    }
}
