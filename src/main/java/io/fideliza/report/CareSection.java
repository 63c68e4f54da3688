package io.fideliza.report;

import static io.fideliza.report.ReportText.count;
import static io.fideliza.report.ReportText.percent;

import io.fideliza.report.CareFacts.Oldest;
import io.fideliza.report.CareFacts.ServiceLevel;
import java.util.Locale;
import java.util.Map;

/** "Problems to put right": the care queue by age, topic and channel, its oldest tickets, and the service levels. */
final class CareSection {
    private CareSection() {
    }

    static String render(CareFacts care) {
        StringBuilder b = new StringBuilder();
        b.append("<p><strong>").append(count(care.tickets())).append("</strong> tickets need a person tonight.</p>");
        b.append("<div class=\"figures\">");
        counts(b, "By age, oldest first", care.byAge());
        counts(b, "By topic", care.byTopic());
        counts(b, "By channel", care.byChannel());
        b.append("</div>");
        b.append("<table class=\"quality\"><thead><tr><th>Ticket</th><th>Topic</th><th>Channel</th><th>Age</th>"
                + "<th>Why</th><th>Targets missed</th><th>Nights in the list</th></tr></thead><tbody>");
        for (Oldest o : care.oldest()) {
            b.append("<tr><td>").append(Html.escape(o.ticketId())).append("</td><td>").append(Html.escape(o.topic()))
                    .append("</td><td>").append(Html.escape(o.channel())).append("</td><td>")
                    .append(String.format(ReportText.locale(), "%.1f days", o.ageHours() / 24)).append("</td><td>")
                    .append(Html.escape(o.reason().replace('_', ' '))).append("</td><td>")
                    .append(o.breached() == null ? "<span class=\"muted\">none</span>"
                            : Html.escape(o.breached().replace('_', ' ').replace(",", ", ")))
                    .append("</td><td>").append(o.nights()).append("</td></tr>");
        }
        if (care.oldest().isEmpty()) {
            b.append("<tr><td colspan=\"7\" class=\"muted\">Nothing to put right tonight.</td></tr>");
        }
        b.append("</tbody></table>");
        b.append("<h3>Service targets met, per channel and topic</h3><table class=\"quality\"><thead><tr>"
                + "<th>Channel</th><th>Topic</th><th>Tickets</th><th>First reply in time</th>"
                + "<th>Resolved in time</th></tr></thead><tbody>");
        for (ServiceLevel s : care.serviceLevels()) {
            b.append("<tr><td>").append(Html.escape(s.channel())).append("</td><td>").append(Html.escape(s.topic()))
                    .append("</td><td>").append(count(s.tickets())).append("</td><td>").append(share(s.firstResponseMet()))
                    .append("</td><td>").append(share(s.resolutionMet())).append("</td></tr>");
        }
        return b.append("</tbody></table><p class=\"note\">The care team's list, with the contact details it needs, "
                + "is in the run's exports/care folder, one file per channel.</p>").toString();
    }

    private static void counts(StringBuilder b, String title, Map<String, Long> counts) {
        b.append("<div class=\"figure\"><span class=\"label\">").append(Html.escape(title)).append("</span>");
        counts.forEach((k, v) -> b.append("<span class=\"label\">").append(Html.escape(k)).append(": ")
                .append(count(v)).append("</span>"));
        b.append("</div>");
    }

    private static String share(Double v) {
        return v == null ? "<span class=\"muted\">–</span>" : percent(v);
    }
}
