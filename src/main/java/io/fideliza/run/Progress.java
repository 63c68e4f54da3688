package io.fideliza.run;

import java.io.PrintStream;
import java.util.Locale;

/** One line per stage on the console: what it did, rows in and out, seconds. Never personal data. */
public final class Progress {
    private final PrintStream out;

    public Progress(PrintStream out) {
        this.out = out;
    }

    public void stage(String stage, String what, double seconds) {
        out.printf(Locale.ROOT, "%-10s %-78s %6.1f s%n", stage, what, seconds);
        out.flush();
    }

    public void line(String text) {
        out.println(text);
        out.flush();
    }
}
