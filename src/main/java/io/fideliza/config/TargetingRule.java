package io.fideliza.config;

import io.fideliza.contract.Action;
import io.fideliza.contract.Columns;
import io.fideliza.contract.FeatureColumns;
import io.fideliza.contract.InputError;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A playbook rule that targets customers by behaviour rather than by segment: when all its conditions
 * hold for a customer, its actions replace the segment's list for that customer.
 *
 * @param name       the rule's name, written to the plan (action_plans.playbook_rule)
 * @param conditions all must hold
 * @param actions    the marketing actions to try, in order, as in a segment's list
 */
public record TargetingRule(String name, List<Condition> conditions, List<Action> actions) implements Serializable {

    /** A column a condition may name besides the features: the segment the customer is in this run. */
    public static final String SEGMENT_NAME = Columns.SEGMENT_NAME;
    /**
     * The columns of {@code segments} a condition may name besides segment_name: the customer's lifecycle inside
     * the segment and the RFM view (docs/segmentation.md, "Lifecycle inside a segment").
     */
    public static final List<String> SEGMENT_COLUMNS = List.of(Columns.LIFECYCLE, "rfm_segment", "r_score", "f_score",
            "m_score");
    private static final Pattern CONDITION = Pattern.compile("^\\s*([a-z_]+)\\s*(>=|<=|==|!=|>|<)\\s*(.+?)\\s*$");

    /** Whether every condition holds for a customer whose values (as text, null when missing) are given. */
    public boolean matches(Map<String, String> values) {
        return conditions.stream().allMatch(c -> c.holds(values.get(c.column())));
    }

    /** The comparisons a condition may make, as written in the playbook. */
    public enum Comparison {
        AT_LEAST(">="), AT_MOST("<="), ABOVE(">"), BELOW("<"), EQUAL("=="), NOT_EQUAL("!=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** The comparison a symbol the condition pattern matched names. */
        static Comparison of(String symbol) {
            for (Comparison c : values()) {
                if (c.symbol.equals(symbol)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("not a comparison: " + symbol);
        }
    }

    /**
     * {@code column op value}: {@code orders >= 3}, {@code nps_group == detractor},
     * {@code repeat_customer == true}. Numbers compare as numbers; other values only with {@code ==}
     * and {@code !=}, as text. A customer without a value (null) never satisfies a condition.
     */
    public record Condition(String column, Comparison op, String value) implements Serializable {

        public boolean holds(String actual) {
            if (actual == null) {
                return false;
            }
            Double wanted = number(value);
            if (wanted != null) {
                Double have = number(actual);
                if (have == null) {
                    return false;
                }
                int cmp = Double.compare(have, wanted);
                return switch (op) {
                    case AT_LEAST -> cmp >= 0;
                    case AT_MOST -> cmp <= 0;
                    case ABOVE -> cmp > 0;
                    case BELOW -> cmp < 0;
                    case EQUAL -> cmp == 0;
                    case NOT_EQUAL -> cmp != 0;
                };
            }
            boolean equal = actual.equalsIgnoreCase(value);
            return (op == Comparison.EQUAL) == equal;
        }

        @Override
        public String toString() {
            return column + " " + op.symbol() + " " + value;
        }

        /** Parses {@code text}; {@code where} names the playbook key for the error message. */
        static Condition parse(String text, String where) {
            Matcher m = CONDITION.matcher(text);
            if (!m.matches()) {
                throw new InputError(where + ": '" + text + "' is not a condition like 'orders >= 3'");
            }
            String column = m.group(1);
            Comparison op = Comparison.of(m.group(2));
            String value = m.group(3).replaceAll("^[\"']|[\"']$", "");
            boolean feature = FeatureColumns.ALL.contains(column) || FeatureColumns.CONTACT_HISTORY.contains(column);
            if (!column.equals(SEGMENT_NAME) && !SEGMENT_COLUMNS.contains(column) && (!feature
                    || column.equals(FeatureColumns.RECENT_ABANDONED_PRODUCT_IDS) || column.equals(Columns.CUSTOMER_ID))) {
                throw new InputError(where + ": '" + column + "' is not a customer_features column a rule can compare"
                        + " (see README, customer_features; or segment_name, lifecycle, rfm_segment, r_score, f_score,"
                        + " m_score)");
            }
            if (op != Comparison.EQUAL && op != Comparison.NOT_EQUAL && number(value) == null) {
                throw new InputError(where + ": '" + text + "': " + op.symbol() + " compares numbers, and '" + value
                        + "' is not a number");
            }
            return new Condition(column, op, value); // text compares ignoring case in holds(): TRUE == true
        }

        private static Double number(String s) {
            try {
                return Double.valueOf(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
