package io.fideliza.report;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.report.PageContext.WIDTH;
import static io.fideliza.report.PageContext.mix;
import static io.fideliza.report.ReportText.percent;

import io.fideliza.report.ReportFacts.Segment;
import java.util.List;
import java.util.Locale;

/** The contract's KPIs per segment: each column compares the segments, green better, red worse, grey no data. */
final class KpiHeatmap {
    /** How a KPI reads: its label (two short lines), whether more is better, and how to print it. */
    record Kpi(String column, String line1, String line2, boolean higherIsBetter, String format) {
    }

    static final List<Kpi> KPIS = List.of(
            new Kpi(REPEAT_PURCHASE_RATE, "Buy", "again", true, "percent"),
            new Kpi(ORDERS_PER_CUSTOMER, "Orders per", "customer", true, "1"),
            new Kpi(AVG_ORDER_VALUE, "Average", "order value", true, "money"),
            new Kpi(SUPPORT_CONTACTS_PER_CUSTOMER, "Support", "contacts", false, "2"),
            new Kpi(MEDIAN_FIRST_RESPONSE_HOURS, "First reply", "hours", false, "hours"),
            new Kpi(MEDIAN_RESOLUTION_HOURS, "Resolved in", "hours", false, "hours"),
            new Kpi(FIRST_CONTACT_RESOLUTION_RATE, "Solved at", "1st contact", true, "percent"),
            new Kpi(COST_PER_CONTACT, "Cost per", "contact", false, "money"),
            new Kpi(CSAT_AVG, "CSAT", "1 to 5", true, "1"),
            new Kpi(NPS, "NPS", "-100 to 100", true, "0"),
            new Kpi(CES_AVG, "Effort", "1 to 7", false, "1"));

    private KpiHeatmap() {
    }

    static String render(PageContext page) {
        List<Segment> segments = page.facts.segments();
        int label = 175;
        int cell = (WIDTH - label) / KPIS.size();
        int head = 46;
        int row = 36;
        Svg svg = new Svg(WIDTH, head + segments.size() * row + 4, "Key measures per segment");
        for (int k = 0; k < KPIS.size(); k++) {
            Kpi kpi = KPIS.get(k);
            double x = label + k * cell + cell / 2.0;
            svg.text(x, 18, kpi.line1(), "middle", "head");
            svg.text(x, 36, kpi.line2(), "middle", "sub");
        }
        int y = head;
        for (Segment s : segments) {
            svg.rect(label - 14, y + 11, 8, 14, page.colours.get(s.id()), null);
            svg.text(label - 20, y + 23, s.name(), "end", "label", 22);
            for (int k = 0; k < KPIS.size(); k++) {
                Kpi kpi = KPIS.get(k);
                Double v = s.kpis().get(kpi.column());
                double x = label + k * cell;
                String tip = s.name() + " · " + kpi.line1() + " " + kpi.line2() + ": " + format(kpi, v);
                svg.rect(x + 2, y + 2, cell - 4, row - 4, heat(page, kpi, v), tip);
                svg.text(x + cell / 2.0, y + 23, format(kpi, v), "middle", v == null ? "muted" : "cell");
            }
            y += row;
        }
        return svg.close();
    }

    /** Green where a segment does better than the others on this KPI, red where it does worse. */
    private static String heat(PageContext page, Kpi kpi, Double v) {
        if (v == null || v.isNaN()) {
            return "#eeeeee";
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (Segment s : page.facts.segments()) {
            Double o = s.kpis().get(kpi.column());
            if (o != null && !o.isNaN()) {
                min = Math.min(min, o);
                max = Math.max(max, o);
            }
        }
        if (max - min < 1e-9) {
            return "#f3f1e8";
        }
        double t = (v - min) / (max - min);
        double good = kpi.higherIsBetter() ? t : 1 - t;
        // Red (bad) through a warm neutral to green (good).
        int[] bad = {0xf2, 0x9e, 0x9a};
        int[] mid = {0xf3, 0xf1, 0xe8};
        int[] best = {0x8c, 0xcf, 0x97};
        int[] from = good < 0.5 ? bad : mid;
        int[] to = good < 0.5 ? mid : best;
        double f = good < 0.5 ? good * 2 : (good - 0.5) * 2;
        return String.format(Locale.ROOT, "#%02x%02x%02x", mix(from[0], to[0], f), mix(from[1], to[1], f),
                mix(from[2], to[2], f));
    }

    private static String format(Kpi kpi, Double v) {
        if (v == null || v.isNaN()) {
            return "–";
        }
        return switch (kpi.format()) {
            case "percent" -> percent(v);
            case "money" -> String.format(ReportText.locale(), "%,.2f", v);
            case "hours" -> v >= 100 ? String.format(ReportText.locale(), "%,.0f h", v) : String.format(ReportText.locale(),
                    "%.1f h", v);
            case "0" -> String.format(ReportText.locale(), "%,.0f", v);
            case "2" -> String.format(ReportText.locale(), "%.2f", v);
            default -> String.format(ReportText.locale(), "%.1f", v);
        };
    }
}
