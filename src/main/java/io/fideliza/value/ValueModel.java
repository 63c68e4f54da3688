package io.fideliza.value;

/**
 * A fitted customer-value model: BG/NBD for whether and how often customers buy, Gamma-Gamma for how much they
 * spend per purchase day; what {@code _models/customer_value/version=N/value-model.json} holds.
 */
record ValueModel(BgNbd purchases, GammaGamma spend) {
}
