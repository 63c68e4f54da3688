package io.fideliza.config;

import io.fideliza.contract.InputError;
import io.fideliza.contract.SurveyKind;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The playbook's care section: the gesture the care queue suggests per ticket topic and customer value, and the
 * satisfaction requests (action feedback_request): which survey after a resolved ticket and after a first order,
 * and how many days after it.
 *
 * @param gestures            per ticket topic (key "default" for the others): apology, callback, replacement...
 * @param voucherFromSpend    customers who spent at least this get a voucher as well
 * @param afterTicket         the survey asked after a resolved ticket: csat or ces
 * @param daysAfterResolution days from the resolution to the request
 * @param afterFirstOrder     the survey asked after a first order: nps or csat
 * @param daysAfterFirstOrder days from the first order to the request
 * @param withinDays          events older than this are not asked about; an answer since the event means no request
 */
public record CareRules(Map<String, String> gestures, double voucherFromSpend, SurveyKind afterTicket,
                        int daysAfterResolution, SurveyKind afterFirstOrder, int daysAfterFirstOrder, int withinDays)
        implements Serializable {

    public static final String VOUCHER = "voucher";
    static final String SECTION = "care";

    /** The gesture for a ticket of {@code topic} from a customer worth {@code value}. */
    public String gesture(String topic, double value) {
        String g = gestures.getOrDefault(topic == null ? CareSettings.DEFAULT_TOPIC : topic,
                gestures.get(CareSettings.DEFAULT_TOPIC));
        return value >= voucherFromSpend && !g.equals(VOUCHER) ? g + " + " + VOUCHER : g;
    }

    /** The section from {@code c}; keys it leaves out come from the packaged playbook. */
    static CareRules from(ConfigKeys c, ConfigKeys packaged) {
        ConfigKeys k = c.children(SECTION).isEmpty() ? packaged : packaged.overriddenBy(c.only(SECTION),
                java.util.Set.of(SECTION + ".gestures."));
        Map<String, String> gestures = new TreeMap<>();
        for (String topic : k.children("care.gestures")) {
            gestures.put(topic, k.string("care.gestures." + topic));
        }
        if (!gestures.containsKey(CareSettings.DEFAULT_TOPIC)) {
            throw new InputError(c.source() + ": care.gestures needs a 'default' entry");
        }
        return new CareRules(Map.copyOf(gestures), k.number("care.voucher_from_spend"),
                survey(k, "care.feedback.after_ticket", List.of(SurveyKind.CSAT, SurveyKind.CES)),
                k.integer("care.feedback.days_after_resolution"),
                survey(k, "care.feedback.after_first_order", List.of(SurveyKind.NPS, SurveyKind.CSAT)),
                k.integer("care.feedback.days_after_first_order"), k.integer("care.feedback.within_days"));
    }

    private static SurveyKind survey(ConfigKeys k, String key, List<SurveyKind> allowed) {
        return SurveyKind.fromCode(k.oneOf(key, allowed.stream().map(SurveyKind::code).toList()));
    }
}
