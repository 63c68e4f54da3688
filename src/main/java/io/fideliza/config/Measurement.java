package io.fideliza.config;

import io.fideliza.contract.Action;
import io.fideliza.contract.InputError;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the playbook's actions are measured (playbook section {@code measurement}): the share of the customers
 * each action picks that is held out as a control group, the period a customer stays in or out of it, and how
 * long after sending each action is judged.
 *
 * @param controlShare         the share held out of every action not in {@code controlShareByAction}
 * @param controlShareByAction per action shares (service recovery: 0 by default)
 * @param period               a customer stays in or out of an action's control group for this calendar period
 * @param windowDays           per action, the days from the send date in which its goal counts
 * @param refillDaysAfterDue   a refill reminder is judged until this many days after the refill's due date
 */
public record Measurement(double controlShare, Map<Action, Double> controlShareByAction, ControlPeriod period,
                          Map<Action, Integer> windowDays, int refillDaysAfterDue) implements Serializable {

    /** The calendar period a control draw holds for. */
    public enum ControlPeriod {
        MONTH, QUARTER, YEAR;

        /** The period a day falls in, as text: 2026-07, 2026-Q3, 2026. */
        public String label(LocalDate day) {
            return switch (this) {
                case MONTH -> String.format(Locale.ROOT, "%d-%02d", day.getYear(), day.getMonthValue());
                case QUARTER -> day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
                case YEAR -> String.valueOf(day.getYear());
            };
        }

        /** The first day of the period {@code day} falls in. */
        public LocalDate first(LocalDate day) {
            return switch (this) {
                case MONTH -> day.withDayOfMonth(1);
                case QUARTER -> LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
                case YEAR -> LocalDate.of(day.getYear(), 1, 1);
            };
        }
    }

    /** No control groups, and every action judged over 30 days. */
    public static final Measurement NONE = new Measurement(0.0, Map.of(), ControlPeriod.QUARTER, Map.of(), 7);

    static final String SECTION = "measurement";
    static final List<String> KEYS = List.of("control_groups", "window_days", "refill_days_after_due");
    static final List<String> CONTROL_KEYS = List.of("share", "period", "by_action");
    static final int DEFAULT_WINDOW_DAYS = 30;

    /** The control share of an action. */
    public double controlShare(Action action) {
        return controlShareByAction.getOrDefault(action, controlShare);
    }

    public int windowDays(Action action) {
        return windowDays.getOrDefault(action, DEFAULT_WINDOW_DAYS);
    }

    /** The measurement in {@code c}; keys it leaves out come from {@code defaults} (the packaged playbook). */
    static Measurement from(ConfigKeys c, ConfigKeys defaults) {
        for (String key : c.keys()) {
            String[] parts = key.split("\\.");
            if (!parts[0].equals(SECTION)) {
                continue;
            }
            if (parts.length < 2 || !KEYS.contains(parts[1])) {
                throw new InputError(c.source() + ": unknown key '" + key + "' (" + SECTION + " has "
                        + String.join(", ", KEYS) + ")");
            }
            if (parts[1].equals("control_groups") && (parts.length < 3 || !CONTROL_KEYS.contains(parts[2]))) {
                throw new InputError(c.source() + ": unknown key '" + key + "' (control_groups has "
                        + String.join(", ", CONTROL_KEYS) + ")");
            }
        }
        String share = SECTION + ".control_groups.share";
        ConfigKeys shareFrom = c.has(share) ? c : defaults;
        double controlShare = share(shareFrom, share);
        String periodKey = SECTION + ".control_groups.period";
        ConfigKeys periodFrom = c.has(periodKey) ? c : defaults;
        ControlPeriod period = ControlPeriod.valueOf(periodFrom.oneOf(periodKey, List.of("month", "quarter", "year"))
                .toUpperCase(Locale.ROOT));
        Map<Action, Double> byAction = new EnumMap<>(Action.class);
        Map<Action, Integer> windows = new EnumMap<>(Action.class);
        for (ConfigKeys from : List.of(defaults, c)) { // the user's entries over the packaged ones
            for (String name : from.children(SECTION + ".control_groups.by_action")) {
                String key = SECTION + ".control_groups.by_action." + name;
                byAction.put(action(from, key, name), share(from, key));
            }
            for (String name : from.children(SECTION + ".window_days")) {
                String key = SECTION + ".window_days." + name;
                Action a = action(from, key, name);
                if (a == Action.REPLENISHMENT_REMINDER) {
                    throw new InputError(from.source() + ": " + key + ": a refill reminder is judged until "
                            + SECTION + ".refill_days_after_due days after the refill's due date");
                }
                int days = from.integer(key);
                if (days < 1) {
                    throw new InputError(from.source() + ": " + key + " must be at least 1 day, not " + days);
                }
                windows.put(a, days);
            }
        }
        String afterDue = SECTION + ".refill_days_after_due";
        int refillDaysAfterDue = (c.has(afterDue) ? c : defaults).integer(afterDue);
        if (refillDaysAfterDue < 0) {
            throw new InputError(c.source() + ": " + afterDue + " must be 0 or more");
        }
        return new Measurement(controlShare, Map.copyOf(byAction), period, Map.copyOf(windows), refillDaysAfterDue);
    }

    private static double share(ConfigKeys c, String key) {
        double v = c.number(key);
        if (v < 0 || v >= 1) {
            throw new InputError(c.source() + ": " + key + " must be a share from 0 (no control group) to below 1, "
                    + "not " + v);
        }
        return v;
    }

    private static Action action(ConfigKeys c, String key, String name) {
        try {
            return Action.fromCode(name);
        } catch (IllegalArgumentException e) {
            throw new InputError(c.source() + ": " + key + ": unknown action '" + name + "'");
        }
    }
}
