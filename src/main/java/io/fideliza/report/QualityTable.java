package io.fideliza.report;

import static io.fideliza.report.ReportText.count;
import static io.fideliza.report.ReportText.percent;
import static io.fideliza.report.ReportText.share;

import io.fideliza.contract.QuarantineReason;
import io.fideliza.report.ReportFacts.InputQuality;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Data quality: per input, where its rows went, and the commonest reasons rows were set aside, in plain words. */
final class QualityTable {
    private QualityTable() {
    }

    static String render(PageContext page) {
        StringBuilder b = new StringBuilder("<table class=\"quality\"><thead><tr><th>Input</th><th>Rows received</th>"
                + "<th>Used</th><th>Set aside</th><th>Duplicates</th><th>After the run date</th>"
                + "<th>Why rows were set aside</th></tr></thead><tbody>");
        for (InputQuality q : page.facts.inputs()) {
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
                    .limit(3).forEach(e -> reasons.add(count(e.getValue()) + " × " + QuarantineReason.byCode(e.getKey())
                            .map(QuarantineReason::description).orElse(e.getKey())));
            if (q.reasons().size() > 3) {
                reasons.add("and " + (q.reasons().size() - 3) + " more");
            }
            b.append(reasons.isEmpty() ? "<span class=\"muted\">none</span>" : Html.escape(String.join("; ", reasons)))
                    .append("</td></tr>");
        }
        if (page.facts.inputs().isEmpty()) {
            b.append("<tr><td colspan=\"7\" class=\"muted\">No input accounting in this run.</td></tr>");
        }
        return b.append("</tbody></table><p class=\"note\">Rows set aside are kept, with their file, line and "
                + "reason, in the run's quarantine folder.</p>").toString();
    }
}
