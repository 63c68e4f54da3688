package io.fideliza.value;

/** The special functions the BG/NBD model needs: log Gamma and the Gauss hypergeometric function 2F1. */
final class SpecialFunctions {
    /** Lanczos approximation, g = 7, n = 9: relative error near 1e-15 for positive arguments. */
    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final int MAX_TERMS = 1_000_000;

    private SpecialFunctions() {
    }

    /** ln Γ(x) for x > 0. */
    static double lnGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
        }
        double y = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (y + i);
        }
        double t = y + 7.5;
        return HALF_LOG_TWO_PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /**
     * ln 2F1(a, b; c; z) for 0 <= z < 1 and a, b, c > 0: the power series, or after Euler's transformation
     * (1-z)^(c-a-b) 2F1(c-a, c-b; c; z) when the direct series overflows (many purchases, z near 1).
     */
    static double lnHyp2f1(double a, double b, double c, double z) {
        double direct = series(a, b, c, z);
        if (Double.isFinite(direct) && direct > 0) {
            return Math.log(direct);
        }
        double euler = series(c - a, c - b, c, z);
        if (!(euler > 0) || !Double.isFinite(euler)) {
            throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") does not converge");
        }
        return (c - a - b) * Math.log1p(-z) + Math.log(euler);
    }

    private static double series(double a, double b, double c, double z) {
        double term = 1;
        double sum = 1;
        for (int n = 0; n < MAX_TERMS; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (!Double.isFinite(sum)) {
                return sum;
            }
            if (Math.abs(term) <= 1e-16 * Math.abs(sum) && n > 2) {
                return sum;
            }
        }
        return Double.NaN;
    }
}
