package io.fideliza.contract;

import java.util.Locale;
import java.util.Optional;

/** Why an input row was quarantined: the code written to quarantine and the manifest, and what it means in plain words. */
public enum QuarantineReason {
    MISSING_VALUE("a required value is missing"),
    INVALID_TIMESTAMP("a date and time could not be read"),
    INVALID_DATE("a date could not be read"),
    INVALID_INTEGER("a whole number could not be read"),
    INVALID_DECIMAL("a number could not be read"),
    INVALID_BOOLEAN("a yes/no value could not be read"),
    OUT_OF_RANGE("a value is out of range"),
    INVALID_VALUE("an unknown value"),
    UNKNOWN_EVENT_TYPE("an unknown kind of event"),
    UNKNOWN_PRODUCT("a product not in the catalogue"),
    UNKNOWN_CUSTOMER("a customer not in customers"),
    NEGATIVE_COMPLETED("a negative quantity on a line marked completed"),
    BEFORE_OPENED("answered before the ticket was opened"),
    DUPLICATE_KEY("the same id twice"),
    WRONG_FIELD_COUNT("a line with too many or too few columns"),
    INVALID_UTF8("unreadable characters"),
    MALFORMED_CSV("a broken quote");

    private final String description;

    QuarantineReason(String description) {
        this.description = description;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the reason means, for people who read the report. */
    public String description() {
        return description;
    }

    public static Optional<QuarantineReason> byCode(String code) {
        for (QuarantineReason r : values()) {
            if (r.code().equals(code)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The invalid-value reason for a column of this type. */
    public static QuarantineReason invalid(FieldType type) {
        return switch (type) {
            case STRING -> INVALID_VALUE;
            case TIMESTAMP -> INVALID_TIMESTAMP;
            case DATE -> INVALID_DATE;
            case BOOLEAN -> INVALID_BOOLEAN;
            case INT -> INVALID_INTEGER;
            case DECIMAL -> INVALID_DECIMAL;
        };
    }
}
