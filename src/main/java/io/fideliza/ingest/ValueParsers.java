package io.fideliza.ingest;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.timestamp_diff;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.when;

import io.fideliza.contract.FieldType;
import io.fideliza.run.RunContext;
import java.time.ZoneId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Text to contract types as Spark columns. Spark 4 runs with ANSI SQL, where one bad cast fails the
 * whole job, so every conversion is a pattern check plus {@code try_cast}: a bad value becomes null and
 * the row is quarantined, never the run. Timestamps without an offset are read in the zone given.
 */
public final class ValueParsers {
    private static final String TIMESTAMP_PATTERN =
            "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?(Z|[+-]\\d{2}:\\d{2})?$";
    private static final String OFFSET_PATTERN = "(Z|[+-]\\d{2}:\\d{2})$";
    private static final String DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";
    private static final String INT_PATTERN = "^[+-]?\\d{1,10}$";
    private static final String DECIMAL_PATTERN = "^[+-]?(\\d{1,14}(\\.\\d*)?|\\.\\d+)$";

    private ValueParsers() {
    }

    /** The typed value of a text column, null when the text is absent or does not parse. */
    public static Column parse(Column text, FieldType type, ZoneId zone) {
        return switch (type) {
            case STRING -> text;
            case TIMESTAMP -> when(text.rlike(TIMESTAMP_PATTERN), timestamp(text, zone));
            case DATE -> when(text.rlike(DATE_PATTERN), text.try_cast(DataTypes.DateType))
                    .when(text.rlike(OFFSET_PATTERN), RunContext.day(timestamp(text, zone), zone))
                    .when(text.rlike(TIMESTAMP_PATTERN), substring(text, 1, 10).try_cast(DataTypes.DateType));
            case BOOLEAN -> when(lower(text).isin("true", "1", "yes"), lit(true))
                    .when(lower(text).isin("false", "0", "no"), lit(false));
            case INT -> when(text.rlike(INT_PATTERN), text.try_cast(DataTypes.IntegerType));
            case DECIMAL -> when(text.rlike(DECIMAL_PATTERN), text.try_cast(type.sparkType()));
        };
    }

    /**
     * An ISO-8601 timestamp: with an offset it names its own instant; without one it is wall-clock time in
     * {@code zone}. The wall-clock time is read zone-free (TIMESTAMP_NTZ), counted in microseconds as if it were
     * UTC, then moved to {@code zone}: no zone is looked up per row, and the session's zone plays no part.
     */
    private static Column timestamp(Column text, ZoneId zone) {
        Column wallClock = text.try_cast(DataTypes.TimestampNTZType);
        Column asIfUtc = timestamp_micros(timestamp_diff("MICROSECOND", lit("1970-01-01 00:00:00")
                .cast(DataTypes.TimestampNTZType), wallClock));
        return when(text.rlike(OFFSET_PATTERN), text.try_cast(DataTypes.TimestampType))
                .otherwise(to_utc_timestamp(asIfUtc, zone.getId()));
    }

    /** What a value of {@code type} should look like, for the quarantine's detail. */
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
