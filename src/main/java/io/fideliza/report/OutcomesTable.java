package io.fideliza.report;

import static io.fideliza.report.PageContext.WIDTH;
import static io.fideliza.report.ReportText.count;
import static io.fideliza.report.ReportText.percent;

import io.fideliza.contract.Action;
import io.fideliza.outcomes.Uplift;
import io.fideliza.report.OutcomeFacts.Result;
import java.util.List;
import java.util.Locale;

/**
 * Did it work: per action, how many were sent and held out, how many of each reached the action's goal, the
 * difference with its 95% interval drawn around zero, a verdict in words, and revenue per customer.
 */
final class OutcomesTable {
    private OutcomesTable() {
    }

    static String render(OutcomeFacts o) {
        if (!o.measuredAnything()) {
            return "<p class=\"note\">Nothing to measure yet: an action is judged once its window has passed (two "
                    + "weeks for a cart reminder, a month for a win-back), on the plans of earlier runs.</p>";
        }
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"note\">Plans of ").append(Html.escape(o.firstPlan().toString())).append(" to ")
                .append(Html.escape(o.lastPlan().toString())).append(", pooled.</p>");
        b.append(chart(o.byAction()));
        b.append(table(o.byAction(), false));
        List<Result> segments = o.byActionAndSegment().stream().filter(r -> r.control() > 0).toList();
        if (!segments.isEmpty()) {
            b.append("<h3>Per segment</h3>").append(table(segments, true));
        }
        return b.append("<p class=\"note\">Sent: customers planned to get the message; held out: the control group, "
                + "picked at random and planned alike but never sent. The difference is sent minus held out, in "
                + "percentage points, with a 95% interval (Newcombe's, from Wilson intervals): when the interval "
                + "lies above zero the action worked; when it holds zero we cannot tell it from chance yet.</p>")
                .toString();
    }

    /** One verdict in a marketer's words. */
    static String verdict(Result r) {
        Uplift u = r.uplift();
        if (r.control() == 0) {
            return "no control group";
        }
        if (r.treated() == 0) {
            return "nobody sent"; // a segment whose customers this time were all held out
        }
        if (u.low() > 0) {
            return "worked";
        }
        if (u.high() < 0) {
            return "did worse than nothing";
        }
        return "no clear effect yet";
    }

    private static String table(List<Result> rows, boolean withSegment) {
        StringBuilder b = new StringBuilder("<table class=\"quality\"><thead><tr><th>Action</th>");
        if (withSegment) {
            b.append("<th>Segment</th>");
        }
        b.append("<th>Sent</th><th>Held out</th><th>Reached the goal: sent</th><th>held out</th>"
                + "<th>Difference (95%)</th><th>Verdict</th><th>Revenue per customer: sent</th><th>held out</th>"
                + "</tr></thead><tbody>");
        for (Result r : rows) {
            b.append("<tr><td>").append(Html.escape(label(r.action()))).append("</td>");
            if (withSegment) {
                b.append("<td>").append(Html.escape(r.segmentName())).append("</td>");
            }
            b.append("<td>").append(count(r.treated())).append("</td><td>").append(count(r.control()))
                    .append("</td><td>").append(rate(r.treatedRate())).append("</td><td>").append(rate(r.controlRate()))
                    .append("</td><td>").append(Html.escape(difference(r.uplift()))).append("</td><td>")
                    .append(Html.escape(verdict(r))).append("</td><td>").append(money(r.revenuePerTreated()))
                    .append("</td><td>").append(money(r.revenuePerControl())).append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    /** Each action's difference as a dot on a line through zero, with its interval as a bar. */
    private static String chart(List<Result> rows) {
        List<Result> measured = rows.stream().filter(r -> r.uplift().uplift() != null).toList();
        if (measured.isEmpty()) {
            return "";
        }
        double span = 0.05;
        for (Result r : measured) {
            span = Math.max(span, Math.max(Math.abs(r.uplift().low()), Math.abs(r.uplift().high())));
        }
        span = Math.min(1, Math.ceil(span * 10) / 10);
        int label = 230;
        int plot = WIDTH - label - 60;
        int row = 34;
        Svg svg = new Svg(WIDTH, measured.size() * row + 30, "Difference between sent and held out, per action");
        double zero = label + plot / 2.0;
        svg.line(zero, 0, zero, measured.size() * row + 4, "#9aa5b1");
        svg.text(zero, measured.size() * row + 22, "0", "middle", "sub");
        svg.text(label, measured.size() * row + 22, String.format(ReportText.locale(), "%+.0f pts", -100 * span),
                "start", "sub");
        svg.text(label + plot, measured.size() * row + 22, String.format(ReportText.locale(), "%+.0f pts", 100 * span),
                "end", "sub");
        int y = 0;
        for (Result r : measured) {
            Uplift u = r.uplift();
            double x0 = zero + plot / 2.0 * u.low() / span;
            double x1 = zero + plot / 2.0 * u.high() / span;
            double x = zero + plot / 2.0 * u.uplift() / span;
            String colour = u.low() > 0 ? "#59a14f" : u.high() < 0 ? "#e15759" : "#9aa5b1";
            svg.text(label - 12, y + 21, label(r.action()), "end", "label", 30);
            svg.rect(x0, y + 12, Math.max(2, x1 - x0), 10, colour, label(r.action()) + ": " + difference(u));
            svg.rect(x - 4, y + 9, 8, 16, "#1f2933", null);
            y += row;
        }
        return svg.close();
    }

    private static String label(String action) {
        try {
            return Action.fromCode(action).label();
        } catch (IllegalArgumentException e) {
            return action;
        }
    }

    private static String rate(Double r) {
        return r == null ? "–" : percent(r);
    }

    private static String money(Double v) {
        return v == null ? "–" : String.format(ReportText.locale(), "%,.2f", v);
    }

    static String difference(Uplift u) {
        if (u.uplift() == null) {
            return "–";
        }
        return String.format(ReportText.locale(), "%+.1f pts (%+.1f to %+.1f)", 100 * u.uplift(), 100 * u.low(),
                100 * u.high());
    }
}
