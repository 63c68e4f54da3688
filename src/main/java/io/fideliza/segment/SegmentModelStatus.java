package io.fideliza.segment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fideliza.config.JobConfig;
import io.fideliza.manifest.ManifestJson;
import io.fideliza.segment.SegmentModelInfo.Candidate;
import io.fideliza.segment.SegmentModelInfo.Retired;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a night did with the segment model, for the manifest ({@code segment_model}) and the report: the
 * version it used, whether it refitted and why, what the refit decided, drift against the model with the
 * thresholds that refit, and per segment its share now and on the training night and how well its name holds.
 *
 * @param decision         what the refit did, in words (never parsed: {@code replaced} says which way it went)
 * @param replaced         the model's refit put a new model in place rather than keep the previous one's segments
 * @param driftBeforeRefit on a refit night, the drift measured against the model in place before it (null otherwise)
 * @param refitKeptShare   on a refit night, the share of customers the new model leaves in the old one's segment
 * @param refitMoves       on a refit night, the last run's customers it moved, by cause (null: a first model)
 * @param refused          on a refit night, a better candidate refused for moving too many customers (or null)
 * @param refitMaxMoved    segment.refit_max_moved_share: the most a refit may move without --refit
 */
public record SegmentModelStatus(int version, String trainedOn, String algorithm, int k, boolean refittedTonight,
                                 String reason, String decision, boolean replaced, Integer previousVersion, LocalDate nextScheduledRefit,
                                 int refitDays, SegmentDrift drift, SegmentDrift driftBeforeRefit,
                                 List<Segment> segments, List<Retired> retired, Double refitKeptShare,
                                 List<Candidate> candidates, RefitCarryOver.Moves refitMoves,
                                 SegmentModelInfo.Refused refused, double refitMaxMoved) {

    /** One segment of the model tonight; {@code isNew} when tonight's refit created it. */
    public record Segment(int id, String name, String nameRule, Double nameHolds, long customers, double share,
                          double trainingShare, double unfitShare, boolean isNew) {
    }

    /** What the night did with the model: {@code night}'s model with drift measured against it, and a refit's moves. */
    static SegmentModelStatus of(SegmentModelChoice.Night night, SegmentDrift drift,
                                 List<SegmentChanges.RefitMove> refitMoves, JobConfig.SegmentSettings settings) {
        SegmentModelInfo info = night.model().info();
        List<Segment> segments = new ArrayList<>();
        for (SegmentModelInfo.SegmentInfo s : info.segments()) {
            SegmentDrift.SegmentNight n = drift.segments().get(s.segmentId());
            segments.add(new Segment(s.segmentId(), s.name(), ruleText(s, info), n.nameHolds(), n.customers(),
                    n.share(), s.share(), n.unfitShare(), night.refitted() && s.carriedFrom() == null));
        }
        Double kept = night.refitted() ? SegmentChanges.keptShare(refitMoves) : null;
        return new SegmentModelStatus(info.version(), info.trainedOn(), info.algorithm(), info.k(), night.refitted(),
                info.reason(), info.decision(), info.replaced(), info.parentVersion(), RefitPolicy.nextScheduled(settings, info),
                settings.model().refitDays(), drift, night.refitted() ? night.driftBefore() : null, segments,
                night.refitted() ? info.retired() : List.of(), kept, info.candidates(),
                night.refitted() ? info.moves() : null, night.refitted() ? info.refused() : null,
                settings.model().refitMaxMoved());
    }

    /** The rule a segment's name stands for, in words (null for a name no rule made). */
    static String ruleText(SegmentModelInfo.SegmentInfo s, SegmentModelInfo info) {
        return s.nameRule() == null ? null : SegmentNamer.Name.valueOf(s.nameRule()).rule(info.championOrders());
    }

    /** The manifest's {@code segment_model}. */
    ObjectNode asManifest() {
        ObjectNode m = ManifestJson.object();
        m.put("version", version);
        m.put("trained_on", trainedOn);
        m.put("algorithm", algorithm);
        m.put("k", k);
        m.put("refitted_tonight", refittedTonight);
        if (refittedTonight) {
            m.put("refit_reason", reason);
            m.put("refit_decision", decision);
            m.put("previous_version", previousVersion);
            if (driftBeforeRefit != null) {
                m.set("drift_before_refit", driftBeforeRefit.asManifest());
            }
            m.put("refit_kept_share", refitKeptShare == null ? null : SegmentDrift.round4(refitKeptShare));
            if (refitMoves != null) {
                ObjectNode moves = refitMoves.asManifest();
                moves.put("max_share", refitMaxMoved);
                m.set("refit_moves", moves);
            }
            if (refused != null) {
                ObjectNode r = m.putObject("refused_candidate");
                r.put("algorithm", refused.algorithm());
                r.put("k", refused.k());
                r.put("silhouette", SegmentDrift.round4(refused.silhouette()));
                r.set("moves", refused.moves().asManifest());
                r.put("why", refused.why());
            }
            ArrayNode added = m.putArray("new_segments");
            segments.stream().filter(Segment::isNew).forEach(s -> added.add(s.id() + " " + s.name()));
            m.set("retired_segments", ManifestJson.array(retired, r -> {
                ObjectNode g = ManifestJson.object();
                g.put("segment_id", r.segmentId());
                g.put("name", r.name());
                g.put("most_went_to", r.mostWentTo());
                g.put("customers", r.customers());
                return g;
            }));
        }
        m.put("next_scheduled_refit", nextScheduledRefit.toString());
        m.put("refit_days", refitDays);
        m.set("drift", drift.asManifest());
        ObjectNode segs = m.putObject("segments");
        for (Segment s : segments) {
            ObjectNode v = segs.putObject(s.id() + " " + s.name());
            v.put("customers", s.customers());
            v.put("share", SegmentDrift.round4(s.share()));
            v.put("training_share", SegmentDrift.round4(s.trainingShare()));
            v.put("unfit_share", SegmentDrift.round4(s.unfitShare()));
            v.put("name_rule", s.nameRule());
            v.put("name_holds", s.nameHolds() == null ? null : SegmentDrift.round4(s.nameHolds()));
        }
        return m;
    }
}
