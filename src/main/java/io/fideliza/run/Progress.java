package io.fideliza.run;

import java.io.PrintStream;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * One line per stage on the console: what it did, rows in and out, seconds, and the wall-clock time (UTC) it
 * ended, to line up with a scheduler's and Spark's logs. Never personal data.
 */
public final class Progress {
    private final PrintStream out;
    private final Clock clock;

    public Progress(PrintStream out) {
        this(out, Clock.systemUTC());
    }

    public Progress(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public void stage(String stage, String what, double seconds) {
        out.printf(Locale.ROOT, "%-10s %-78s %6.1f s  %s%n", stage, what, seconds, now());
        out.flush();
    }

    /** A line that marks a moment of the run (its start, its end), with the wall-clock time. */
    public void event(String text) {
        out.println(text + "  " + now());
        out.flush();
    }

    public void line(String text) {
        out.println(text);
        out.flush();
    }

    /** The wall-clock time in UTC to the second, as ISO 8601: 2026-07-01T02:31:07Z. */
    private String now() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }
}
