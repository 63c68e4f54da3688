package io.fideliza.segment;

import static io.fideliza.contract.Columns.CENTROID_DISTANCE;
import static io.fideliza.contract.FeatureColumns.RECENCY_DAYS;
import static org.apache.spark.sql.functions.*;

import io.fideliza.segment.SegmentNamer.Name;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A cluster of a freshly trained model as its training night saw it: size, the share of members each name's
 * rule holds for, its average customer, its centroid, and how far its members sit from it. The same for the
 * whole population (cluster {@link #POPULATION}), which names and descriptions are measured against.
 *
 * @param center       the mean of the log-scaled behaviour vector (segment_centroids.center)
 * @param scaledCenter the mean of the standardised vector: how many standard deviations from the population
 * @param fitDistance  95% of the members are at most this far from the centroid: beyond it, no centroid fits
 * @param typicalRecency the median days since the last order of the members who ordered (null: none did)
 */
record ClusterSummary(int cluster, long customers, double[] shares, Map<String, Double> means, double[] center,
                      double[] scaledCenter, double meanDistance, double fitDistance, Double typicalRecency) {
    static final int POPULATION = -1;
    /** Members within this quantile of the distance to their centroid are fitted by it. */
    static final double FIT_QUANTILE = 0.95;

    /** Every cluster of {@code assigned} (features, vectors, cluster and distance), and the population, in one job. */
    static Map<Integer, ClusterSummary> of(Dataset<Row> assigned, int championOrders) {
        List<Column> aggs = new ArrayList<>();
        aggs.add(count(lit(1)).as("_n"));
        for (Name n : Name.values()) {
            aggs.add(avg(when(n.holds(championOrders), 1.0).otherwise(0.0)).as("_rule_" + n.ordinal()));
        }
        List<String> features = SegmentFeatureVector.names();
        for (String f : features) {
            aggs.add(avg(col(f).cast("double")).as("_mean_" + f));
        }
        aggs.add(Summarizer.mean(col(SegmentFeatureVector.RAW_VECTOR)).as("_center"));
        aggs.add(Summarizer.mean(col(Segmenter.SCALED)).as("_scaled_center"));
        aggs.add(avg(CENTROID_DISTANCE).as("_mean_distance"));
        aggs.add(percentile_approx(col(CENTROID_DISTANCE), lit(FIT_QUANTILE), lit(10_000)).as("_fit_distance"));
        aggs.add(percentile_approx(col(RECENCY_DAYS), lit(0.5), lit(10_000)).as("_typical_recency"));
        Map<Integer, ClusterSummary> out = new LinkedHashMap<>();
        List<Row> rows = assigned.rollup(Segmenter.CLUSTER)
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
                .collectAsList();
        for (Row r : rows) {
            int cluster = r.isNullAt(0) ? POPULATION : r.getInt(0);
            double[] shares = new double[Name.values().length];
            for (Name n : Name.values()) {
                shares[n.ordinal()] = r.getDouble(r.fieldIndex("_rule_" + n.ordinal()));
            }
            Map<String, Double> means = new LinkedHashMap<>();
            for (String f : features) {
                Object v = r.get(r.fieldIndex("_mean_" + f));
                means.put(f, v == null ? null : ((Number) v).doubleValue());
            }
            out.put(cluster, new ClusterSummary(cluster, r.getLong(r.fieldIndex("_n")), shares, means,
                    r.<Vector>getAs("_center").toArray(), r.<Vector>getAs("_scaled_center").toArray(),
                    r.getDouble(r.fieldIndex("_mean_distance")), ((Number) r.getAs("_fit_distance")).doubleValue(),
                    r.isNullAt(r.fieldIndex("_typical_recency")) ? null
                            : ((Number) r.getAs("_typical_recency")).doubleValue()));
        }
        return out;
    }

    double share(Name n) {
        return shares[n.ordinal()];
    }
}
