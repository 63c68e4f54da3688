package io.fideliza.report;

import static io.fideliza.report.ReportText.count;
import static io.fideliza.report.ReportText.percent;

import io.fideliza.segment.RefitCarryOver;
import io.fideliza.segment.SegmentDrift;
import io.fideliza.segment.SegmentModelInfo;
import io.fideliza.segment.SegmentModelInfo.Retired;
import io.fideliza.segment.SegmentModelStatus;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When segments change: what the segment model did tonight (kept, or refitted and why), how far customers
 * have drifted from it against the thresholds that would refit it, and per segment its size now and when the
 * model was trained, and how well its name holds.
 */
final class SegmentModelPanel {
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private SegmentModelPanel() {
    }

    /** What a marketer needs to know before reading the panel. */
    static String explanation(SegmentModelStatus m) {
        return "Segments are kept from night to night: each night every customer is placed in the segment whose "
                + "typical customer they are closest to, so a customer moves only when their own behaviour changes, "
                + "while the segments themselves (how many, their names, what they mean) stay as they are. They are "
                + "rebuilt (refitted) every " + m.refitDays() + " days, when customers drift too far from them (the "
                + "measures below), or on request. A refit keeps the current segments unless new ones are clearly "
                + "better, and segments that carry on keep their names.";
    }

    static String render(SegmentModelStatus m) {
        StringBuilder b = new StringBuilder();
        String trained = date(m.trainedOn());
        if (m.refittedTonight()) {
            b.append("<p><b>Tonight the segments were refitted</b> (model version ").append(m.version())
                    .append("): ").append(Html.escape(m.reason())).append(". ").append(Html.escape(sentence(m.decision())))
                    .append("</p>");
            List<String> changes = new ArrayList<>();
            if (m.refitKeptShare() != null) {
                changes.add(percent(m.refitKeptShare()) + " of customers stayed in their segment");
            }
            List<String> created = m.segments().stream().filter(SegmentModelStatus.Segment::isNew)
                    .map(SegmentModelStatus.Segment::name).toList();
            if (!created.isEmpty() && m.previousVersion() != null) {
                changes.add("new: " + String.join(", ", created));
            }
            for (Retired r : m.retired()) {
                String to = m.segments().stream().filter(s -> r.mostWentTo() != null && s.id() == r.mostWentTo())
                        .map(SegmentModelStatus.Segment::name).findFirst().orElse(null);
                changes.add("retired: " + r.name() + (to == null ? "" : " (most of its " + count(r.customers())
                        + " customers are now in " + to + ")"));
            }
            if (!changes.isEmpty()) {
                b.append("<p>").append(Html.escape(String.join("; ", changes))).append(". The table ")
                        .append("segment_refit_migrations lists every move.</p>");
            }
            b.append(moves(m));
        } else {
            b.append("<p><b>Tonight customers were placed in the segments of model version ").append(m.version())
                    .append("</b>, trained on ").append(Html.escape(trained)).append(".</p>");
        }
        b.append("<p>Next scheduled refit: <b>").append(Html.escape(LONG_DATE.format(m.nextScheduledRefit())))
                .append("</b>, unless drift calls for one sooner.</p>");
        b.append(driftTable(m.drift()));
        b.append(segmentTable(m));
        return b.toString();
    }

    /** What the refit moved and why, and a candidate it refused for moving too many customers. */
    static String moves(SegmentModelStatus m) {
        StringBuilder b = new StringBuilder();
        RefitCarryOver.Moves v = m.refitMoves();
        if (v != null) {
            b.append("<p><b>").append(Html.escape(String.format(Locale.ENGLISH, "The refit moved %s of the last "
                    + "run's %s customers (%.1f%%)", count(v.moved()), count(v.customers()), 100 * v.share())))
                    .append("</b>");
            List<String> why = new ArrayList<>();
            if (v.newKind() > 0) {
                why.add(count(v.newKind()) + " to a new segment, for a new kind of customer");
            }
            if (v.retiredSegment() > 0) {
                why.add(count(v.retiredSegment()) + " out of a retired segment, a kind of customer that vanished");
            }
            if (v.newData() > 0) {
                why.add(count(v.newData()) + " because the segments were refitted on new data");
            }
            b.append(why.isEmpty() ? "; everyone else stayed where they were" : ": " + Html.escape(String.join("; ", why)))
                    .append(". A refit may move at most ").append(percent(m.refitMaxMoved()))
                    .append(" unless it was asked for.</p>");
        }
        SegmentModelInfo.Refused r = m.refused();
        if (r != null) {
            b.append("<p class=\"warn\"><b>A refit candidate was refused</b>: ").append(Html.escape(r.algorithm()))
                    .append(" with ").append(r.k()).append(" segments scored better, but would have moved ")
                    .append(String.format(Locale.ENGLISH, "%.1f%%", 100 * r.moves().share())).append(" of customers (")
                    .append(count(r.moves().moved())).append("). The segments were kept; run with --refit to "
                            + "accept such a refit.</p>");
        }
        return b.toString();
    }

    private static String driftTable(SegmentDrift d) {
        StringBuilder b = new StringBuilder("<table class=\"quality drift\"><thead><tr><th>Drift from the segments' "
                + "training night</th><th>Tonight</th><th>On the training night</th><th>Refit above</th></tr></thead><tbody>");
        row(b, "Segment sizes moved (share of customers that would have to change segment to give back the "
                + "training night's sizes)", percent(d.sizeShift()), "0%", percent(d.thresholds().maxSizeShift()),
                d.sizeShift() > d.thresholds().maxSizeShift());
        row(b, "Customers no segment fits well (farther from their segment's typical customer than 95% of its "
                + "members were)", percent(d.unfitShare()), "about 5%", percent(d.thresholds().maxUnfitShare()),
                d.unfitShare() > d.thresholds().maxUnfitShare());
        row(b, "Distance of customers to their segment's typical customer", String.format(Locale.ENGLISH, "%.2f×",
                d.distanceRatio()), "1.00×", String.format(Locale.ENGLISH, "%.2f×", d.thresholds().maxDistanceRatio()),
                d.distanceRatio() > d.thresholds().maxDistanceRatio());
        return b.append("</tbody></table>").toString();
    }

    private static void row(StringBuilder b, String what, String tonight, String training, String threshold,
                            boolean passed) {
        b.append("<tr><td>").append(Html.escape(what)).append("</td><td").append(passed ? " class=\"warn\"" : "")
                .append('>').append(Html.escape(tonight)).append("</td><td>").append(Html.escape(training))
                .append("</td><td>").append(Html.escape(threshold)).append("</td></tr>");
    }

    private static String segmentTable(SegmentModelStatus m) {
        StringBuilder b = new StringBuilder("<table class=\"quality drift\"><thead><tr><th>Segment</th>"
                + "<th>Customers</th><th>Share now</th><th>Share when trained</th><th>Its name holds for</th>"
                + "<th>The name's rule</th></tr></thead><tbody>");
        for (SegmentModelStatus.Segment s : m.segments()) {
            b.append("<tr><td>").append(Html.escape(s.name())).append(s.isNew() && m.previousVersion() != null
                            ? " <span class=\"muted\">(new tonight)</span>" : "").append("</td><td>")
                    .append(count(s.customers())).append("</td><td>").append(percent(s.share())).append("</td><td>")
                    .append(percent(s.trainingShare())).append("</td><td")
                    .append(s.nameHolds() != null && s.nameHolds() < 0.5 ? " class=\"warn\"" : "").append('>')
                    .append(s.nameHolds() == null ? "<span class=\"muted\">n/a</span>" : percent(s.nameHolds()))
                    .append("</td><td>").append(s.nameRule() == null ? "" : Html.escape(s.nameRule()))
                    .append("</td></tr>");
        }
        return b.append("</tbody></table><p class=\"note\">A segment's name comes from a rule on one customer; "
                + "it was given because the rule held for most of the segment's members, and for far more of them than "
                + "of all customers. Lifecycle signals inside each segment (lapsing, champions, at risk) are in the "
                + "segments table and steer the plan.</p>").toString();
    }

    private static String date(String isoDate) {
        return LONG_DATE.format(LocalDate.parse(isoDate));
    }

    private static String sentence(String s) {
        String t = s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return t.endsWith(".") ? t : t + ".";
    }
}
