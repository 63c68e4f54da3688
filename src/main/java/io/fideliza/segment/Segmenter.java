package io.fideliza.segment;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig.SegmentSettings;
import io.fideliza.contract.OutputSchemas;
import io.fideliza.segment.SegmentMatcher.Identity;
import io.fideliza.segment.SegmentMatcher.PreviousCentroid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Segment: clusters customers on their scaled behaviour vector ({@link ClusterFits}), names each cluster,
 * and keeps segment ids and names stable from run to run by matching clusters to the previous run's
 * centroids ({@link SegmentMatcher}).
 */
public final class Segmenter {
    static final String SCALED = "_segment_scaled";
    static final String CLUSTER = "_cluster";
    /**
     * Customers per partition for the k search: an iteration over them is milliseconds of arithmetic, and
     * each further task only adds scheduling to its many small jobs (docs/benchmarks.md).
     */
    static final int ROWS_PER_PARTITION = 200_000;

    /** One fitted candidate, as evidence of how the model was chosen. */
    public record Candidate(String algorithm, int k, double silhouette, double smallestShare, boolean chosen) {
    }

    /** A segment of this run: its stable id, name, description and centroid. */
    public record Segment(int segmentId, String name, String description, SegmentProfile profile) {
    }

    public record Result(Dataset<Row> assignments, Dataset<Row> centroids, List<Segment> segments,
                         List<Candidate> candidates) {
    }

    /** What the previous run left: its centroids (segment_centroids) and per-customer segments. */
    public record Previous(Dataset<Row> centroids, Dataset<Row> segments) {
    }

    private final SparkSession spark;
    private final SegmentSettings settings;

    public Segmenter(SparkSession spark, SegmentSettings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    public Result run(Dataset<Row> features, Optional<Previous> previous) {
        Dataset<Row> withVector = SegmentFeatureVector.withVector(features);
        StandardScalerModel scaler = new StandardScaler().setInputCol(SegmentFeatureVector.RAW_VECTOR)
                .setOutputCol(SCALED).setWithMean(true).setWithStd(true).fit(withVector);
        long total = features.count();
        Dataset<Row> scaled = scaler.transform(withVector)
                .coalesce((int) Math.max(1, (total + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION));
        // Locally the executors are this JVM, so a local checkpoint cannot be lost; it also cuts the lineage
        // that every task of the k search would otherwise deserialise. On a cluster an executor can be lost.
        scaled = spark.sparkContext().isLocal() ? scaled.localCheckpoint(true)
                : scaled.persist(StorageLevel.MEMORY_AND_DISK());
        List<PreviousCentroid> previousCentroids = previous.map(p -> readCentroids(p.centroids())).orElse(List.of());

        ClusterFits search = new ClusterFits(spark, settings);
        List<ClusterFits.Fit> fits = search.fitAll(scaled, total);
        if (fits.isEmpty()) {
            throw new IllegalStateException("no clustering could be fitted on " + total + " customers");
        }
        ClusterFits.Fit best = search.choose(fits, previousCentroids.size());
        fits.stream().filter(f -> f != best).forEach(f -> f.assigned().unpersist());
        List<Candidate> candidates = fits.stream().map(f -> new Candidate(f.algorithm().code(), f.k(),
                f.silhouette(), f.smallestShare(), f == best)).toList();

        List<SegmentProfile> profiles = profiles(best.assigned());
        Map<Integer, Identity> identities = SegmentMatcher.match(profiles, previousCentroids, scaler.std().toArray());
        List<Segment> segments = new ArrayList<>();
        for (SegmentProfile p : profiles) {
            Identity id = identities.get(p.cluster());
            segments.add(new Segment(id.segmentId(), id.name(), SegmentNamer.describe(p), p));
        }
        segments.sort(Comparator.comparingInt(Segment::segmentId));

        Dataset<Row> mapping = spark.createDataFrame(segments.stream()
                .map(s -> RowFactory.create(s.profile().cluster(), s.segmentId(), s.name()))
                .toList(), new StructType().add(CLUSTER, DataTypes.IntegerType).add(SEGMENT_ID, DataTypes.IntegerType)
                .add(SEGMENT_NAME, DataTypes.StringType));
        Dataset<Row> assignments = best.assigned().join(broadcast(mapping), CLUSTER)
                .select(col(CUSTOMER_ID), col(SEGMENT_ID), col(SEGMENT_NAME));
        assignments = previous.isPresent()
                ? assignments.join(previous.get().segments()
                        .select(col(CUSTOMER_ID), col(SEGMENT_ID).as(PREVIOUS_SEGMENT_ID)), CUSTOMER_ID, "left")
                : assignments.withColumn(PREVIOUS_SEGMENT_ID, lit(null).cast(DataTypes.IntegerType));
        Dataset<Row> centroids = spark.createDataFrame(segments.stream()
                .map(s -> RowFactory.create(s.segmentId(), s.name(), s.description(), s.profile().customers(),
                        s.profile().center()))
                .toList(), OutputSchemas.SEGMENT_CENTROIDS);
        return new Result(assignments, centroids, segments, candidates);
    }

    /** Each cluster's average customer, in the units a marketer reads. */
    private static List<SegmentProfile> profiles(Dataset<Row> assigned) {
        List<Row> rows = assigned.groupBy(CLUSTER).agg(
                count(lit(1)).as("customers"), avg(ORDERS).as("orders"), avg(RECENCY_DAYS).as("recency"),
                avg(TENURE_DAYS).as("tenure"), avg(MONETARY).as("monetary"), avg(VIEWS).as("views"),
                avg(ABANDONED_CARTS).as("carts"), avg(when(col(UNHAPPINESS).gt(0), 1.0).otherwise(0.0)).as("unhappy"),
                avg(OPEN_TICKETS).as("open_tickets"), avg(when(col(ORDERS).gt(0), 1.0).otherwise(0.0)).as("buyers"),
                Summarizer.mean(col(SegmentFeatureVector.RAW_VECTOR)).as("center"))
                .orderBy(CLUSTER).collectAsList();
        List<SegmentProfile> out = new ArrayList<>();
        for (Row r : rows) {
            Double recency = r.getAs("recency");
            out.add(new SegmentProfile(r.<Integer>getAs(CLUSTER), r.<Long>getAs("customers"), r.<Double>getAs("orders"),
                    recency == null ? Double.NaN : recency, r.<Double>getAs("tenure"), r.<Double>getAs("monetary"),
                    r.<Double>getAs("views"), r.<Double>getAs("carts"), r.<Double>getAs("unhappy"),
                    r.<Double>getAs("open_tickets"), r.<Double>getAs("buyers"), r.<Vector>getAs("center").toArray()));
        }
        return out;
    }

    private static List<PreviousCentroid> readCentroids(Dataset<Row> centroids) {
        List<PreviousCentroid> out = new ArrayList<>();
        for (Row r : centroids.select(SEGMENT_ID, SEGMENT_NAME, CENTER).collectAsList()) {
            List<Double> c = r.getList(2);
            out.add(new PreviousCentroid(r.getInt(0), r.getString(1), c.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return out;
    }
}
