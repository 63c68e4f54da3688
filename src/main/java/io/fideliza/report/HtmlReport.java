package io.fideliza.report;

import static io.fideliza.contract.Columns.*;

import io.fideliza.report.ReportFacts.InputQuality;
import io.fideliza.report.ReportFacts.Migration;
import io.fideliza.report.ReportFacts.PlanGroup;
import io.fideliza.report.ReportFacts.Segment;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The run report: one self-contained HTML page (inline CSS and SVG charts, no script, nothing fetched)
 * for people who never open a terminal: segment sizes and profiles, migration, actions, recommendation
 * coverage and data quality, each chart with a plain title and one line on how to read it.
 */
public final class HtmlReport {
    public static final String FILE_NAME = "index.html";

    /** Segment colours, in segment order (Tableau 10, readable by most colour-blind people). */
    static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac");
    static final String NOT_CONTACTED = "not_contacted";

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

    /** Actions in the plan, with the words a marketer uses and a colour; channel none is "not contacted". */
    static final Map<String, String[]> ACTIONS = actions();

    private static Map<String, String[]> actions() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("service_recovery", new String[] {"Put a problem right", "#e15759"});
        m.put("cart_recovery", new String[] {"Cart reminder", "#f28e2b"});
        m.put("replenishment_reminder", new String[] {"Refill reminder", "#59a14f"});
        m.put("onboarding", new String[] {"Welcome", "#76b7b2"});
        m.put("win_back", new String[] {"Win back", "#b07aa1"});
        m.put("vip_care", new String[] {"VIP care", "#edc948"});
        m.put("cross_sell", new String[] {"Goes-with suggestion", "#4e79a7"});
        m.put("nurture", new String[] {"Keep in touch", "#a0cbe8"});
        m.put(NOT_CONTACTED, new String[] {"Not contacted (no consent)", "#c9c9c9"});
        return m;
    }

    static final Map<String, String> KINDS = Map.of(
            "replenishment", "Refills of what they use up",
            "cross_sell", "Products that go with their purchases",
            "popular", "Best sellers (when we know too little)");

    static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("missing_value", "a required value is missing"),
            Map.entry("invalid_timestamp", "a date and time could not be read"),
            Map.entry("invalid_date", "a date could not be read"),
            Map.entry("invalid_integer", "a whole number could not be read"),
            Map.entry("invalid_decimal", "a number could not be read"),
            Map.entry("invalid_boolean", "a yes/no value could not be read"),
            Map.entry("out_of_range", "a value is out of range"),
            Map.entry("invalid_value", "an unknown value"),
            Map.entry("unknown_event_type", "an unknown kind of event"),
            Map.entry("unknown_product", "a product not in the catalogue"),
            Map.entry("before_opened", "answered before the ticket was opened"),
            Map.entry("duplicate_key", "the same id twice"),
            Map.entry("wrong_field_count", "a line with too many or too few columns"),
            Map.entry("invalid_utf8", "unreadable characters"),
            Map.entry("malformed_csv", "a broken quote"));

    private static final int WIDTH = 1120;
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final ReportFacts facts;
    private final Map<Integer, String> names = new LinkedHashMap<>();
    private final Map<Integer, String> colours = new LinkedHashMap<>();

    private HtmlReport(ReportFacts facts) {
        this.facts = facts;
        int i = 0;
        for (Segment s : facts.segments()) {
            names.put(s.id(), s.name());
            colours.put(s.id(), PALETTE.get(i++ % PALETTE.size()));
        }
    }

    /** The whole page. */
    public static String render(ReportFacts facts) {
        return new HtmlReport(facts).page();
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
                        + "bar, the more customers.", sizes() + descriptions()));
        b.append(section("profiles", "How each segment is doing",
                "Each cell compares one segment with the others on one measure: green is better than the other "
                        + "segments, red is worse (fewer hours, contacts, cost and effort are better), grey means no "
                        + "data.", heatmap()));
        b.append(section("migration", "Where customers moved since the last run",
                facts.firstRun() ? "This is the first run: there is no earlier run to compare with yet. The next "
                        + "run will show here how many customers stayed in their segment and how many moved."
                        : "Each row is the segment customers were in last time, each column the segment they are in "
                        + "now. The darker the cell, the more customers; the outlined cells are those who stayed.",
                facts.firstRun() ? "" : migration()));
        b.append(section("actions", "What we will do for each segment",
                "Each bar is one segment, split by the action planned for its customers. Problems are put right "
                        + "before anything is sold; customers who did not agree to marketing are not contacted.",
                actionLegend() + actionsChart()));
        b.append(section("recommendations", "Who gets product recommendations",
                "The share of all customers who have at least one recommended product, and of which kind.",
                coverage()));
        b.append(section("quality", "Data quality",
                "Every row we received is accounted for: used, set aside because it broke a rule (with the "
                        + "reason), dropped as an exact duplicate, or ignored because it is dated after the run.",
                quality()));
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
        long contacted = facts.plans().stream().filter(p -> !p.channel().equals("none"))
                .mapToLong(PlanGroup::customers).sum();
        long recovery = facts.plans().stream().filter(p -> p.action().equals("service_recovery"))
                .mapToLong(PlanGroup::customers).sum();
        long setAside = facts.inputs().stream().mapToLong(InputQuality::quarantined).sum();
        StringBuilder b = new StringBuilder("<div class=\"figures\">");
        figure(b, count(customers), "customers");
        figure(b, count(facts.segments().size()), "segments");
        figure(b, count(contacted), "to contact in this plan");
        figure(b, count(recovery), "with a problem to put right first");
        figure(b, percent(share(facts.customersWithRecommendations(), customers)), "with recommendations");
        figure(b, count(setAside), "input rows set aside");
        return b.append("</div>\n").toString();
    }

    private static void figure(StringBuilder b, String value, String label) {
        b.append("<div class=\"figure\"><span class=\"value\">").append(Html.escape(value))
                .append("</span><span class=\"label\">").append(Html.escape(label)).append("</span></div>");
    }

    private String sizes() {
        List<Segment> segments = facts.segments();
        long max = segments.stream().mapToLong(Segment::customers).max().orElse(1);
        long total = Math.max(1, facts.customers());
        int label = 230;
        int barMax = WIDTH - label - 190;
        int row = 34;
        Svg svg = new Svg(WIDTH, Math.max(row, segments.size() * row) + 8, "Customers per segment");
        int y = 4;
        for (Segment s : segments) {
            double w = barMax * (double) s.customers() / Math.max(1, max);
            svg.text(label - 12, y + 21, s.name(), "end", "label", 30);
            svg.rect(label, y + 4, w, row - 10, colours.get(s.id()), s.name() + ": " + count(s.customers()));
            svg.text(label + w + 8, y + 21, count(s.customers()) + " customers · "
                    + percent(share(s.customers(), total)), "start", "value");
            y += row;
        }
        return svg.close();
    }

    private String descriptions() {
        if (facts.segments().stream().allMatch(s -> s.description() == null || s.description().isBlank())) {
            return "";
        }
        StringBuilder b = new StringBuilder("<ul class=\"descriptions\">");
        for (Segment s : facts.segments()) {
            b.append("<li><span class=\"swatch\" style=\"background:").append(colours.get(s.id())).append("\"></span><b>")
                    .append(Html.escape(s.name())).append("</b> ")
                    .append(Html.escape(s.description() == null ? "" : s.description())).append("</li>");
        }
        return b.append("</ul>").toString();
    }

    private String heatmap() {
        List<Segment> segments = facts.segments();
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
            svg.rect(label - 14, y + 11, 8, 14, colours.get(s.id()), null);
            svg.text(label - 20, y + 23, s.name(), "end", "label", 22);
            for (int k = 0; k < KPIS.size(); k++) {
                Kpi kpi = KPIS.get(k);
                Double v = s.kpis().get(kpi.column());
                double x = label + k * cell;
                String tip = s.name() + " · " + kpi.line1() + " " + kpi.line2() + ": " + kpi(kpi, v);
                svg.rect(x + 2, y + 2, cell - 4, row - 4, heat(kpi, v), tip);
                svg.text(x + cell / 2.0, y + 23, kpi(kpi, v), "middle", v == null ? "muted" : "cell");
            }
            y += row;
        }
        return svg.close();
    }

    /** Green where a segment does better than the others on this KPI, red where it does worse. */
    private String heat(Kpi kpi, Double v) {
        if (v == null || v.isNaN()) {
            return "#eeeeee";
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (Segment s : facts.segments()) {
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

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    private String migration() {
        Set<Integer> current = new LinkedHashSet<>(names.keySet());
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
        svg.text(label + cell * cols.size() / 2.0, 12, "now in ↓", "middle", "sub");
        for (int c = 0; c < cols.size(); c++) {
            svg.text(label + c * cell + cell / 2.0, 32, name(cols.get(c)), "middle", "head", cell / 9);
        }
        int y = head;
        for (Integer from : rows) {
            svg.text(label - 10, y + 21, from == null ? "New customers" : "was " + previousName(from), "end", "label",
                    30);
            for (int c = 0; c < cols.size(); c++) {
                Integer to = cols.get(c);
                long n = counts.getOrDefault(from + ">" + to, 0L);
                double t = n == 0 ? 0 : 0.15 + 0.85 * n / (double) max;
                String fill = n == 0 ? "#f4f4f4" : String.format(Locale.ROOT, "#%02x%02x%02x", mix(0xe8, 0x2f, t),
                        mix(0xf0, 0x5d, t), mix(0xf8, 0x8c, t));
                boolean diagonal = from != null && from.equals(to);
                svg.rect(label + c * cell + 2, y + 2, cell - 4, row - 4, fill, diagonal ? "#333333" : null,
                        (from == null ? "New customers" : "From " + previousName(from)) + " to " + name(to) + ": "
                                + count(n));
                svg.text(label + c * cell + cell / 2.0, y + 22, n == 0 ? "·" : count(n), "middle",
                        t > 0.55 ? "cell light" : "cell");
            }
            y += row;
        }
        long all = Math.max(1, stayed + moved + fresh);
        svg.text(label, y + 18, count(stayed) + " stayed (" + percent(share(stayed, all)) + ") · " + count(moved)
                + " moved (" + percent(share(moved, all)) + ") · " + count(fresh) + " new", "start", "value");
        return svg.close();
    }

    private String name(Integer id) {
        String n = names.get(id);
        return n == null ? "Segment " + id : n;
    }

    /** A previous segment by the name it had then, else its name now, else its id. */
    private String previousName(int id) {
        String then = facts.previousSegmentNames().get(id);
        return then != null ? then : name(id);
    }

    private List<String> categories() {
        return new ArrayList<>(ACTIONS.keySet());
    }

    private static String category(PlanGroup p) {
        return p.channel().equals("none") ? NOT_CONTACTED : p.action();
    }

    private String actionLegend() {
        Set<String> used = new LinkedHashSet<>();
        for (String c : categories()) {
            if (facts.plans().stream().anyMatch(p -> category(p).equals(c))) {
                used.add(c);
            }
        }
        StringBuilder b = new StringBuilder("<div class=\"legend\">");
        for (String c : used) {
            b.append("<span><span class=\"swatch\" style=\"background:").append(ACTIONS.get(c)[1]).append("\"></span>")
                    .append(Html.escape(ACTIONS.get(c)[0])).append("</span>");
        }
        return b.append("</div>").toString();
    }

    private String actionsChart() {
        List<Segment> segments = facts.segments();
        Map<Integer, Map<String, Long>> bySegment = new LinkedHashMap<>();
        for (PlanGroup p : facts.plans()) {
            String c = ACTIONS.containsKey(category(p)) ? category(p) : "nurture";
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
            svg.text(label - 12, y + 23, s.name(), "end", "label", 30);
            double x = label;
            long total = 0;
            for (String c : categories()) {
                long n = m.getOrDefault(c, 0L);
                if (n == 0) {
                    continue;
                }
                double w = barMax * (double) n / max;
                svg.rect(x, y + 5, w, row - 12, ACTIONS.get(c)[1], s.name() + " · " + ACTIONS.get(c)[0] + ": "
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

    private String coverage() {
        long customers = Math.max(1, facts.customers());
        List<String[]> bars = new ArrayList<>();
        bars.add(new String[] {"Any recommendation", String.valueOf(facts.customersWithRecommendations()), "#4e79a7"});
        for (String kind : List.of("replenishment", "cross_sell", "popular")) {
            bars.add(new String[] {KINDS.get(kind),
                String.valueOf(facts.customersByRecommendationKind().getOrDefault(kind, 0L)), "#a0cbe8"});
        }
        for (Map.Entry<String, Long> e : facts.customersByRecommendationKind().entrySet()) {
            if (!KINDS.containsKey(e.getKey())) {
                bars.add(new String[] {e.getKey(), String.valueOf(e.getValue()), "#a0cbe8"});
            }
        }
        int label = 300;
        int barMax = WIDTH - label - 230;
        int row = 34;
        Svg svg = new Svg(WIDTH, bars.size() * row + 8, "Share of customers with recommendations");
        int y = 4;
        for (String[] bar : bars) {
            long n = Long.parseLong(bar[1]);
            double s = share(n, customers);
            svg.text(label - 12, y + 21, bar[0], "end", "label", 44);
            svg.rect(label, y + 4, barMax, row - 10, "#f1f1f1", null);
            svg.rect(label, y + 4, barMax * s, row - 10, bar[2], bar[0] + ": " + count(n));
            svg.text(label + barMax + 10, y + 21, percent(s) + " · " + count(n) + " of " + count(facts.customers()),
                    "start", "value");
            y += row;
        }
        return svg.close();
    }

    private String quality() {
        StringBuilder b = new StringBuilder("<table class=\"quality\"><thead><tr><th>Input</th><th>Rows received</th>"
                + "<th>Used</th><th>Set aside</th><th>Duplicates</th><th>After the run date</th>"
                + "<th>Why rows were set aside</th></tr></thead><tbody>");
        for (InputQuality q : facts.inputs()) {
            b.append("<tr><td>").append(Html.escape(q.input())).append("</td><td>").append(count(q.read()))
                    .append("</td><td>").append(count(q.valid())).append(" <span class=\"muted\">(")
                    .append(percent(share(q.valid(), q.read()))).append(")</span></td><td")
                    .append(q.quarantined() > 0 ? " class=\"warn\"" : "").append('>').append(count(q.quarantined()))
                    .append("</td><td>").append(count(q.duplicates())).append("</td><td>").append(count(q.afterRunDate()))
                    .append("</td><td>");
            List<String> reasons = new ArrayList<>();
            q.reasons().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                            .thenComparing(Map.Entry.<String, Long>comparingByKey()))
                    .limit(3).forEach(e -> reasons.add(count(e.getValue()) + " × "
                    + REASONS.getOrDefault(e.getKey(), e.getKey())));
            if (q.reasons().size() > 3) {
                reasons.add("and " + (q.reasons().size() - 3) + " more");
            }
            b.append(reasons.isEmpty() ? "<span class=\"muted\">none</span>" : Html.escape(String.join("; ", reasons)))
                    .append("</td></tr>");
        }
        if (facts.inputs().isEmpty()) {
            b.append("<tr><td colspan=\"7\" class=\"muted\">No input accounting in this run.</td></tr>");
        }
        return b.append("</tbody></table><p class=\"note\">Rows set aside are kept, with their file, line and "
                + "reason, in the run's quarantine folder.</p>").toString();
    }

    private String kpi(Kpi kpi, Double v) {
        if (v == null || v.isNaN()) {
            return "–";
        }
        return switch (kpi.format()) {
            case "percent" -> percent(v);
            case "money" -> String.format(Locale.ENGLISH, "%,.2f", v);
            case "hours" -> v >= 100 ? String.format(Locale.ENGLISH, "%,.0f h", v) : String.format(Locale.ENGLISH,
                    "%.1f h", v);
            case "0" -> String.format(Locale.ENGLISH, "%,.0f", v);
            case "2" -> String.format(Locale.ENGLISH, "%.2f", v);
            default -> String.format(Locale.ENGLISH, "%.1f", v);
        };
    }

    static String count(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }

    /** A share as people say it: 42%, 0.4% for small ones, 0% only when none, 100% only when all. */
    static String percent(double share) {
        double p = share * 100;
        if (p > 0 && p < 1) {
            return String.format(Locale.ENGLISH, "%.1f%%", Math.max(0.1, p));
        }
        if (p > 99 && p < 100) {
            // Never 100% while something is missing.
            return String.format(Locale.ENGLISH, "%.1f%%", Math.min(99.9, Math.floor(p * 10) / 10));
        }
        return String.format(Locale.ENGLISH, "%.0f%%", p);
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static final String CSS = """
            :root{--ink:#1f2933;--soft:#52606d;--line:#e4e7eb;--bg:#f5f7fa}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--ink);
              font:15px/1.5 "Segoe UI","Helvetica Neue","DejaVu Sans",Arial,sans-serif}
            main{max-width:1200px;margin:0 auto;padding:28px 32px 40px}
            header h1{font-size:30px;margin:2px 0 6px}
            .kicker{margin:0;color:#4e79a7;font-weight:600;letter-spacing:.04em;text-transform:uppercase;font-size:12px}
            .lede{margin:0 0 18px;color:var(--soft);max-width:820px}
            .figures{display:grid;grid-template-columns:repeat(6,1fr);gap:12px;margin-bottom:18px}
            .figure{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 14px}
            .figure .value{display:block;font-size:26px;font-weight:700}
            .figure .label{display:block;color:var(--soft);font-size:13px;line-height:1.3}
            section{background:#fff;border:1px solid var(--line);border-radius:12px;padding:18px 24px 20px;
              margin-bottom:18px}
            h2{font-size:20px;margin:0 0 2px}
            .explain{margin:0 0 14px;color:var(--soft)}
            svg.chart{display:block;max-width:100%;height:auto}
            svg text{font-family:"Segoe UI","Helvetica Neue","DejaVu Sans",Arial,sans-serif;font-size:13px;fill:var(--ink)}
            svg text.label{font-size:14px}
            svg text.value{fill:var(--soft)}
            svg text.head{font-weight:600}
            svg text.sub,svg text.muted{fill:#7b8794;font-size:12px}
            svg text.cell{font-weight:600}
            svg text.light{fill:#fff}
            .legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:0 0 10px;font-size:14px}
            .swatch{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:6px;vertical-align:-1px}
            .descriptions{list-style:none;padding:0;margin:12px 0 0;columns:2;column-gap:32px;font-size:14px}
            .descriptions li{break-inside:avoid;margin-bottom:6px;color:var(--soft)}
            .descriptions b{color:var(--ink)}
            table.quality{border-collapse:collapse;width:100%;font-size:14px}
            .quality th{text-align:left;color:var(--soft);font-weight:600;border-bottom:2px solid var(--line);padding:6px 8px}
            .quality td{border-bottom:1px solid var(--line);padding:6px 8px;font-variant-numeric:tabular-nums}
            .quality td:not(:last-child){white-space:nowrap}
            .quality td.warn{color:#b42318;font-weight:600}
            .muted{color:#7b8794}
            .note{color:var(--soft);font-size:13px;margin:10px 0 0}
            footer{color:#7b8794;font-size:13px;text-align:center;margin-top:8px}
            @media (max-width:900px){.figures{grid-template-columns:repeat(2,1fr)}.descriptions{columns:1}}
            """;
}
