package io.fideliza.outcomes;

/**
 * The difference between two conversion rates (treated minus control) with a 95% interval: Newcombe's hybrid
 * score interval (his method 10, 1998), built from the Wilson score interval of each rate. Unlike the textbook
 * Wald interval it stays inside [-1, 1] and keeps close to 95% coverage with small groups and rates near 0 or 1,
 * which control groups of a few dozen customers are.
 *
 * @param uplift treated rate minus control rate (null when either group is empty)
 * @param low    lower end of the 95% interval (null when either group is empty)
 * @param high   upper end of the 95% interval (null when either group is empty)
 */
public record Uplift(Double uplift, Double low, Double high) {
    /** The 97.5% quantile of the standard normal: a two-sided 95% interval. */
    static final double Z = 1.959963984540054;

    public static Uplift of(long treated, long treatedConverted, long control, long controlConverted) {
        if (treated == 0 || control == 0) {
            return new Uplift(null, null, null);
        }
        double p1 = (double) treatedConverted / treated;
        double p2 = (double) controlConverted / control;
        double[] w1 = wilson(treatedConverted, treated);
        double[] w2 = wilson(controlConverted, control);
        double d = p1 - p2;
        double low = d - Math.sqrt(sq(p1 - w1[0]) + sq(w2[1] - p2));
        double high = d + Math.sqrt(sq(w1[1] - p1) + sq(p2 - w2[0]));
        return new Uplift(d, low, high);
    }

    /** The Wilson score interval of x successes in n trials: {low, high}. */
    static double[] wilson(long x, long n) {
        double p = (double) x / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private static double sq(double v) {
        return v * v;
    }

    /** Whether the interval holds {@code value} (false when there is no interval). */
    public boolean holds(double value) {
        return low != null && low <= value && value <= high;
    }
}
