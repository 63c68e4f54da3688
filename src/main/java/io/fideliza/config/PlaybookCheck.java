package io.fideliza.config;

import io.fideliza.contract.Action;
import io.fideliza.contract.InputError;
import io.fideliza.segment.SegmentNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The playbook's shape at every level (sections, an action's keys, its timing, rules, contact policy,
 * measurement, care), and the names that may stand as keys or in lists (actions, segment names): a key or name
 * outside it is an error naming the file, the key path and the nearest known word, so a typo never silently
 * drops what it was meant to say.
 */
public final class PlaybookCheck {
    private PlaybookCheck() {
    }

    /** One level of the document. */
    private sealed interface Level permits Keys, Names, Value {
    }

    /** A mapping with these keys, each its own level; {@code what} says what holds them in a message. */
    private record Keys(String what, Map<String, Level> keys) implements Level {
    }

    /** A mapping whose keys are names ({@code known} null: any name), each holding {@code each}. */
    private record Names(String what, Predicate<String> known, List<String> suggestions, String knownAs, Level each)
            implements Level {
    }

    /** A value; {@code actions}: a list of action names; {@code conditions}: a rule's conditions. */
    private record Value(boolean actions, boolean conditions) implements Level {
    }

    private static final Value VALUE = new Value(false, false);
    private static final Value ACTIONS = new Value(true, false);

    static final List<String> ACTION_CODES = Arrays.stream(Action.values()).map(Action::code).toList();

    private static Keys keys(String what, Object... keyAndLevel) {
        Map<String, Level> m = new LinkedHashMap<>();
        for (int i = 0; i < keyAndLevel.length; i += 2) {
            m.put((String) keyAndLevel[i], (Level) keyAndLevel[i + 1]);
        }
        return new Keys(what, m);
    }

    private static Names actionNames(Level each) {
        return new Names("action", a -> ACTION_CODES.contains(a.toLowerCase(Locale.ROOT)), ACTION_CODES, "the actions are "
                + String.join(", ", ACTION_CODES), each);
    }

    /** A segment name the segmenter gives, or the playbook's default entry. */
    static boolean segmentName(String name) {
        return name.equals(Playbook.DEFAULT_SEGMENT) || SegmentNames.known(name);
    }

    static List<String> segmentSuggestions() {
        List<String> names = new ArrayList<>(SegmentNames.all());
        names.add(Playbook.DEFAULT_SEGMENT);
        return names;
    }

    static final String SEGMENTS_ARE = "segment names are those the segmenter gives: "
            + String.join(", ", SegmentNames.all()) + ", numbered when two segments fit one (\"Loyal 2\"); "
            + "and default";

    /** The playbook, as jobs/playbook.yaml documents it. */
    private static final Keys PLAYBOOK = keys("the playbook",
            "actions", actionNames(keys("an action", "channels", VALUE,
                    "timing", keys("timing", "after_days", VALUE, "days_before_due", VALUE,
                            "days_after_first_order", VALUE),
                    "products", VALUE, "offer", VALUE)),
            "segments", new Names("segment", PlaybookCheck::segmentName, segmentSuggestions(), SEGMENTS_ARE, ACTIONS),
            "rules", new Names("rule", null, List.of(), "", keys("a rule", "when", new Value(false, true),
                    "actions", ACTIONS)),
            ContactPolicy.SECTION, keys(ContactPolicy.SECTION, "caps", VALUE, "priority", ACTIONS,
                    "cooldowns", actionNames(VALUE)),
            Measurement.SECTION, keys(Measurement.SECTION,
                    "control_groups", keys("control_groups", "share", VALUE, "period", VALUE,
                            "by_action", actionNames(VALUE)),
                    "window_days", actionNames(VALUE), "refill_days_after_due", VALUE),
            CareRules.SECTION, keys(CareRules.SECTION,
                    "gestures", new Names("topic", null, List.of(), "", VALUE),
                    "voucher_from_spend", VALUE,
                    "feedback", keys("feedback", "after_ticket", VALUE, "days_after_resolution", VALUE,
                            "after_first_order", VALUE, "days_after_first_order", VALUE, "within_days", VALUE)));

    /**
     * Every problem of the playbook in {@code file}, one line each (file, key, what is wrong, did-you-mean);
     * empty when it is fit to run. Its keys and names first; when those hold, what binding it finds.
     */
    public static List<String> problems(Path file) {
        ConfigKeys c;
        try {
            c = ConfigKeys.fromFile(file);
        } catch (InputError e) {
            return List.of(e.getMessage());
        }
        List<String> problems = problems(c);
        if (problems.isEmpty()) {
            try {
                Playbook.from(c);
            } catch (InputError e) {
                return List.of(e.getMessage());
            }
        }
        return problems;
    }

    /** The key and name problems of a parsed playbook (none for merged keys, which have no document). */
    static List<String> problems(ConfigKeys c) {
        List<String> out = new ArrayList<>();
        if (c.tree() != null) {
            walk(c.tree(), PLAYBOOK, "", c.source(), out);
        }
        return out;
    }

    private static void walk(Object value, Level level, String path, String source, List<String> out) {
        if (level instanceof Keys k) {
            if (value instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    Level child = k.keys().get(key);
                    if (child == null) {
                        List<String> allowed = new ArrayList<>(k.keys().keySet());
                        out.add(unknown(source, path + key, "key", key, allowed,
                                k.what() + " has " + String.join(", ", allowed)));
                    } else {
                        walk(e.getValue(), child, path + key + ".", source, out);
                    }
                }
            }
        } else if (level instanceof Names n) {
            if (value instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    String name = String.valueOf(e.getKey());
                    if (n.known() != null && !n.known().test(name)) {
                        out.add(unknown(source, path + name, n.what(), name, n.suggestions(), n.knownAs()));
                    } else {
                        walk(e.getValue(), n.each(), path + name + ".", source, out);
                    }
                }
            }
        } else if (level instanceof Value v) {
            String key = path.isEmpty() ? path : path.substring(0, path.length() - 1);
            if (value instanceof Map<?, ?> m && !m.isEmpty() && !v.actions() && !v.conditions()) {
                out.add(source + ": " + key + ": takes a value, not keys (" + m.keySet() + ")");
            }
            if (v.actions() && value instanceof List<?> list) {
                for (Object o : list) {
                    String name = String.valueOf(o).trim();
                    if (!ACTION_CODES.contains(name.toLowerCase(Locale.ROOT))) {
                        out.add(unknown(source, key, "action", name, ACTION_CODES,
                                "the actions are " + String.join(", ", ACTION_CODES)));
                    }
                }
            }
            if (v.conditions() && value instanceof List<?> list) {
                for (Object o : list) {
                    segmentCondition(String.valueOf(o)).filter(s -> !segmentName(s))
                            .ifPresent(s -> out.add(unknown(source, key, "segment", s, segmentSuggestions(),
                                    SEGMENTS_ARE)));
                }
            }
        }
    }

    private static final Pattern SEGMENT_CONDITION = Pattern.compile(
            "^\\s*" + TargetingRule.SEGMENT_NAME + "\\s*(==|!=)\\s*(.+?)\\s*$");

    /** The segment name a condition compares segment_name with, if it does. */
    private static java.util.Optional<String> segmentCondition(String condition) {
        Matcher m = SEGMENT_CONDITION.matcher(condition);
        return m.matches() ? java.util.Optional.of(m.group(2).replaceAll("^[\"']|[\"']$", ""))
                : java.util.Optional.empty();
    }

    /** "FILE: KEY: unknown WHAT 'NAME', did you mean 'X'?", or, with nothing close, what is known. */
    static String unknown(String source, String key, String what, String name, List<String> known, String knownAs) {
        String near = nearest(name, known);
        return source + ": " + key + ": unknown " + what + " '" + name + "'"
                + (near != null ? ", did you mean '" + near + "'?" : knownAs.isEmpty() ? "" : " (" + knownAs + ")");
    }

    /** The known word closest to {@code word} (edit distance, ignoring case), if it is close enough to be a typo. */
    static String nearest(String word, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = word.toLowerCase(Locale.ROOT);
        for (String k : known) {
            int d = distance(w, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        // A third of the word (at least one letter) may be wrong: "ofer", "Hibernatng", "win_bak", "cooldown".
        return best != null && bestDistance <= Math.max(1, w.length() / 3) ? best : null;
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
