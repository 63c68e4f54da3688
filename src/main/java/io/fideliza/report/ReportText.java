package io.fideliza.report;

import io.fideliza.language.Messages;
import java.util.Locale;

/** Numbers as the report's readers say them: thousands separated, shares as percentages, in the page's locale. */
final class ReportText {
    /** The locale of the page being rendered: the charts format numbers deep down, and a page renders on one thread. */
    private static final ThreadLocal<Messages> TEXT = ThreadLocal.withInitial(Messages::english);

    private ReportText() {
    }

    static Locale locale() {
        return TEXT.get().locale();
    }

    /** The messages of the page being rendered: names of segments and actions, numbers. */
    static Messages text() {
        return TEXT.get();
    }

    static void use(Messages text) {
        TEXT.set(text);
    }

    static String count(long n) {
        return String.format(locale(), "%,d", n);
    }

    /** A share as people say it: 42%, 0.4% for small ones, 0% only when none, 100% only when all. */
    static String percent(double share) {
        double p = share * 100;
        if (p > 0 && p < 1) {
            return String.format(locale(), "%.1f%%", Math.max(0.1, p));
        }
        if (p > 99 && p < 100) {
            // Never 100% while something is missing.
            return String.format(locale(), "%.1f%%", Math.min(99.9, Math.floor(p * 10) / 10));
        }
        return String.format(locale(), "%.0f%%", p);
    }

    static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
