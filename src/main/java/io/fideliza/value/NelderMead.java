package io.fideliza.value;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.ToDoubleFunction;

/**
 * The Nelder-Mead simplex minimiser (standard coefficients), restarted from its result until it stops improving:
 * enough for the few parameters of a customer-value model, fitted on log-parameters so that any point is valid.
 */
final class NelderMead {
    private static final int MAX_ITERATIONS = 4_000;
    private static final int RESTARTS = 4;
    private static final double TOLERANCE = 1e-11;

    private NelderMead() {
    }

    /** The point near {@code start} where {@code f} is least; non-finite values count as +infinity. */
    static double[] minimise(ToDoubleFunction<double[]> f, double[] start) {
        double[] best = start.clone();
        double bestValue = value(f, best);
        for (int r = 0; r < RESTARTS; r++) {
            double[] next = run(f, best);
            double v = value(f, next);
            boolean improved = v < bestValue - TOLERANCE * (1 + Math.abs(bestValue));
            if (v <= bestValue) {
                best = next;
                bestValue = v;
            }
            if (!improved && r > 0) {
                break;
            }
        }
        return best;
    }

    private static double value(ToDoubleFunction<double[]> f, double[] x) {
        double v = f.applyAsDouble(x);
        return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
    }

    private static double[] run(ToDoubleFunction<double[]> f, double[] start) {
        int n = start.length;
        double[][] simplex = new double[n + 1][];
        double[] values = new double[n + 1];
        simplex[0] = start.clone();
        for (int i = 0; i < n; i++) {
            simplex[i + 1] = start.clone();
            simplex[i + 1][i] += 0.5;
        }
        for (int i = 0; i <= n; i++) {
            values[i] = value(f, simplex[i]);
        }
        Integer[] order = new Integer[n + 1];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            for (int i = 0; i <= n; i++) {
                order[i] = i;
            }
            final double[] vs = values;
            Arrays.sort(order, Comparator.comparingDouble(i -> vs[i]));
            double[][] s = new double[n + 1][];
            double[] v = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                s[i] = simplex[order[i]];
                v[i] = values[order[i]];
            }
            simplex = s;
            values = v;
            if (Math.abs(values[n] - values[0]) <= TOLERANCE * (Math.abs(values[0]) + 1e-12) && spread(simplex) < 1e-9) {
                break;
            }
            double[] centroid = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    centroid[j] += simplex[i][j] / n;
                }
            }
            double[] reflected = along(centroid, simplex[n], -1.0);
            double fr = value(f, reflected);
            if (fr < values[0]) {
                double[] expanded = along(centroid, simplex[n], -2.0);
                double fe = value(f, expanded);
                replaceWorst(simplex, values, fe < fr ? expanded : reflected, Math.min(fe, fr));
            } else if (fr < values[n - 1]) {
                replaceWorst(simplex, values, reflected, fr);
            } else {
                boolean outside = fr < values[n];
                double[] contracted = along(centroid, simplex[n], outside ? -0.5 : 0.5);
                double fc = value(f, contracted);
                if (fc < (outside ? fr : values[n])) {
                    replaceWorst(simplex, values, contracted, fc);
                } else {
                    for (int i = 1; i <= n; i++) {
                        simplex[i] = along(simplex[0], simplex[i], 0.5);
                        values[i] = value(f, simplex[i]);
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= n; i++) {
            if (values[i] < values[best]) {
                best = i;
            }
        }
        return simplex[best];
    }

    /** {@code from + t * (to - from)}. */
    private static double[] along(double[] from, double[] to, double t) {
        double[] out = new double[from.length];
        for (int j = 0; j < from.length; j++) {
            out[j] = from[j] + t * (to[j] - from[j]);
        }
        return out;
    }

    private static void replaceWorst(double[][] simplex, double[] values, double[] point, double value) {
        simplex[simplex.length - 1] = point;
        values[values.length - 1] = value;
    }

    private static double spread(double[][] simplex) {
        double max = 0;
        for (int i = 1; i < simplex.length; i++) {
            for (int j = 0; j < simplex[0].length; j++) {
                max = Math.max(max, Math.abs(simplex[i][j] - simplex[0][j]));
            }
        }
        return max;
    }
}
