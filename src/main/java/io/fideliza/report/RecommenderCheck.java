package io.fideliza.report;

import static io.fideliza.report.ReportText.count;
import static io.fideliza.report.ReportText.percent;

import io.fideliza.recommend.NightlyModel;
import io.fideliza.recommend.RecommenderValidation;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How the recommender model the night used did when it was trained: tested on what customers bought in the weeks
 * before its training date, having seen only what came before (the validation figures its manifest entry holds).
 *
 * @param customers customers who bought a product new to them in the test weeks (0: it could not be tested, and
 *                  {@code weeks}, {@code k}, {@code hitRate}, {@code precision} are 0); empty: no training step ran
 *                  (recommend.training.every_days 0: fitted each night as configured)
 * @param hitRate   share of them with one of those products among the top {@code k} it would have recommended
 * @param precision per customer, the share of the top {@code k} they bought, averaged
 */
public record RecommenderCheck(int version, LocalDate trainedOn, LocalDate testedFrom, int weeks, int k,
                               OptionalLong customers, double hitRate, double precision) {
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    /** The night's recommender model: its generation's version, training date and validation. */
    public static RecommenderCheck of(NightlyModel.Choice model) {
        return of(model.version(), model.trainedOn(), model.validation());
    }

    /** @param validation the published candidate's figures; empty when no training step ran (every_days 0) */
    public static RecommenderCheck of(int version, LocalDate trainedOn, Optional<RecommenderValidation> validation) {
        if (validation.isEmpty()) {
            return new RecommenderCheck(version, trainedOn, trainedOn, 0, 0, OptionalLong.empty(), 0, 0);
        }
        RecommenderValidation v = validation.get();
        return new RecommenderCheck(version, trainedOn, v.cutoff(), v.weeks() == null ? 0 : v.weeks(),
                v.k() == null ? 0 : v.k(), OptionalLong.of(v.customers()), v.hitRate() == null ? 0 : v.hitRate(),
                v.precision() == null ? 0 : v.precision());
    }

    String explanation() {
        return "Product recommendations come from a model of what goes with what and of customers who shop alike. "
                + "It is retrained on a schedule, and each time it is first tested on real purchases it did not "
                + "see: trained on the history up to a few weeks earlier, it recommends, and we count how many of "
                + "the products customers then bought for the first time it had named.";
    }

    String render() {
        StringBuilder b = new StringBuilder("<p>Tonight's recommendations come from model version ")
                .append(version).append(", trained on ").append(Html.escape(LONG_DATE.format(trainedOn))).append(".</p>");
        if (customers.isEmpty()) {
            return b.append("<p>It is fitted each night with the configured settings, without a test "
                    + "(recommend.training.every_days is 0).</p>").toString();
        }
        if (customers.getAsLong() == 0) {
            return b.append("<p>It could not be tested: nobody bought a product new to them in the weeks before its "
                    + "training date. It uses the configured settings.</p>").toString();
        }
        return b.append("<p>Tested on the ").append(weeks).append(" weeks from ")
                .append(Html.escape(LONG_DATE.format(testedFrom))).append(": of the <b>").append(count(customers.getAsLong()))
                .append("</b> customers who bought a product new to them in those weeks, <b>")
                .append(percent(hitRate)).append("</b> had at least one of those products among the ").append(k)
                .append(" it would have recommended to them; on average ").append(percent(precision))
                .append(" of the ").append(k).append(" products recommended to each were bought.</p>").toString();
    }
}
