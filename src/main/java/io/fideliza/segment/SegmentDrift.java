package io.fideliza.segment;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fideliza.config.SegmentModelSettings;
import io.fideliza.manifest.ManifestJson;
import io.fideliza.segment.SegmentModelInfo.SegmentInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How far tonight's customers have drifted from the segment model's training night: segment shares against
 * the model's (total variation distance), the share of customers no centroid fits (farther from their centroid
 * than 95% of its members were), and the mean distance to the centroid against the training night's; each with
 * the threshold that refits. Also, per segment, the share of members the name's rule holds for tonight.
 */
public record SegmentDrift(long customers, Map<Integer, SegmentNight> segments, double sizeShift, double unfitShare,
                           double meanDistance, double trainingMeanDistance, double distanceRatio,
                           SegmentModelSettings thresholds) {

    /** One segment tonight: members, their mean distance to the centroid, the unfit share, the name's hold. */
    public record SegmentNight(int segmentId, long customers, double share, double trainingShare, double meanDistance,
                               double trainingMeanDistance, double unfitShare, Double nameHolds) {
    }

    /** Tonight's sums per segment, the input of {@link #of}. */
    record Sums(int segmentId, long customers, double distance, long unfit, long nameHolds) {
    }

    /** One job over the assigned customers (features with segment_id and centroid_distance). */
    static SegmentDrift measure(Dataset<Row> assigned, SegmentModelInfo model, SegmentModelSettings thresholds) {
        Column fit = lit(Double.MAX_VALUE);
        Column holds = lit(false);
        for (SegmentInfo s : model.segments()) {
            fit = when(col(SEGMENT_ID).equalTo(s.segmentId()), lit(s.fitDistance())).otherwise(fit);
            if (s.nameRule() != null) {
                holds = when(col(SEGMENT_ID).equalTo(s.segmentId()),
                        SegmentNamer.Name.valueOf(s.nameRule()).holds(model.championOrders())).otherwise(holds);
            }
        }
        List<Sums> sums = new ArrayList<>();
        for (Row r : assigned.groupBy(SEGMENT_ID).agg(count(lit(1)), sum(CENTROID_DISTANCE),
                        sum(when(col(CENTROID_DISTANCE).gt(fit), 1L).otherwise(0L)),
                        sum(when(holds, 1L).otherwise(0L)))
                .collectAsList()) {
            sums.add(new Sums(r.getInt(0), r.getLong(1), r.getDouble(2), r.getLong(3), r.getLong(4)));
        }
        return of(sums, model, thresholds);
    }

    /** The figures from tonight's sums; segments of the model without members tonight count with 0. */
    static SegmentDrift of(List<Sums> sums, SegmentModelInfo model, SegmentModelSettings thresholds) {
        long customers = sums.stream().mapToLong(Sums::customers).sum();
        double n = Math.max(1, customers);
        Map<Integer, Sums> bySegment = new TreeMap<>();
        sums.forEach(s -> bySegment.put(s.segmentId(), s));
        Map<Integer, SegmentNight> nights = new LinkedHashMap<>();
        double shift = 0;
        double trainingMean = 0;
        for (SegmentInfo s : model.segments()) {
            Sums t = bySegment.getOrDefault(s.segmentId(), new Sums(s.segmentId(), 0, 0, 0, 0));
            double share = t.customers() / n;
            shift += Math.abs(share - s.share());
            trainingMean += s.share() * s.meanDistance();
            nights.put(s.segmentId(), new SegmentNight(s.segmentId(), t.customers(), share, s.share(),
                    t.customers() == 0 ? 0 : t.distance() / t.customers(), s.meanDistance(),
                    t.customers() == 0 ? 0 : t.unfit() / (double) t.customers(),
                    s.nameRule() == null || t.customers() == 0 ? null : t.nameHolds() / (double) t.customers()));
        }
        double distance = sums.stream().mapToDouble(Sums::distance).sum() / n;
        double unfit = sums.stream().mapToLong(Sums::unfit).sum() / n;
        return new SegmentDrift(customers, nights, shift / 2, unfit, distance, trainingMean,
                trainingMean > 0 ? distance / trainingMean : 1.0, thresholds);
    }

    /** The thresholds passed tonight, each in words; empty when none is. */
    public List<String> triggers() {
        List<String> out = new ArrayList<>();
        if (sizeShift > thresholds.maxSizeShift()) {
            out.add(String.format(Locale.ROOT, "segment sizes moved %.3f (segment.drift.max_size_shift %s)", sizeShift,
                    thresholds.maxSizeShift()));
        }
        if (unfitShare > thresholds.maxUnfitShare()) {
            out.add(String.format(Locale.ROOT, "%.1f%% of customers fit no centroid (segment.drift.max_unfit_share %s)",
                    100 * unfitShare, thresholds.maxUnfitShare()));
        }
        if (distanceRatio > thresholds.maxDistanceRatio()) {
            out.add(String.format(Locale.ROOT, "customers sit %.2f times as far from their centroid as on the "
                    + "training night (segment.drift.max_distance_ratio %s)", distanceRatio, thresholds.maxDistanceRatio()));
        }
        return out;
    }

    /** The manifest's view: each measure beside its threshold. */
    ObjectNode asManifest() {
        ObjectNode m = ManifestJson.object();
        m.put("size_shift", round4(sizeShift));
        m.put("max_size_shift", thresholds.maxSizeShift());
        m.put("unfit_share", round4(unfitShare));
        m.put("max_unfit_share", thresholds.maxUnfitShare());
        m.put("mean_distance", round4(meanDistance));
        m.put("training_mean_distance", round4(trainingMeanDistance));
        m.put("distance_ratio", round4(distanceRatio));
        m.put("max_distance_ratio", thresholds.maxDistanceRatio());
        m.put("triggers_refit", !triggers().isEmpty());
        return m;
    }

    static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
