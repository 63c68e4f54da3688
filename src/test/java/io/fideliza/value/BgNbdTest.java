package io.fideliza.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fideliza.value.ValueFigures.Decile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The BG/NBD and Gamma-Gamma formulas against values computed independently with scipy (gammaln, hyp2f1, a
 * numerical integration over the posterior of λ and p for P(no purchase)), on the CDNOW parameters of Fader, Hardie
 * and Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426 (weeks).
 */
class BgNbdTest {
    static final BgNbd CDNOW = new BgNbd(0.243, 4.414, 0.793, 2.426);

    @Test
    void logGammaMatchesScipy() {
        assertEquals(1.318043584699670, SpecialFunctions.lnGamma(0.243), 1e-13);
        assertEquals(13.940625219403763, SpecialFunctions.lnGamma(10.5), 1e-12);
        assertEquals(7550.550901077894196, SpecialFunctions.lnGamma(1234.5), 1e-9);
        assertEquals(1.193390657380321, SpecialFunctions.lnHyp2f1(2.243, 4.426, 5.219, 39 / (4.414 + 38.86 + 39)),
                1e-12);
    }

    @Test
    void thePapersCustomerExpectsOnePointTwoTwoSixPurchasesInThirtyNineWeeks() {
        // Fader, Hardie and Lee (2005), section 5: x = 2, t_x = 30.43, T = 38.86 weeks -> 1.226.
        assertEquals(1.226028174767, CDNOW.expectedPurchases(39, 2, 30.43, 38.86), 1e-9);
        assertEquals(-9.458606307066, CDNOW.logLikelihood(2, 30.43, 38.86), 1e-10);
        assertEquals(0.726578570081, CDNOW.probabilityAlive(2, 30.43, 38.86), 1e-11);
        assertEquals(0.445372862083, CDNOW.probabilityNoPurchase(39, 2, 30.43, 38.86), 1e-9);
    }

    @Test
    void handHistoriesMatchScipy() {
        // x = 0: alive for sure; the posterior integral of P(no purchase) is 0.8554494594.
        assertEquals(-0.554713276438, CDNOW.logLikelihood(0, 0, 38.86), 1e-10);
        assertEquals(1.0, CDNOW.probabilityAlive(0, 0, 38.86), 0);
        assertEquals(0.195098052011, CDNOW.expectedPurchases(39, 0, 0, 38.86), 1e-9);
        assertEquals(0.855449459217, CDNOW.probabilityNoPurchase(39, 0, 0, 38.86), 1e-9);
        assertEquals(-22.136944927508, CDNOW.logLikelihood(7, 35.0, 38.86), 1e-10);
        assertEquals(0.843767821928, CDNOW.probabilityAlive(7, 35.0, 38.86), 1e-11);
        assertEquals(4.387487854488, CDNOW.expectedPurchases(39, 7, 35.0, 38.86), 1e-9);
        assertEquals(0.164270554018, CDNOW.probabilityNoPurchase(39, 7, 35.0, 38.86), 1e-9);
        // Bought once early, long ago: probably gone.
        assertEquals(-4.443581386195, CDNOW.logLikelihood(1, 2.0, 30.0), 1e-10);
        assertEquals(0.274872586048, CDNOW.probabilityAlive(1, 2.0, 30.0), 1e-11);
        assertEquals(0.320486669346, CDNOW.expectedPurchases(39, 1, 2.0, 30.0), 1e-9);
        assertEquals(0.832311440527, CDNOW.probabilityNoPurchase(39, 1, 2.0, 30.0), 1e-9);
    }

    @Test
    void theMedianDaysToTheNextPurchaseMakeItAsLikelyAsNot() {
        double d = CDNOW.medianDaysToNextPurchase(7, 35.0, 38.86);
        assertEquals(0.5, CDNOW.probabilityNoPurchase(d, 7, 35.0, 38.86), 1e-12);
        assertEquals(-1, CDNOW.medianDaysToNextPurchase(1, 2.0, 30.0), 0, "P(alive) 0.27: never as likely as not");
    }

    @Test
    void theFitReachesTheMaximumLikelihoodScipyFinds() {
        int[][] data = {{0, 0, 60}, {0, 0, 200}, {1, 10, 100}, {3, 80, 120}, {5, 150, 160}, {2, 40, 200}, {0, 0, 30},
            {8, 190, 200}, {1, 5, 180}, {4, 60, 190}, {6, 100, 110}, {0, 0, 150}, {2, 120, 130}, {3, 20, 170}};
        List<History> histories = java.util.Arrays.stream(data)
                .map(d -> new History("c", d[0], d[1], d[2], 0, false)).toList();
        BgNbd fit = BgNbd.fit(histories);
        // scipy: Nelder-Mead then BFGS from three starts.
        assertEquals(-12.092730235861, fit.meanLogLikelihood(histories), 1e-8);
        assertEquals(1.07667927, fit.r(), 1e-3);
        assertEquals(32.02707344, fit.alpha(), 3e-2);
        assertEquals(3.92334022, fit.a(), 1e-2);
        assertEquals(19.06347873, fit.b(), 5e-2);
    }

    @Test
    void gammaGammaShrinksACustomersMeanTowardsThePopulations() {
        GammaGamma g = new GammaGamma(6.25, 3.74, 15.44, 99);
        assertEquals(-3.672317770067, g.logLikelihood(3, 27), 1e-10);
        assertEquals(28.047929269428, g.expectedSpend(3, 27), 1e-9);
        assertEquals(35.218978102190, g.expectedSpend(0, 0), 1e-9, "no repeat purchase: the population mean");
        assertEquals(27, new GammaGamma(1, 0.9, 1, 99).expectedSpend(3, 27), 0, "q <= 1: the customer's own mean");
        assertEquals(99, new GammaGamma(0, 0, 0, 99).expectedSpend(0, 0), 0, "no fit, no mean: the overall mean");
    }

    @Test
    void aucCountsTiesAsHalfAndCalibrationGroupsByRisk() {
        double[] risk = {0.9, 0.8, 0.8, 0.3, 0.1, 0.5};
        boolean[] churned = {true, true, false, false, false, true};
        // Pairs (churned, kept): 9; churned above kept: 0.9 > all 3, 0.8 > 0.3, 0.1 and ties 0.8 (half), 0.5 > 0.3, 0.1.
        assertEquals((3 + 2.5 + 2) / 9.0, ChurnValidation.auc(risk, churned), 1e-12);
        assertNull(ChurnValidation.auc(new double[] {0.2, 0.4}, new boolean[] {true, true}));
        List<Decile> deciles = ChurnValidation.calibration(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,
            0.95, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.92, 0.97}, new boolean[] {false, false, false,
                true, false, true, true, true, true, true, false, false, true, false, false, true, false, true, true,
                true});
        assertEquals(10, deciles.size());
        assertEquals(new Decile(1, 2, 0.125, 0.0), deciles.get(0));
        assertEquals(new Decile(10, 2, 0.96, 1.0), deciles.get(9));
        assertEquals(new Decile(4, 2, 0.425, 0.5), deciles.get(3));
    }
}
