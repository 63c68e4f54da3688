package io.fideliza.config;

import io.fideliza.contract.InputError;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The care team's service targets and follow-up windows (job config section {@code care}, documented with its
 * defaults in jobs/nightly.yaml): what makes a ticket late, a rating bad, and how long a bad one is followed up.
 *
 * @param firstResponseHours a ticket's first reply is due within this many hours of its opening
 * @param resolutionHours    per topic (key "default" for the others), the hours within which it is to be resolved
 * @param lowCsat            a ticket CSAT (or CSAT answer) at or below this is a bad rating
 * @param answerWindowDays   a survey answer this many days after a ticket's resolution is about that ticket
 * @param followUpDays       a badly rated ticket stays in the queue this many days after the rating
 */
public record CareSettings(int firstResponseHours, Map<String, Integer> resolutionHours, int lowCsat,
                           int answerWindowDays, int followUpDays) implements Serializable {

    public static final String DEFAULT_TOPIC = "default";
    static final String SECTION = "care";
    /** Topics are the user's words: a config may name any under resolution_hours. */
    static final String OPEN_PREFIX = "care.targets.resolution_hours.";

    /** The resolution target of a topic (null or unlisted: the default). */
    public int resolutionHours(String topic) {
        return resolutionHours.getOrDefault(topic == null ? DEFAULT_TOPIC : topic, resolutionHours.get(DEFAULT_TOPIC));
    }

    static CareSettings from(ConfigKeys c) {
        Map<String, Integer> byTopic = new TreeMap<>();
        for (String topic : c.children("care.targets.resolution_hours")) {
            byTopic.put(topic, positive(c, "care.targets.resolution_hours." + topic));
        }
        if (!byTopic.containsKey(DEFAULT_TOPIC)) {
            throw new InputError(c.source() + ": care.targets.resolution_hours needs a 'default' entry");
        }
        return new CareSettings(positive(c, "care.targets.first_response_hours"), Map.copyOf(byTopic),
                c.integer("care.low_csat"), positive(c, "care.answer_window_days"), positive(c, "care.follow_up_days"));
    }

    private static int positive(ConfigKeys c, String key) {
        int v = c.integer(key);
        if (v <= 0) {
            throw new InputError(c.source() + ": config key '" + key + "' must be above 0, not " + v);
        }
        return v;
    }
}
