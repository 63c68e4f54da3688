package io.fideliza.report;

import java.util.Locale;

/** Numbers as the report's readers say them: thousands separated, shares as percentages. */
final class ReportText {
    private ReportText() {
    }

    static String count(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }

    /** A share as people say it: 42%, 0.4% for small ones, 0% only when none, 100% only when all. */
    static String percent(double share) {
        double p = share * 100;
        if (p > 0 && p < 1) {
            return String.format(Locale.ENGLISH, "%.1f%%", Math.max(0.1, p));
        }
        if (p > 99 && p < 100) {
            // Never 100% while something is missing.
            return String.format(Locale.ENGLISH, "%.1f%%", Math.min(99.9, Math.floor(p * 10) / 10));
        }
        return String.format(Locale.ENGLISH, "%.0f%%", p);
    }

    static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
