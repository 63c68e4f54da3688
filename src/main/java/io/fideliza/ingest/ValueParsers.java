package io.fideliza.ingest;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.fideliza.contract.FieldType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Text to contract types as Spark columns. Spark 4 runs with ANSI SQL, where one bad cast fails the
 * whole job, so every conversion is a pattern check plus {@code try_cast}: a bad value becomes null and
 * the row is quarantined, never the run.
 */
public final class ValueParsers {
    private static final String TIMESTAMP_PATTERN =
            "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?(Z|[+-]\\d{2}:\\d{2})?$";
    private static final String DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";
    private static final String INT_PATTERN = "^[+-]?\\d{1,10}$";
    private static final String DECIMAL_PATTERN = "^[+-]?(\\d{1,14}(\\.\\d*)?|\\.\\d+)$";

    private ValueParsers() {
    }

    /** The typed value of a text column, null when the text is absent or does not parse. */
    public static Column parse(Column text, FieldType type) {
        return switch (type) {
            case STRING -> text;
            case TIMESTAMP -> when(text.rlike(TIMESTAMP_PATTERN), text.try_cast(DataTypes.TimestampType));
            case DATE -> when(text.rlike(DATE_PATTERN), text.try_cast(DataTypes.DateType))
                    .when(text.rlike(TIMESTAMP_PATTERN), to_date(text.try_cast(DataTypes.TimestampType)));
            case BOOLEAN -> when(lower(text).isin("true", "1", "yes"), lit(true))
                    .when(lower(text).isin("false", "0", "no"), lit(false));
            case INT -> when(text.rlike(INT_PATTERN), text.try_cast(DataTypes.IntegerType));
            case DECIMAL -> when(text.rlike(DECIMAL_PATTERN), text.try_cast(type.sparkType()));
        };
    }

    /** The reason code for a value that does not parse as {@code type}. */
    static String invalidCode(FieldType type) {
        return switch (type) {
            case STRING -> "invalid_text";
            case TIMESTAMP -> "invalid_timestamp";
            case DATE -> "invalid_date";
            case BOOLEAN -> "invalid_boolean";
            case INT -> "invalid_integer";
            case DECIMAL -> "invalid_decimal";
        };
    }

    static String expected(FieldType type) {
        return switch (type) {
            case STRING -> "text";
            case TIMESTAMP -> "an ISO-8601 timestamp";
            case DATE -> "an ISO-8601 date";
            case BOOLEAN -> "true/false, 1/0 or yes/no";
            case INT -> "a whole number";
            case DECIMAL -> "a decimal number";
        };
    }
}
