package io.fideliza.config;

import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.contract.InputError;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each segment gets: per action its channels, timing, product count and offer; per segment its actions. */
public record Playbook(Map<Action, ActionRule> actions, Map<String, List<Action>> segments) implements Serializable {

    public static final String DEFAULT_SEGMENT = "default";

    /** When an action is sent, relative to the run date, the due date or the first order. */
    public enum TimingBase { AFTER_RUN_DATE, BEFORE_DUE, AFTER_FIRST_ORDER }

    public record Timing(TimingBase base, int days) implements Serializable {
    }

    public record ActionRule(Action action, List<Channel> channels, Timing timing, int products, String offer)
            implements Serializable {
    }

    /** The marketing actions to try for a segment, in order. */
    public List<Action> actionsFor(String segmentName) {
        return segments.getOrDefault(segmentName, segments.get(DEFAULT_SEGMENT));
    }

    public ActionRule rule(Action action) {
        return actions.get(action);
    }

    static Playbook from(ConfigKeys c) {
        Map<Action, ActionRule> actions = new EnumMap<>(Action.class);
        for (String name : c.children("actions")) {
            Action action = parseAction(c, name);
            String p = "actions." + name;
            List<Channel> channels = new ArrayList<>();
            for (String ch : c.strings(p + ".channels")) {
                try {
                    channels.add(Channel.fromCode(ch));
                } catch (IllegalArgumentException e) {
                    throw new InputError(c.source() + ": " + p + ".channels: unknown channel '" + ch + "'");
                }
            }
            Timing timing;
            if (c.has(p + ".timing.days_before_due")) {
                timing = new Timing(TimingBase.BEFORE_DUE, c.integer(p + ".timing.days_before_due"));
            } else if (c.has(p + ".timing.days_after_first_order")) {
                timing = new Timing(TimingBase.AFTER_FIRST_ORDER, c.integer(p + ".timing.days_after_first_order"));
            } else {
                timing = new Timing(TimingBase.AFTER_RUN_DATE, c.integer(p + ".timing.after_days"));
            }
            actions.put(action, new ActionRule(action, List.copyOf(channels), timing, c.integer(p + ".products"),
                    c.stringOrNull(p + ".offer")));
        }
        for (Action a : Action.values()) {
            if (!actions.containsKey(a)) {
                throw new InputError(c.source() + ": the playbook has no entry for action '" + a.code() + "'");
            }
        }
        Map<String, List<Action>> segments = new LinkedHashMap<>();
        for (String segment : c.children("segments")) {
            List<Action> list = new ArrayList<>();
            for (String name : c.strings("segments." + segment)) {
                Action a = parseAction(c, name);
                if (a == Action.SERVICE_RECOVERY) {
                    throw new InputError(c.source() + ": segments." + segment
                            + ": service_recovery always comes first and is not listed per segment");
                }
                list.add(a);
            }
            segments.put(segment, List.copyOf(list));
        }
        if (!segments.containsKey(DEFAULT_SEGMENT)) {
            throw new InputError(c.source() + ": the playbook needs a 'default' entry under segments");
        }
        return new Playbook(Map.copyOf(actions), segments);
    }

    private static Action parseAction(ConfigKeys c, String name) {
        try {
            return Action.fromCode(name);
        } catch (IllegalArgumentException e) {
            throw new InputError(c.source() + ": unknown action '" + name + "'");
        }
    }
}
