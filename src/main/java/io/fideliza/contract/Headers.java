package io.fideliza.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules for an input file's column names: every required column present, no name twice, and no name
 * that nearly spells a missing contract column (a misspelt consent column must not silently mean "absent").
 * Names are compared trimmed and lower-cased; other columns are allowed and ignored.
 */
public final class Headers {
    /** Contract names shorter than this are not checked for near misses: "id" is near too much. */
    private static final int NEAR_MISS_MIN_LENGTH = 4;
    private static final int NEAR_MISS_EDITS = 2;

    private Headers() {
    }

    /** The header as the pipeline compares it: trimmed, lower case. */
    public static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    /** Checks a file's normalised column names; throws an {@link InputError} naming the file and the column. */
    public static void check(InputDataset dataset, List<String> header, String file) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Integer earlier = first.putIfAbsent(header.get(i), i);
            if (earlier != null && !header.get(i).isEmpty()) {
                throw new InputError(file + ": column '" + header.get(i) + "' appears twice in the header (columns "
                        + (earlier + 1) + " and " + (i + 1) + "); keep one");
            }
        }
        for (String column : dataset.columnNames()) {
            if (header.contains(column)) {
                continue;
            }
            for (String name : header) {
                if (!dataset.columnNames().contains(name) && nearMiss(name, column)) {
                    throw new InputError(file + ": column '" + name + "' looks like the contract's '" + column
                            + "', which is missing; rename it to '" + column + "' (a column the contract does not know"
                            + " is ignored)");
                }
            }
        }
        if (header.size() == 1) {
            // One column that holds the others' names: the file is delimited with something else than a comma.
            String only = header.get(0);
            for (String[] d : new String[][] {{";", "semicolon (;)"}, {"\t", "tab"}, {"|", "pipe (|)"}}) {
                if (only.contains(d[0])) {
                    throw new InputError(file + ": the header is one column holding '" + d[0].replace("\t", "\\t")
                            + "': the file is delimited with a " + d[1] + ", not a comma; the contract's CSV is "
                            + "comma-separated (export it with commas)");
                }
            }
        }
        for (String required : dataset.requiredColumns()) {
            if (!header.contains(required)) {
                throw new InputError(file + ": required column '" + required + "' is missing (header: "
                        + String.join(",", header) + ")");
            }
        }
    }

    /** Whether {@code name} is {@code column} misspelt: the same letters apart from spaces, dashes and underscores, or an edit or two away. */
    static boolean nearMiss(String name, String column) {
        if (column.length() < NEAR_MISS_MIN_LENGTH) {
            return false;
        }
        return squash(name).equals(squash(column)) || editDistance(name, column, NEAR_MISS_EDITS) <= NEAR_MISS_EDITS;
    }

    private static String squash(String s) {
        return s.replaceAll("[\\s_\\-]", "");
    }

    /** Levenshtein distance, or {@code limit + 1} once it is known to exceed {@code limit}. */
    static int editDistance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    /** The names of a header, normalised. */
    public static List<String> normalised(Iterable<String> names) {
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add(normalise(n)));
        return out;
    }
}
