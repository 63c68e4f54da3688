package io.fideliza.report;

import static io.fideliza.report.PageContext.WIDTH;
import static io.fideliza.report.ReportText.count;

import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.report.ReportFacts.PlanGroup;
import io.fideliza.report.ReportFacts.Segment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What we will do for each segment: a bar per segment, split by planned action; not contacted in grey. */
final class ActionsChart {
    static final String NOT_CONTACTED = "not_contacted";

    /** A bar's part: the action (or those not contacted) and its colour, in the order the bars stack; its words in
     * the page's language. */
    record Category(String code, String colour) {
        String label() {
            return code.equals(NOT_CONTACTED) ? ReportText.text().get("report.actions.not_contacted")
                    : ReportText.text().action(code);
        }
    }

    static final Map<String, Category> CATEGORIES = categories();

    private static Map<String, Category> categories() {
        Map<String, Category> m = new LinkedHashMap<>();
        put(m, Action.SERVICE_RECOVERY, "#e15759");
        put(m, Action.CART_RECOVERY, "#f28e2b");
        put(m, Action.REPLENISHMENT_REMINDER, "#59a14f");
        put(m, Action.ONBOARDING, "#76b7b2");
        put(m, Action.WIN_BACK, "#b07aa1");
        put(m, Action.VIP_CARE, "#edc948");
        put(m, Action.CROSS_SELL, "#4e79a7");
        put(m, Action.NURTURE, "#a0cbe8");
        put(m, Action.FEEDBACK_REQUEST, "#9c755f");
        m.put(NOT_CONTACTED, new Category(NOT_CONTACTED, "#c9c9c9"));
        return m;
    }

    private static void put(Map<String, Category> m, Action action, String colour) {
        m.put(action.code(), new Category(action.code(), colour));
    }

    private ActionsChart() {
    }

    static String render(PageContext page) {
        return legend(page.facts.plans()) + chart(page);
    }

    private static String category(PlanGroup p) {
        return p.channel().equals(Channel.NONE.code()) ? NOT_CONTACTED : p.action();
    }

    private static String legend(List<PlanGroup> plans) {
        StringBuilder b = new StringBuilder("<div class=\"legend\">");
        for (Map.Entry<String, Category> c : CATEGORIES.entrySet()) {
            if (plans.stream().anyMatch(p -> category(p).equals(c.getKey()))) {
                b.append("<span><span class=\"swatch\" style=\"background:").append(c.getValue().colour())
                        .append("\"></span>").append(Html.escape(c.getValue().label())).append("</span>");
            }
        }
        return b.append("</div>").toString();
    }

    private static String chart(PageContext page) {
        List<Segment> segments = page.facts.segments();
        Map<Integer, Map<String, Long>> bySegment = new LinkedHashMap<>();
        for (PlanGroup p : page.facts.plans()) {
            String c = CATEGORIES.containsKey(category(p)) ? category(p) : Action.NURTURE.code();
            bySegment.computeIfAbsent(p.segmentId(), k -> new LinkedHashMap<>()).merge(c, p.customers(), Long::sum);
        }
        long max = 1;
        for (Map<String, Long> m : bySegment.values()) {
            max = Math.max(max, m.values().stream().mapToLong(Long::longValue).sum());
        }
        int label = 230;
        int barMax = WIDTH - label - 110;
        int row = 38;
        Svg svg = new Svg(WIDTH, Math.max(row, segments.size() * row) + 8, "Planned actions per segment");
        int y = 4;
        for (Segment s : segments) {
            Map<String, Long> m = bySegment.getOrDefault(s.id(), Map.of());
            svg.text(label - 12, y + 23, ReportText.text().segment(s.name()), "end", "label", 30);
            double x = label;
            long total = 0;
            for (Map.Entry<String, Category> c : CATEGORIES.entrySet()) {
                long n = m.getOrDefault(c.getKey(), 0L);
                if (n == 0) {
                    continue;
                }
                double w = barMax * (double) n / max;
                svg.rect(x, y + 5, w, row - 12, c.getValue().colour(), ReportText.text().segment(s.name()) + " · " + c.getValue().label() + ": "
                        + count(n));
                if (w >= 28) {
                    svg.text(x + w / 2, y + 23, count(n), "middle", "cell");
                }
                x += w;
                total += n;
            }
            svg.text(x + 8, y + 23, count(total), "start", "value");
            y += row;
        }
        return svg.close();
    }
}
