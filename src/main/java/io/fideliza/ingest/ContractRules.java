package io.fideliza.ingest;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.QuarantineReason.*;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.fideliza.config.JobConfig.Bounds;
import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.contract.ContactStatus;
import io.fideliza.contract.EventType;
import io.fideliza.contract.Field;
import io.fideliza.contract.FieldType;
import io.fideliza.contract.InputDataset;
import io.fideliza.contract.OrderStatus;
import io.fideliza.contract.QuarantineReason;
import io.fideliza.contract.SurveyKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;

/**
 * The contract's row rules, per input dataset, in the order they are checked: the first rule a row
 * breaks is its reason. Typed values are in columns named {@link #typed(String)}.
 */
final class ContractRules {
    static final Set<String> EVENT_TYPES = Set.copyOf(EventType.codes());
    static final Set<String> EVENTS_WITH_PRODUCT = Arrays.stream(EventType.values()).filter(EventType::needsProduct)
            .map(EventType::code).collect(Collectors.toUnmodifiableSet());
    static final Set<String> ORDER_STATUSES = Arrays.stream(OrderStatus.values()).map(OrderStatus::code)
            .collect(Collectors.toUnmodifiableSet());
    static final Set<String> SURVEY_KINDS = Set.copyOf(SurveyKind.codes());
    static final Set<String> ACTIONS = Arrays.stream(Action.values()).map(Action::code)
            .collect(Collectors.toUnmodifiableSet());
    static final Set<String> CHANNELS = Arrays.stream(Channel.values()).map(Channel::code)
            .collect(Collectors.toUnmodifiableSet());
    static final Set<String> CONTACT_STATUSES = Set.copyOf(ContactStatus.codes());

    private ContractRules() {
    }

    static String typed(String column) {
        return "_t_" + column;
    }

    static Column t(String column) {
        return col(typed(column));
    }

    /**
     * Every check for a dataset: types and required values first, then the dataset's own rules, then the
     * plausibility {@code bounds} of the job's configuration.
     */
    static List<Check> checks(InputDataset dataset, Bounds bounds) {
        List<Check> checks = new ArrayList<>();
        for (Field f : dataset.fields()) {
            Column raw = col(f.name());
            if (f.required()) {
                checks.add(new Check(MISSING_VALUE, f.name(), raw.isNull(),
                        lit(f.name() + " is required but empty")));
            }
            checks.add(new Check(QuarantineReason.invalid(f.type()), f.name(), raw.isNotNull().and(t(f.name()).isNull()),
                    concat(lit(f.name() + " is not " + ValueParsers.expected(f.type()) + ": '"), raw, lit("'"))));
        }
        switch (dataset) {
            case PRODUCTS -> {
                checks.add(atLeast(PRICE, 0));
                checks.add(atLeast(REPLENISH_DAYS, 1));
            }
            case ORDERS -> {
                checks.add(new Check(OUT_OF_RANGE, QUANTITY, t(QUANTITY).equalTo(0),
                        lit("quantity must not be 0 (negative means a return)")));
                checks.add(atLeast(UNIT_PRICE, 0));
                checks.add(oneOf(STATUS, ORDER_STATUSES));
                // A return is a negative quantity with status returned or empty: "completed" says otherwise.
                checks.add(new Check(QuarantineReason.NEGATIVE_COMPLETED, QUANTITY, t(QUANTITY).lt(0)
                        .and(t(STATUS).equalTo(OrderStatus.COMPLETED.code())), lit("a negative quantity (a return) on "
                        + "a line whose status says completed: mark returns returned, or leave their status empty")));
            }
            case EVENTS -> {
                checks.add(new Check(UNKNOWN_EVENT_TYPE, EVENT_TYPE, not(t(EVENT_TYPE).isin(EVENT_TYPES.toArray())),
                        concat(lit("event_type must be one of " + sorted(EVENT_TYPES) + ", not '"), col(EVENT_TYPE),
                                lit("'"))));
                checks.add(new Check(MISSING_VALUE, PRODUCT_ID,
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
                for (SurveyKind kind : SurveyKind.values()) {
                    checks.add(scoreInRange(kind));
                }
            }
            case CONTACT_HISTORY -> {
                checks.add(oneOf(ACTION, ACTIONS));
                checks.add(oneOf(CHANNEL, CHANNELS));
                checks.add(oneOf(STATUS, CONTACT_STATUSES));
            }
            case CUSTOMERS -> {
                // Only types and the unique key, checked by Ingest across rows.
            }
        }
        checks.addAll(plausible(dataset, bounds));
        return checks;
    }

    /** Values no real extract holds: huge quantities and prices, dates before {@code bounds.earliestDate()}. */
    private static List<Check> plausible(InputDataset dataset, Bounds bounds) {
        List<Check> checks = new ArrayList<>();
        String where = " (ingest.bounds)";
        for (Field f : dataset.fields()) {
            if (f.type() == FieldType.DATE || f.type() == FieldType.TIMESTAMP) {
                Column earliest = f.type() == FieldType.DATE ? lit(java.sql.Date.valueOf(bounds.earliestDate()))
                        : lit(java.sql.Timestamp.from(bounds.earliestDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
                checks.add(new Check(OUT_OF_RANGE, f.name(), t(f.name()).lt(earliest),
                        concat(lit(f.name() + " is before " + bounds.earliestDate() + where + ": "), col(f.name()))));
            }
        }
        List<String> money = switch (dataset) {
            case PRODUCTS -> List.of(PRICE);
            case ORDERS -> List.of(UNIT_PRICE);
            case SUPPORT -> List.of(COST);
            default -> List.of();
        };
        for (String column : money) {
            checks.add(new Check(OUT_OF_RANGE, column, t(column).gt(bounds.maxPrice()),
                    concat(lit(column + " is above " + bounds.maxPrice().toPlainString() + where + ": "), col(column))));
        }
        if (dataset == InputDataset.ORDERS) {
            checks.add(new Check(OUT_OF_RANGE, QUANTITY, abs(t(QUANTITY)).gt(bounds.maxQuantity()),
                    concat(lit("quantity is beyond " + bounds.maxQuantity() + " either way" + where + ": "),
                            col(QUANTITY))));
        }
        return checks;
    }

    private static Check atLeast(String column, int min) {
        return new Check(OUT_OF_RANGE, column, t(column).lt(min),
                concat(lit(column + " must be >= " + min + ", not "), col(column)));
    }

    private static Check between(String column, int min, int max) {
        return new Check(OUT_OF_RANGE, column, t(column).lt(min).or(t(column).gt(max)),
                concat(lit(column + " must be within " + min + ".." + max + ", not "), col(column)));
    }

    private static Check oneOf(String column, Set<String> allowed) {
        return new Check(INVALID_VALUE, column, t(column).isNotNull().and(not(t(column).isin(allowed.toArray()))),
                concat(lit(column + " must be one of " + sorted(allowed) + ", not '"), col(column), lit("'")));
    }

    private static Check notBeforeOpened(String column) {
        return new Check(BEFORE_OPENED, column, t(column).lt(t(OPENED_AT)),
                lit(column + " is before opened_at"));
    }

    private static Check scoreInRange(SurveyKind kind) {
        return new Check(OUT_OF_RANGE, SCORE,
                t(KIND).equalTo(kind.code()).and(t(SCORE).lt(kind.min()).or(t(SCORE).gt(kind.max()))),
                concat(lit("a " + kind.code() + " score must be within " + kind.min() + ".." + kind.max() + ", not "),
                        col(SCORE)));
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }
}
