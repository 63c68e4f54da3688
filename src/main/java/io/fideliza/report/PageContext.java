package io.fideliza.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every part of the page shares: the facts, and each segment's name and colour. */
final class PageContext {
    static final int WIDTH = 1120;
    /** Segment colours, in segment order (Tableau 10, readable by most colour-blind people). */
    static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac");

    final ReportFacts facts;
    final Map<Integer, String> names = new LinkedHashMap<>();
    final Map<Integer, String> colours = new LinkedHashMap<>();

    PageContext(ReportFacts facts) {
        this.facts = facts;
        int i = 0;
        for (ReportFacts.Segment s : facts.segments()) {
            names.put(s.id(), s.name());
            colours.put(s.id(), PALETTE.get(i++ % PALETTE.size()));
        }
    }

    /** A segment of this run by its name, or by its id when the run does not know it. */
    String name(Integer id) {
        String n = names.get(id);
        return n == null ? "Segment " + id : ReportText.text().segment(n);
    }

    /** A previous segment by the name it had then, else its name now, else its id. */
    String previousName(int id) {
        String then = facts.previousSegmentNames().get(id);
        return then != null ? ReportText.text().segment(then) : name(id);
    }

    static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
