package io.fideliza.pipeline;

import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;

/** The day a run describes and the zone its timestamps are read in; recency and due dates count from it. */
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
}
