package io.fideliza.report;

import static io.fideliza.report.ReportText.count;
import static io.fideliza.report.ReportText.percent;

import io.fideliza.model.GenerationInfo;
import io.fideliza.value.ValueFigures;
import io.fideliza.value.ValueFigures.Decile;
import java.util.Locale;

/**
 * The report's "Customers at risk" part: the value at risk tonight, and how well the customer-value model foretold,
 * on the history it was checked on, who would not buy (AUC and the calibration table).
 *
 * @param customers   customers with a churn risk tonight
 * @param valueAtRisk the sum over customers of churn risk times what they would spend over the horizon if active
 */
record ValueSection(GenerationInfo<ValueFigures> model, long customers, double valueAtRisk) {

    static final String TITLE = "Customers at risk";

    static String explanation(ValueSection s) {
        return "Each customer who bought gets a churn risk: the chance of no purchase in the next "
                + s.model().figures().horizonDays() + " days. The value at risk adds up, over all of them, the risk "
                + "times what they would spend in that time if they stay; win-backs, VIP care and the care queue start "
                + "with the largest. Below, how well the model, checked on a past period, told who would not buy.";
    }

    String render() {
        ValueFigures f = model.figures();
        StringBuilder b = new StringBuilder("<div class=\"figures\">");
        figure(b, String.format(Locale.ROOT, "%,.2f", valueAtRisk), "value at risk over the next "
                + f.horizonDays() + " days");
        figure(b, count(customers), "customers with a churn risk");
        figure(b, f.auc() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", f.auc()),
                "AUC when checked (1 is perfect, 0.5 a coin toss)");
        b.append("</div>");
        b.append("<p class=\"note\">Model version ").append(model.version()).append(", trained on ")
                .append(Html.escape(model.trainedOn().toString())).append(", checked on the ").append(count(f.customers()))
                .append(" customers who had bought by ").append(Html.escape(model.cutOff().toString()))
                .append(": ").append(percent(f.noPurchaseShare())).append(" of them did not buy in the ")
                .append(f.horizonDays()).append(" days after.</p>");
        b.append("<table class=\"quality\"><thead><tr><th>Customers by risk (tenths)</th><th>Customers</th>"
                + "<th>Predicted no purchase</th><th>Did not buy</th></tr></thead><tbody>");
        for (Decile d : f.calibration()) {
            b.append("<tr><td>").append(d.decile()).append("</td><td>").append(count(d.customers())).append("</td><td>")
                    .append(percent(d.predicted())).append("</td><td>").append(percent(d.observed())).append("</td></tr>");
        }
        if (f.calibration().isEmpty()) {
            b.append("<tr><td colspan=\"4\" class=\"muted\">No customer had bought by the check's cut-off.</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    private static void figure(StringBuilder b, String value, String label) {
        b.append("<div class=\"figure\"><span class=\"value\">").append(Html.escape(value))
                .append("</span><span class=\"label\">").append(Html.escape(label)).append("</span></div>");
    }
}
