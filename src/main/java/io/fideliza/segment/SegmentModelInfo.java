package io.fideliza.segment;

import java.util.List;

/**
 * What a segment model knows besides its Spark ML parts, saved as {@code model.json} beside them: how and
 * when it was trained and why, the candidates it was chosen from, and per segment its id, name, description,
 * centroid and the training night's figures that drift is measured against.
 *
 * @param version       its version under {@code _models/segments/}
 * @param parentVersion the model it replaced or kept (null for the first)
 * @param trainedOn     the run date of the training night (yyyy-MM-dd)
 * @param reason        why that night refitted (no model yet, requested, scheduled, drift)
 * @param decision      what the refit did: a new model, or the previous one kept, and why
 * @param replaced      true when the refit put a new model in place, false when it kept the previous one's
 * @param features      the customer_features columns of the behaviour vector, in order
 * @param championOrders the population's order threshold of the Champions rule, frozen with the model
 * @param maxSegmentId  the largest segment id any model so far gave: a new segment gets a larger one
 * @param moves         what the refit moved: the last run's customers it put elsewhere than the model before it
 *                      would have tonight, by cause (null for a first model)
 * @param refused       a candidate the refit refused because it would have moved too many customers (null: none)
 */
public record SegmentModelInfo(int version, Integer parentVersion, String trainedOn, String reason, String decision,
                               boolean replaced, String algorithm, int k, List<String> features, long customers,
                               double silhouette, double smallestShare, int championOrders, int maxSegmentId,
                               List<Candidate> candidates, List<SegmentInfo> segments, List<Retired> retired,
                               RefitCarryOver.Moves moves, Refused refused) {

    /**
     * A candidate better than the segments kept, refused because it would move more of the last run's customers
     * than {@code segment.refit_max_moved_share} allows without {@code --refit}.
     */
    public record Refused(String algorithm, int k, double silhouette, RefitCarryOver.Moves moves, double cap,
                          String why) {
    }

    /** One candidate of the refit, as evidence of the choice; {@code current} marks the model in place before it. */
    public record Candidate(String algorithm, int k, double silhouette, double smallestShare, boolean chosen,
                            boolean current) {
    }

    /**
     * A segment of the model.
     *
     * @param cluster        the model's cluster number
     * @param meanDistance   the training night's mean distance of members to the centroid (standard deviations)
     * @param fitDistance    95% of the training night's members were at most this far from the centroid
     * @param nameRule       the {@link SegmentNamer.Name} the name comes from (null for a name no rule made)
     * @param nameHolds      the share of the training night's members the name's rule held for (null: no rule)
     * @param typicalRecency the training night's median recency of the segment's buyers, in days (null: no buyers)
     * @param center         the centroid in the log-scaled behaviour space (segment_centroids.center)
     * @param carriedFrom    the segment of the previous model this one carries on (null: new with this model)
     */
    public record SegmentInfo(int segmentId, String name, String nameRule, String description, int cluster,
                              long customers, double share, double meanDistance, double fitDistance, Double nameHolds,
                              Double typicalRecency, double[] center, Integer carriedFrom) {
    }

    /** A segment of the previous model that this one does not carry on, and where most of its customers went. */
    public record Retired(int segmentId, String name, Integer mostWentTo, long customers) {
    }

    public SegmentInfo segment(int segmentId) {
        return segments.stream().filter(s -> s.segmentId() == segmentId).findFirst().orElseThrow();
    }
}
