package io.fideliza.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The clustering algorithms segmentation can use ({@code segment.algorithm}; {@code best} tries them all). */
public enum SegmentAlgorithm {
    KMEANS, BISECTING_KMEANS, GAUSSIAN_MIXTURE;

    public static final String BEST = "best";

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The algorithms a setting names: one, or all for {@code best}. */
    public static List<SegmentAlgorithm> named(String setting) {
        if (setting.equals(BEST)) {
            return List.of(values());
        }
        return List.of(valueOf(setting.toUpperCase(Locale.ROOT)));
    }

    /** Every value {@code segment.algorithm} accepts. */
    public static List<String> settings() {
        List<String> all = new java.util.ArrayList<>(Arrays.stream(values()).map(SegmentAlgorithm::code).toList());
        all.add(BEST);
        return all;
    }
}
