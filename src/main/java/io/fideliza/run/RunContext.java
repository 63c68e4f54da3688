package io.fideliza.run;

import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.unix_seconds;

import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.sql.Column;

/**
 * The day a run describes and the zone its timestamps are read in; recency and due dates count from it.
 * Every conversion between instants and days goes through this zone, never through the Spark session's.
 */
public record RunContext(LocalDate runDate, ZoneId zone) implements Serializable {

    /** The first instant after the run date: rows at or after it are in the future. */
    public Timestamp runEnd() {
        return Timestamp.from(runDate.plusDays(1).atStartOfDay(zone).toInstant());
    }

    public Date runDateSql() {
        return Date.valueOf(runDate);
    }

    public Timestamp daysBeforeEnd(int days) {
        return Timestamp.from(runDate.plusDays(1).minusDays(days).atStartOfDay(zone).toInstant());
    }

    /** The calendar day of an instant in the run's zone (Spark's to_date would use the session's zone). */
    public Column day(Column instant) {
        return day(instant, zone);
    }

    /** The calendar day of an instant in {@code zone}. */
    public static Column day(Column instant, ZoneId zone) {
        // from_utc_timestamp shifts the instant by the zone's offset at that instant, so its seconds since the
        // epoch count the zone's wall-clock time; whole days of those are the local date.
        return date_from_unix_date(floor(unix_seconds(from_utc_timestamp(instant, zone.getId())).divide(86_400))
                .cast("int"));
    }
}
