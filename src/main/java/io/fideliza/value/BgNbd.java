package io.fideliza.value;

import static io.fideliza.value.SpecialFunctions.lnGamma;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The BG/NBD model of purchases by non-contractual customers (Fader, Hardie and Lee 2005, "Counting your customers
 * the easy way"): while active a customer buys at a Poisson rate λ ~ Gamma(r, α) and after each purchase drops out
 * with probability p ~ Beta(a, b). Fitted by maximum likelihood; the formulas follow the paper and lifetimes'
 * {@code BetaGeoFitter}. Time is in days.
 */
public record BgNbd(double r, double alpha, double a, double b) {

    /** One customer's log-likelihood (the paper's equation 6, in logs). */
    double logLikelihood(int x, double tx, double t) {
        double a1 = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha);
        double a2 = lnGamma(a + b) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x);
        double a3 = -(r + x) * Math.log(alpha + t);
        if (x == 0) {
            return a1 + a2 + a3;
        }
        double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
        double m = Math.max(a3, a4);
        return a1 + a2 + m + Math.log(Math.exp(a3 - m) + Math.exp(a4 - m));
    }

    /** P(still active at the end | history) (Fader, Hardie and Lee 2008, note 021). */
    double probabilityAlive(int x, double tx, double t) {
        if (x == 0) {
            return 1.0;
        }
        double logRatio = (r + x) * Math.log((alpha + t) / (alpha + tx)) + Math.log(a / (b + x - 1));
        return 1.0 / (1.0 + Math.exp(logRatio));
    }

    /** Expected purchases in the {@code horizon} days after the end, given the history (the paper's equation 10). */
    double expectedPurchases(double horizon, int x, double tx, double t) {
        return expectedPurchasesIfAlive(horizon, x, t) * probabilityAlive(x, tx, t);
    }

    /** Expected purchases in the horizon for a customer known to be still active at the end. */
    double expectedPurchasesIfAlive(double horizon, int x, double t) {
        double aa = r + x;
        double bb = b + x;
        double cc = a + b + x - 1;
        double z = horizon / (alpha + t + horizon);
        double lnHyp = SpecialFunctions.lnHyp2f1(aa, bb, cc, z);
        double first = (a + b + x - 1) / (Math.abs(a - 1) < 1e-7 ? 1e-7 : a - 1); // a = 1: the limit, nearly
        return first * (1 - Math.exp(lnHyp + (r + x) * Math.log((alpha + t) / (alpha + t + horizon))));
    }

    /**
     * P(no purchase in the {@code horizon} days after the end | history): the customer dropped out already, or is
     * active and makes no purchase (dropping out happens only at a purchase), λ then being Gamma(r + x, α + T).
     */
    double probabilityNoPurchase(double horizon, int x, double tx, double t) {
        double alive = probabilityAlive(x, tx, t);
        return 1 - alive + alive * Math.pow((alpha + t) / (alpha + t + horizon), r + x);
    }

    /**
     * Days after the end by which the customer's next purchase is as likely as not, or -1 when it never is
     * (P(alive) at most one half): solves P(a purchase within d days) = 1/2.
     */
    double medianDaysToNextPurchase(int x, double tx, double t) {
        double alive = probabilityAlive(x, tx, t);
        if (alive <= 0.5) {
            return -1;
        }
        return (alpha + t) * (Math.pow(1 - 0.5 / alive, -1.0 / (r + x)) - 1);
    }

    /** The maximum-likelihood fit on customers' histories (Nelder-Mead on the log-parameters). */
    static BgNbd fit(List<History> histories) {
        // Customers with the same (x, t_x, T) add the same term: counted once, weighted.
        Map<List<Integer>, Integer> patterns = new HashMap<>();
        for (History h : histories) {
            patterns.merge(List.of(h.frequency(), h.recency(), h.age()), 1, Integer::sum);
        }
        int n = patterns.size();
        int[] xs = new int[n];
        double[] txs = new double[n];
        double[] ts = new double[n];
        double[] weights = new double[n];
        int i = 0;
        for (Map.Entry<List<Integer>, Integer> e : patterns.entrySet()) {
            xs[i] = e.getKey().get(0);
            txs[i] = e.getKey().get(1);
            ts[i] = e.getKey().get(2);
            weights[i++] = e.getValue();
        }
        double total = histories.size();
        double[] best = NelderMead.minimise(p -> {
            BgNbd m = new BgNbd(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]), Math.exp(p[3]));
            double ll = 0;
            for (int j = 0; j < n; j++) {
                ll += weights[j] * m.logLikelihood(xs[j], txs[j], ts[j]);
            }
            return -ll / total;
        }, new double[] {0, 0, 0, 0});
        return new BgNbd(Math.exp(best[0]), Math.exp(best[1]), Math.exp(best[2]), Math.exp(best[3]));
    }

    /** The mean log-likelihood per customer of {@code histories} under this model. */
    double meanLogLikelihood(List<History> histories) {
        double ll = 0;
        for (History h : histories) {
            ll += logLikelihood(h.frequency(), h.recency(), h.age());
        }
        return histories.isEmpty() ? 0 : ll / histories.size();
    }
}
