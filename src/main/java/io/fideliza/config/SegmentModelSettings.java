package io.fideliza.config;

/**
 * When the segment model is refitted, and how drift and lifecycle are measured against it (the {@code segment}
 * keys of {@code jobs/nightly.yaml} after {@code seed}; docs/segmentation.md, "Segments as a model").
 *
 * @param refit            refit tonight whatever the cadence and drift say (the command line's {@code --refit})
 * @param refitDays        refit when the model is this many days old
 * @param refitMargin      a refit keeps the current model unless a candidate's silhouette beats it by this much
 * @param refitMaxMoved    a refit may move at most this share of the last run's customers unless asked for
 *                         ({@code refit}); a candidate that would move more is refused and recorded
 * @param maxSizeShift     refit when segment shares moved this far from the model's (total variation distance)
 * @param maxUnfitShare    refit when this share of customers sits farther from its centroid than 95% of the
 *                         segment's members did on the training night
 * @param maxDistanceRatio refit when the mean distance to the centroid is this many times the training night's
 * @param lapsingDays      a customer is lapsing after this many days without an order...
 * @param lapsingFactor    ...and this many times the typical recency of their segment
 */
public record SegmentModelSettings(boolean refit, int refitDays, double refitMargin, double refitMaxMoved,
                                   double maxSizeShift, double maxUnfitShare, double maxDistanceRatio, int lapsingDays,
                                   double lapsingFactor) {

    /** The values of jobs/nightly.yaml, for code that builds settings by hand (tests). */
    public static final SegmentModelSettings DEFAULTS = new SegmentModelSettings(false, 28, 0.03, 0.10, 0.15, 0.25, 1.3,
            90, 2.0);

    public SegmentModelSettings withRefit(boolean refitTonight) {
        return new SegmentModelSettings(refitTonight, refitDays, refitMargin, refitMaxMoved, maxSizeShift, maxUnfitShare,
                maxDistanceRatio, lapsingDays, lapsingFactor);
    }

    public SegmentModelSettings withRefitMaxMoved(double share) {
        return new SegmentModelSettings(refit, refitDays, refitMargin, share, maxSizeShift, maxUnfitShare,
                maxDistanceRatio, lapsingDays, lapsingFactor);
    }

    public SegmentModelSettings withRefitMargin(double margin) {
        return new SegmentModelSettings(refit, refitDays, margin, refitMaxMoved, maxSizeShift, maxUnfitShare,
                maxDistanceRatio, lapsingDays, lapsingFactor);
    }

    public SegmentModelSettings withRefitDays(int days) {
        return new SegmentModelSettings(refit, days, refitMargin, refitMaxMoved, maxSizeShift, maxUnfitShare, maxDistanceRatio,
                lapsingDays, lapsingFactor);
    }

    static SegmentModelSettings from(ConfigKeys c) {
        SegmentModelSettings s = new SegmentModelSettings(c.bool("segment.refit"), c.integer("segment.refit_days"),
                c.number("segment.refit_margin"), c.number("segment.refit_max_moved_share"),
                c.number("segment.drift.max_size_shift"),
                c.number("segment.drift.max_unfit_share"), c.number("segment.drift.max_distance_ratio"),
                c.integer("segment.lapsing_days"), c.number("segment.lapsing_factor"));
        if (s.refitDays() < 1) {
            throw new io.fideliza.contract.InputError(c.source() + ": segment.refit_days must be at least 1");
        }
        if (s.refitMaxMoved() < 0 || s.refitMaxMoved() > 1) {
            throw new io.fideliza.contract.InputError(c.source() + ": segment.refit_max_moved_share must be within 0..1");
        }
        return s;
    }
}
