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
        /**
         * The send date: {@code days} after the run date; or before the due date ({@code due}: the earliest due
         * consumable) or after the first order ({@code firstOrder}), never before the day after the run date,
         * since a plan cannot reach anyone on a day that has passed. A base the action has no date for (null)
         * counts from the run date.
         */
        public java.time.LocalDate sendOn(java.time.LocalDate runDate, java.time.LocalDate due,
                                          java.time.LocalDate firstOrder) {
            java.time.LocalDate day = switch (base) {
                case BEFORE_DUE -> due == null ? null : due.minusDays(days);
                case AFTER_FIRST_ORDER -> firstOrder == null ? null : firstOrder.plusDays(days);
                case AFTER_RUN_DATE -> null;
            };
            if (day == null) {
                return runDate.plusDays(days);
            }
            java.time.LocalDate tomorrow = runDate.plusDays(1);
            return day.isBefore(tomorrow) ? tomorrow : day;
        }
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
        List<String> problems = PlaybookCheck.problems(c);
        if (!problems.isEmpty()) {
            throw new InputError(problems.get(0)); // one line; `fideliza playbook check` lists them all
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
            Timing timing = timing(c, p + ".timing", action);
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
            throw new InputError(PlaybookCheck.unknown(c.source(), "actions", "action", name,
                    PlaybookCheck.ACTION_CODES, ""));
        }
    }

    /**
     * An action's timing: exactly one of after_days (any action), days_before_due (the refill reminder, which has
     * a due date) and days_after_first_order (onboarding, which has a first order).
     */
    private static Timing timing(ConfigKeys c, String key, Action action) {
        List<String> given = c.children(key);
        if (given.size() != 1) {
            throw new InputError(c.source() + ": " + key + ": give exactly one of after_days, days_before_due, "
                    + "days_after_first_order, not " + (given.isEmpty() ? "none" : String.join(" and ", given)));
        }
        String name = given.get(0);
        int days = c.integer(key + "." + name);
        if (days < 0) {
            throw new InputError(c.source() + ": " + key + "." + name + " must be 0 or more, not " + days);
        }
        TimingBase base = switch (name) {
            case "days_before_due" -> TimingBase.BEFORE_DUE;
            case "days_after_first_order" -> TimingBase.AFTER_FIRST_ORDER;
            default -> TimingBase.AFTER_RUN_DATE;
        };
        if (base == TimingBase.BEFORE_DUE && action != Action.REPLENISHMENT_REMINDER
                || base == TimingBase.AFTER_FIRST_ORDER && action != Action.ONBOARDING) {
            throw new InputError(c.source() + ": " + key + "." + name + ": only "
                    + (base == TimingBase.BEFORE_DUE ? "replenishment_reminder has a due date" : "onboarding has a "
                    + "first order to count from") + "; use after_days");
        }
        return new Timing(base, days);
    }
}
