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

/**
 * What each segment gets: per action its channels, timing, product count and offer; per segment its
 * actions; and rules that target customers by behaviour, checked before the segment lists.
 */
public record Playbook(Map<Action, ActionRule> actions, Map<String, List<Action>> segments, List<TargetingRule> rules,
                       ContactPolicy contactPolicy, Measurement measurement, CareRules care) implements Serializable {

    /** A playbook without caps, cooldowns or control groups, with the packaged care section. */
    public Playbook(Map<Action, ActionRule> actions, Map<String, List<Action>> segments, List<TargetingRule> rules) {
        this(actions, segments, rules, ContactPolicy.NONE, Measurement.NONE, packagedCare());
    }

    /** A playbook with the packaged care section. */
    public Playbook(Map<Action, ActionRule> actions, Map<String, List<Action>> segments, List<TargetingRule> rules,
                    ContactPolicy contactPolicy, Measurement measurement) {
        this(actions, segments, rules, contactPolicy, measurement, packagedCare());
    }

    /** This playbook with another contact policy and measurement (tests, and what-if runs). */
    public Playbook with(ContactPolicy policy, Measurement measure) {
        return new Playbook(actions, segments, rules, policy, measure, care);
    }

    private static CareRules packagedCare() {
        ConfigKeys packaged = ConfigKeys.fromClasspath(PACKAGED);
        return CareRules.from(packaged, packaged);
    }

    public static final String DEFAULT_SEGMENT = "default";
    /** The packaged playbook (jobs/playbook.yaml): where sections a playbook leaves out come from. */
    static final String PACKAGED = "/fideliza/playbook.yaml";

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

    /** The first rule whose conditions hold for a customer with these values (see {@link #ruleColumns()}). */
    public java.util.Optional<TargetingRule> ruleFor(Map<String, String> values) {
        return rules.stream().filter(r -> r.matches(values)).findFirst();
    }

    /** The columns the rules compare, each once, in the order the rules name them. */
    public List<String> ruleColumns() {
        return rules.stream().flatMap(r -> r.conditions().stream()).map(TargetingRule.Condition::column).distinct()
                .toList();
    }

    public ActionRule rule(Action action) {
        return actions.get(action);
    }

    /** A playbook from YAML text; {@code source} names it in error messages. */
    public static Playbook fromYaml(String yaml, String source) {
        return from(ConfigKeys.parse(yaml, source));
    }

    static Playbook from(ConfigKeys c) {
        for (String key : c.keys()) {
            String[] parts = key.split("\\.");
            if (!List.of("actions", "segments", "rules", ContactPolicy.SECTION, Measurement.SECTION, CareRules.SECTION)
                    .contains(parts[0])) {
                throw new InputError(c.source() + ": unknown playbook key '" + parts[0]
                        + "' (the playbook has actions, segments, rules, contact_policy, measurement and care)");
            }
            if (parts[0].equals("rules") && parts.length > 2 && !List.of("when", "actions").contains(parts[2])) {
                throw new InputError(c.source() + ": unknown key '" + key + "' (a rule has when and actions)");
            }
        }
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
        ConfigKeys packaged = c.source().equals(PACKAGED) ? c : ConfigKeys.fromClasspath(PACKAGED);
        if (!actions.containsKey(Action.FEEDBACK_REQUEST)) {
            // Playbooks written before satisfaction requests existed get the packaged entry.
            actions.put(Action.FEEDBACK_REQUEST, from(packaged).rule(Action.FEEDBACK_REQUEST));
        }
        for (Action a : Action.values()) {
            if (!actions.containsKey(a)) {
                throw new InputError(c.source() + ": the playbook has no entry for action '" + a.code() + "'");
            }
        }
        Map<String, List<Action>> segments = new LinkedHashMap<>();
        for (String segment : c.children("segments")) {
            segments.put(segment, actionList(c, "segments." + segment));
        }
        if (!segments.containsKey(DEFAULT_SEGMENT)) {
            throw new InputError(c.source() + ": the playbook needs a 'default' entry under segments");
        }
        List<TargetingRule> rules = new ArrayList<>();
        for (String name : c.children("rules")) {
            String p = "rules." + name;
            List<TargetingRule.Condition> conditions = new ArrayList<>();
            for (String text : c.strings(p + ".when")) {
                conditions.add(TargetingRule.Condition.parse(text, c.source() + ": " + p + ".when"));
            }
            if (conditions.isEmpty()) {
                throw new InputError(c.source() + ": " + p + ".when: a rule needs at least one condition");
            }
            rules.add(new TargetingRule(name, List.copyOf(conditions), actionList(c, p + ".actions")));
        }
        // A playbook that leaves out contact_policy or measurement (or some of their keys) gets the packaged
        // defaults: caps, cooldowns and control groups are on unless a playbook turns them off.
        return new Playbook(Map.copyOf(actions), segments, List.copyOf(rules), ContactPolicy.from(c, packaged),
                Measurement.from(c, packaged), CareRules.from(c, packaged));
    }

    /** A list of marketing actions under {@code key}; service recovery is never listed: it always comes first. */
    private static List<Action> actionList(ConfigKeys c, String key) {
        List<Action> list = new ArrayList<>();
        for (String name : c.strings(key)) {
            Action a = parseAction(c, name);
            if (a == Action.SERVICE_RECOVERY) {
                throw new InputError(c.source() + ": " + key
                        + ": service_recovery always comes first and is not listed per segment or rule");
            }
            list.add(a);
        }
        return List.copyOf(list);
    }

    private static Action parseAction(ConfigKeys c, String name) {
        try {
            return Action.fromCode(name);
        } catch (IllegalArgumentException e) {
            throw new InputError(c.source() + ": unknown action '" + name + "'");
        }
    }
}
