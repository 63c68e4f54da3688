package io.fideliza.config;

import java.util.List;
import java.util.Locale;

/** The clustering algorithms segmentation can use. */
public enum SegmentAlgorithm {
    KMEANS, BISECTING_KMEANS, GAUSSIAN_MIXTURE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The choices of {@code segment.algorithm}: one algorithm, or {@code best}, which tries them all. */
    public enum Choice {
        KMEANS, BISECTING_KMEANS, GAUSSIAN_MIXTURE, BEST;

        /** The algorithms this choice fits. */
        public List<SegmentAlgorithm> algorithms() {
            return switch (this) {
                case KMEANS -> List.of(SegmentAlgorithm.KMEANS);
                case BISECTING_KMEANS -> List.of(SegmentAlgorithm.BISECTING_KMEANS);
                case GAUSSIAN_MIXTURE -> List.of(SegmentAlgorithm.GAUSSIAN_MIXTURE);
                case BEST -> List.of(SegmentAlgorithm.values());
            };
        }

        /** As the config and the manifest write it. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
