package io.fideliza.report;

import static io.fideliza.report.PageContext.WIDTH;
import static io.fideliza.report.PageContext.mix;
import static io.fideliza.report.ReportText.count;
import static io.fideliza.report.ReportText.percent;
import static io.fideliza.report.ReportText.share;

import io.fideliza.report.ReportFacts.Migration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Where customers moved since the last run: previous segment (rows, and new customers) by current segment. */
final class MigrationGrid {
    private MigrationGrid() {
    }

    static String render(PageContext page) {
        ReportFacts facts = page.facts;
        Set<Integer> current = new LinkedHashSet<>(page.names.keySet());
        for (Migration m : facts.migrations()) {
            current.add(m.toId());
        }
        Set<Integer> previous = new TreeSet<>();
        boolean newcomers = false;
        for (Migration m : facts.migrations()) {
            if (m.fromId() == null) {
                newcomers = true;
            } else {
                previous.add(m.fromId());
            }
        }
        List<Integer> rows = new ArrayList<>(previous);
        if (newcomers) {
            rows.add(null);
        }
        List<Integer> cols = new ArrayList<>(current);
        Map<String, Long> counts = new LinkedHashMap<>();
        long max = 1;
        long stayed = 0;
        long moved = 0;
        long fresh = 0;
        for (Migration m : facts.migrations()) {
            counts.merge(m.fromId() + ">" + m.toId(), m.customers(), Long::sum);
            max = Math.max(max, counts.get(m.fromId() + ">" + m.toId()));
            if (m.fromId() == null) {
                fresh += m.customers();
            } else if (m.fromId() == m.toId()) {
                stayed += m.customers();
            } else {
                moved += m.customers();
            }
        }
        int label = 230;
        int head = 40;
        int row = 34;
        int cell = Math.min(130, (WIDTH - label) / Math.max(1, cols.size()));
        Svg svg = new Svg(WIDTH, head + rows.size() * row + 26, "Customers by previous and current segment");
        svg.text(label + cell * cols.size() / 2.0, 12, ReportText.text().get("report.migration.now_in"), "middle", "sub");
        for (int c = 0; c < cols.size(); c++) {
            svg.text(label + c * cell + cell / 2.0, 32, page.name(cols.get(c)), "middle", "head", cell / 9);
        }
        int y = head;
        for (Integer from : rows) {
            svg.text(label - 10, y + 21, from == null ? ReportText.text().get("report.migration.new_customers")
                    : ReportText.text().get("report.migration.was", page.previousName(from)), "end",
                    "label", 30);
            for (int c = 0; c < cols.size(); c++) {
                Integer to = cols.get(c);
                long n = counts.getOrDefault(from + ">" + to, 0L);
                double t = n == 0 ? 0 : 0.15 + 0.85 * n / (double) max;
                String fill = n == 0 ? "#f4f4f4" : String.format(Locale.ROOT, "#%02x%02x%02x", mix(0xe8, 0x2f, t),
                        mix(0xf0, 0x5d, t), mix(0xf8, 0x8c, t));
                boolean diagonal = from != null && from.equals(to);
                svg.rect(label + c * cell + 2, y + 2, cell - 4, row - 4, fill, diagonal ? "#333333" : null,
                        (from == null ? "New customers" : "From " + page.previousName(from)) + " to "
                                + page.name(to) + ": " + count(n));
                svg.text(label + c * cell + cell / 2.0, y + 22, n == 0 ? "·" : count(n), "middle",
                        t > 0.55 ? "cell light" : "cell");
            }
            y += row;
        }
        long all = Math.max(1, stayed + moved + fresh);
        svg.text(label, y + 18, ReportText.text().get("report.migration.totals", count(stayed),
                percent(share(stayed, all)), count(moved), percent(share(moved, all)), count(fresh)), "start", "value");
        return svg.close();
    }
}
