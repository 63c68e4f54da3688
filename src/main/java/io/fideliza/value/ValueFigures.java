package io.fideliza.value;

import java.util.List;

/**
 * A customer-value model's validation on the temporal split: fitted on the history up to the cut-off, judged on who
 * bought in the {@code horizonDays} after it.
 *
 * @param customers         customers with a purchase by the cut-off
 * @param noPurchaseShare   the share of them who did not buy in the horizon
 * @param auc               churn risk against not buying (null: everyone bought, or nobody did)
 * @param meanLogLikelihood the BG/NBD fit's mean log-likelihood per customer on the training history
 * @param purchases         the BG/NBD parameters fitted at the cut-off
 * @param spend             the Gamma-Gamma parameters fitted at the cut-off
 * @param calibration       predicted churn risk against the observed share without a purchase, by decile of risk
 */
public record ValueFigures(int horizonDays, long customers, double noPurchaseShare, Double auc,
                           double meanLogLikelihood, BgNbd purchases, GammaGamma spend, List<Decile> calibration) {

    /** One decile of customers by predicted risk (1 = lowest): how many, mean predicted risk, observed share. */
    public record Decile(int decile, long customers, double predicted, double observed) {
    }
}
