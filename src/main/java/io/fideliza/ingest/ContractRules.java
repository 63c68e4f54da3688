package io.fideliza.ingest;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.fideliza.contract.Field;
import io.fideliza.contract.InputDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;

/**
 * The contract's row rules, per input dataset, in the order they are checked: the first rule a row
 * breaks is its reason. Typed values are in columns named {@link #typed(String)}.
 */
final class ContractRules {
    static final Set<String> EVENT_TYPES = Set.of("view", "cart_add", "cart_remove", "checkout", "search", "wishlist");
    static final Set<String> EVENTS_WITH_PRODUCT = Set.of("view", "cart_add", "cart_remove", "wishlist");
    static final Set<String> ORDER_STATUSES = Set.of("completed", "cancelled", "returned");
    static final Set<String> SURVEY_KINDS = Set.of("nps", "csat", "ces");

    private ContractRules() {
    }

    static String typed(String column) {
        return "_t_" + column;
    }

    static Column t(String column) {
        return col(typed(column));
    }

    /** Every check for a dataset: types and required values first, then the dataset's own rules. */
    static List<Check> checks(InputDataset dataset) {
        List<Check> checks = new ArrayList<>();
        for (Field f : dataset.fields()) {
            Column raw = col(f.name());
            if (f.required()) {
                checks.add(new Check("missing_value", f.name(), raw.isNull(),
                        lit(f.name() + " is required but empty")));
            }
            checks.add(new Check(ValueParsers.invalidCode(f.type()), f.name(), raw.isNotNull().and(t(f.name()).isNull()),
                    concat(lit(f.name() + " is not " + ValueParsers.expected(f.type()) + ": '"), raw, lit("'"))));
        }
        switch (dataset) {
            case PRODUCTS -> {
                checks.add(atLeast(PRICE, 0));
                checks.add(atLeast(REPLENISH_DAYS, 1));
            }
            case ORDERS -> {
                checks.add(new Check("out_of_range", QUANTITY, t(QUANTITY).equalTo(0),
                        lit("quantity must not be 0 (negative means a return)")));
                checks.add(atLeast(UNIT_PRICE, 0));
                checks.add(oneOf(STATUS, ORDER_STATUSES));
            }
            case EVENTS -> {
                checks.add(new Check("unknown_event_type", EVENT_TYPE, not(t(EVENT_TYPE).isin(EVENT_TYPES.toArray())),
                        concat(lit("event_type must be one of " + sorted(EVENT_TYPES) + ", not '"), col(EVENT_TYPE),
                                lit("'"))));
                checks.add(new Check("missing_value", PRODUCT_ID,
                        t(EVENT_TYPE).isin(EVENTS_WITH_PRODUCT.toArray()).and(col(PRODUCT_ID).isNull()),
                        concat(lit("product_id is required for a "), t(EVENT_TYPE), lit(" event"))));
            }
            case SUPPORT -> {
                checks.add(notBeforeOpened(FIRST_RESPONSE_AT));
                checks.add(notBeforeOpened(RESOLVED_AT));
                checks.add(atLeast(CONTACTS, 1));
                checks.add(between(CSAT, 1, 5));
                checks.add(atLeast(COST, 0));
            }
            case SURVEYS -> {
                checks.add(oneOf(KIND, SURVEY_KINDS));
                checks.add(scoreInRange("nps", 0, 10));
                checks.add(scoreInRange("csat", 1, 5));
                checks.add(scoreInRange("ces", 1, 7));
            }
            case CUSTOMERS -> {
                // Only types and the unique key, checked by Ingest across rows.
            }
        }
        return checks;
    }

    private static Check atLeast(String column, int min) {
        return new Check("out_of_range", column, t(column).lt(min),
                concat(lit(column + " must be >= " + min + ", not "), col(column)));
    }

    private static Check between(String column, int min, int max) {
        return new Check("out_of_range", column, t(column).lt(min).or(t(column).gt(max)),
                concat(lit(column + " must be within " + min + ".." + max + ", not "), col(column)));
    }

    private static Check oneOf(String column, Set<String> allowed) {
        return new Check("invalid_value", column, t(column).isNotNull().and(not(t(column).isin(allowed.toArray()))),
                concat(lit(column + " must be one of " + sorted(allowed) + ", not '"), col(column), lit("'")));
    }

    private static Check notBeforeOpened(String column) {
        return new Check("before_opened", column, t(column).lt(t(OPENED_AT)),
                lit(column + " is before opened_at"));
    }

    private static Check scoreInRange(String kind, int min, int max) {
        return new Check("out_of_range", SCORE,
                t(KIND).equalTo(kind).and(t(SCORE).lt(min).or(t(SCORE).gt(max))),
                concat(lit("a " + kind + " score must be within " + min + ".." + max + ", not "), col(SCORE)));
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }
}
