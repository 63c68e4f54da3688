package io.fideliza.config;

import io.fideliza.contract.Action;
import io.fideliza.contract.InputError;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How often a customer may hear from us (playbook section {@code contact_policy}): caps on marketing contacts
 * per period, which actions win when a cap binds, and a cooldown per action before it is sent again.
 *
 * @param caps            at most {@code contacts} marketing contacts in any {@code days} days in a row
 * @param priority        actions that may use every contact a cap allows; the others stop one short of a cap of
 *                        two or more, keeping its last contact free for these
 * @param cooldowns       per action, how long before the same customer gets it again (absent: no cooldown)
 */
public record ContactPolicy(List<Cap> caps, Set<Action> priority, Map<Action, Cooldown> cooldowns)
        implements Serializable {

    /** At most {@code contacts} marketing contacts in any window of {@code days} consecutive days. */
    public record Cap(int contacts, int days) implements Serializable {
    }

    /** How an action's cooldown is counted. */
    public enum CooldownKind {
        /** Not again within {@code days} days of the previous one. */
        DAYS,
        /** Never twice. */
        ONCE,
        /** Not again until a cart is abandoned after the previous reminder (cart recovery only). */
        NEW_CART
    }

    public record Cooldown(CooldownKind kind, int days) implements Serializable {
        /** As the playbook writes it: a number of days, once or new_cart. */
        public String describe() {
            return switch (kind) {
                case DAYS -> days + " days";
                case ONCE -> "once";
                case NEW_CART -> "once per abandoned cart";
            };
        }
    }

    /** No caps and no cooldowns: every night may plan anything. */
    public static final ContactPolicy NONE = new ContactPolicy(List.of(), Set.of(), Map.of());

    static final String SECTION = "contact_policy";
    static final List<String> KEYS = List.of("caps", "priority", "cooldowns");

    /** The policy in {@code c}; keys it leaves out come from {@code defaults} (the packaged playbook). */
    static ContactPolicy from(ConfigKeys c, ConfigKeys defaults) {
        for (String key : c.keys()) {
            String[] parts = key.split("\\.");
            if (parts[0].equals(SECTION) && (parts.length < 2 || !KEYS.contains(parts[1]))) {
                throw new InputError(c.source() + ": unknown key '" + key + "' (" + SECTION + " has "
                        + String.join(", ", KEYS) + ")");
            }
        }
        ConfigKeys capsFrom = c.has(SECTION + ".caps") ? c : defaults;
        List<Cap> caps = new ArrayList<>();
        Object raw = capsFrom.raw(SECTION + ".caps");
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> m) || !(m.get("contacts") instanceof Integer n)
                        || !(m.get("days") instanceof Integer d) || m.size() != 2 || n < 1 || d < 1) {
                    throw new InputError(capsFrom.source() + ": " + SECTION + ".caps: each cap is "
                            + "{contacts: N, days: D} with N and D whole numbers of at least 1, not '" + o + "'");
                }
                caps.add(new Cap(n, d));
            }
        } else if (raw != null) {
            throw new InputError(capsFrom.source() + ": " + SECTION + ".caps must be a list of {contacts: N, days: D}");
        }
        ConfigKeys priorityFrom = c.has(SECTION + ".priority") ? c : defaults;
        Set<Action> priority = EnumSet.noneOf(Action.class);
        if (priorityFrom.has(SECTION + ".priority")) {
            for (String name : priorityFrom.strings(SECTION + ".priority")) {
                priority.add(marketingAction(priorityFrom, SECTION + ".priority", name));
            }
        }
        Map<Action, Cooldown> cooldowns = new EnumMap<>(Action.class);
        for (ConfigKeys from : List.of(defaults, c)) { // the user's entries over the packaged ones
            for (String name : from.children(SECTION + ".cooldowns")) {
                String key = SECTION + ".cooldowns." + name;
                Action action = marketingAction(from, key, name);
                cooldowns.put(action, cooldown(from, key, action));
            }
        }
        return new ContactPolicy(List.copyOf(caps), Set.copyOf(priority), Map.copyOf(cooldowns));
    }

    private static Cooldown cooldown(ConfigKeys c, String key, Action action) {
        Object v = c.raw(key);
        if (v instanceof Integer days && days >= 0) {
            return new Cooldown(CooldownKind.DAYS, days);
        }
        String text = String.valueOf(v).toLowerCase(Locale.ROOT);
        if (text.equals("once")) {
            return new Cooldown(CooldownKind.ONCE, 0);
        }
        if (text.equals("new_cart") && action == Action.CART_RECOVERY) {
            return new Cooldown(CooldownKind.NEW_CART, 0);
        }
        throw new InputError(c.source() + ": " + key + " must be a number of days"
                + (action == Action.CART_RECOVERY ? ", once or new_cart" : " or once") + ", not '" + v + "'");
    }

    private static Action marketingAction(ConfigKeys c, String key, String name) {
        Action a;
        try {
            a = Action.fromCode(name);
        } catch (IllegalArgumentException e) {
            throw new InputError(c.source() + ": " + key + ": unknown action '" + name + "'");
        }
        if (!a.isMarketing()) {
            throw new InputError(c.source() + ": " + key + ": service_recovery is not marketing: no cap or cooldown "
                    + "applies to it (it is not repeated while its problem stands and was already contacted)");
        }
        return a;
    }

    public Cooldown cooldown(Action action) {
        return cooldowns.getOrDefault(action, new Cooldown(CooldownKind.DAYS, 0));
    }
}
