package io.fideliza.generate;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Money as written to the files, two decimals. A data set repeats a few thousand prices (one per product, a
 * few support costs) millions of times: each is formatted once per generator.
 */
final class Prices {
    private final Map<Double, String> formatted = new HashMap<>();

    String format(double v) {
        return formatted.computeIfAbsent(v, x -> String.format(Locale.ROOT, "%.2f", x));
    }
}
