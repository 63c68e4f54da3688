package io.fideliza.config;

/**
 * How an interaction strength r becomes ALS confidence ({@code recommend.confidence} and the candidates of
 * {@code recommend.training.confidences}): 1 + alpha r, or 1 + alpha log(1 + r / epsilon).
 */
public enum ConfidenceScale {
    LINEAR, LOG;

    /** The strength as ALS sees it, before alpha: r, or log(1 + r / epsilon). */
    public double scale(double r, double epsilon) {
        return this == LINEAR ? r : Math.log1p(r / epsilon);
    }
}
