package io.fideliza.value;

import static io.fideliza.value.SpecialFunctions.lnGamma;

import java.util.List;

/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie and Lee 2005, "RFM and CLV"; lifetimes'
 * {@code GammaGammaFitter}): each customer's purchase values are Gamma(p, ν) with ν ~ Gamma(q, γ); fitted on the
 * mean value of customers' repeat purchases. {@code fallback} is the mean spend per purchase day, used where the
 * population mean is undefined (q at most 1; 0 when nobody bought twice).
 */
public record GammaGamma(double p, double q, double gamma, double fallback) {

    /** One customer's log-likelihood of a mean spend {@code m} over {@code x} repeat purchases. */
    double logLikelihood(int x, double m) {
        return lnGamma(p * x + q) - lnGamma(p * x) - lnGamma(q) + q * Math.log(gamma) + (p * x - 1) * Math.log(m)
                + p * x * Math.log(x) - (p * x + q) * Math.log(x * m + gamma);
    }

    /** The expected spend of the customer's next purchases: their own mean shrunk towards the population's. */
    double expectedSpend(int x, double m) {
        if (q <= 1) {
            return x > 0 && m > 0 ? m : fallback;
        }
        double population = gamma * p / (q - 1);
        if (x == 0 || m <= 0) {
            return population;
        }
        double w = p * x / (p * x + q - 1);
        return (1 - w) * population + w * m;
    }

    /** The fit on the customers with repeat purchases; {@code meanSpend} serves when there are none. */
    static GammaGamma fit(List<History> histories, double meanSpend) {
        List<History> repeat = histories.stream().filter(h -> h.frequency() > 0 && h.monetary() > 0).toList();
        if (repeat.size() < 2) {
            return new GammaGamma(0, 0, 0, meanSpend);
        }
        double[] best = NelderMead.minimise(v -> {
            GammaGamma g = new GammaGamma(Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2]), meanSpend);
            double ll = 0;
            for (History h : repeat) {
                ll += g.logLikelihood(h.frequency(), h.monetary());
            }
            return -ll / repeat.size();
        }, new double[] {0, 0, Math.log(Math.max(1e-6, meanSpend))});
        return new GammaGamma(Math.exp(best[0]), Math.exp(best[1]), Math.exp(best[2]), meanSpend);
    }
}
