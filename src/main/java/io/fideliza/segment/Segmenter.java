package io.fideliza.segment;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig.SegmentSettings;
import io.fideliza.spark.ConcurrentJobs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.clustering.BisectingKMeans;
import org.apache.spark.ml.clustering.GaussianMixture;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
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
 * Segment: clusters customers on their scaled behaviour vector, names each cluster, and keeps
 * segment ids and names stable from run to run by matching clusters to the previous run's centroids.
 */
public final class Segmenter {
    static final String SCALED = "_segment_scaled";
    static final String CLUSTER = "_cluster";
    /** Centroids closer than this (in standard deviations, averaged over features) are the same segment. */
    static final double MATCH_DISTANCE = 0.75;
    /** K-means is fitted from this many seeds and the lowest-cost fit kept: one start often lands in a poor local optimum. */
    static final int KMEANS_STARTS = 5;
    /**
     * Customers per partition for the k search: an iteration over them is milliseconds of arithmetic, and
     * each further task only adds scheduling to its many small jobs (at S, 100,000 customers, one partition
     * instead of four: the stage, run a second time in one JVM, took 30 s instead of 39 s). The k search's
     * concurrent fits keep the cores busy.
     */
    static final int ROWS_PER_PARTITION = 200_000;
    /** MLlib's default convergence distance for k-means, used for the seeds' iterations too. */
    static final double KMEANS_EPSILON = 1e-4;
    /** K-means starts are seeded (k-means++) from at most this many customers, drawn once for all starts. */
    static final int SEEDING_SAMPLE = 10_000;
    /** An automatic k keeps the previous run's k unless another k's silhouette beats it by this much. */
    static final double K_CHANGE_MARGIN = 0.03;

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
        Dataset<Row> scaled = scaler.transform(withVector);
        scaled = scaled.coalesce((int) Math.max(1, (total + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION));
        // Locally the executors are this JVM, so a local checkpoint cannot be lost; it also cuts the lineage
        // that every task of the k search would otherwise deserialise. On a cluster an executor can be lost.
        scaled = spark.sparkContext().isLocal() ? scaled.localCheckpoint(true)
                : scaled.persist(StorageLevel.MEMORY_AND_DISK());
        List<PreviousCentroid> previousCentroids = previous.map(p -> readCentroids(p.centroids())).orElse(List.of());

        List<Candidate> candidates = new ArrayList<>();
        List<String> algorithms = settings.algorithm().equals("best")
                ? List.of("kmeans", "bisecting_kmeans", "gaussian_mixture") : List.of(settings.algorithm());
        List<Integer> ks = new ArrayList<>();
        int maxK = (int) Math.max(2, Math.min(total - 1, Integer.MAX_VALUE));
        if (settings.k() > 0) {
            ks.add((int) Math.min(settings.k(), maxK));
        } else {
            for (int k = settings.kMin(); k <= Math.min(settings.kMax(), maxK); k++) {
                ks.add(k);
            }
        }
        List<Fitted> fits = fitAll(algorithms, ks, scaled, total);
        if (fits.isEmpty()) {
            throw new IllegalStateException("no clustering could be fitted on " + total + " customers");
        }
        Fitted best = choose(fits, previousCentroids.size());
        fits.stream().filter(f -> f != best).forEach(f -> f.assigned.unpersist());
        for (Fitted f : fits) {
            candidates.add(new Candidate(f.algorithm, f.k, f.silhouette, f.smallestShare, f == best));
        }

        Dataset<Row> assigned = best.assigned;
        List<SegmentProfile> profiles = profiles(assigned);
        Map<Integer, Integer> ids = new HashMap<>();
        Map<Integer, String> names = new HashMap<>();
        match(profiles, previousCentroids, scaler.std().toArray(), ids, names);

        List<Segment> segments = new ArrayList<>();
        for (SegmentProfile p : profiles) {
            segments.add(new Segment(ids.get(p.cluster()), names.get(p.cluster()), SegmentNamer.describe(p), p));
        }
        segments.sort(Comparator.comparingInt(Segment::segmentId));

        Dataset<Row> mapping = spark.createDataFrame(segments.stream()
                .map(s -> RowFactory.create(s.profile().cluster(), s.segmentId(), s.name(), s.description()))
                .toList(), new StructType().add(CLUSTER, DataTypes.IntegerType).add(SEGMENT_ID, DataTypes.IntegerType)
                .add(SEGMENT_NAME, DataTypes.StringType).add(SEGMENT_DESCRIPTION, DataTypes.StringType));
        Dataset<Row> assignments = assigned.join(broadcast(mapping), CLUSTER)
                .select(col(CUSTOMER_ID), col(SEGMENT_ID), col(SEGMENT_NAME));
        if (previous.isPresent()) {
            assignments = assignments.join(previous.get().segments()
                    .select(col(CUSTOMER_ID), col(SEGMENT_ID).as(PREVIOUS_SEGMENT_ID)), CUSTOMER_ID, "left");
        } else {
            assignments = assignments.withColumn(PREVIOUS_SEGMENT_ID, lit(null).cast(DataTypes.IntegerType));
        }
        Dataset<Row> centroids = spark.createDataFrame(segments.stream()
                .map(s -> RowFactory.create(s.segmentId(), s.name(), s.description(), s.profile().customers(),
                        s.profile().center()))
                .toList(), new StructType().add(SEGMENT_ID, DataTypes.IntegerType).add(SEGMENT_NAME, DataTypes.StringType)
                .add(SEGMENT_DESCRIPTION, DataTypes.StringType).add(CUSTOMERS, DataTypes.LongType)
                .add("center", DataTypes.createArrayType(DataTypes.DoubleType, false)));
        return new Result(assignments, centroids, segments, candidates);
    }

    private static final class Fitted {
        final String algorithm;
        final int k;
        final double silhouette;
        final double smallestShare;
        final Dataset<Row> assigned;

        Fitted(String algorithm, int k, double silhouette, double smallestShare, Dataset<Row> assigned) {
            this.algorithm = algorithm;
            this.k = k;
            this.silhouette = silhouette;
            this.smallestShare = smallestShare;
            this.assigned = assigned;
        }
    }

    /** A model fitted for one candidate (algorithm, k) from one seed; null when it did not converge. */
    private record Start(String algorithm, int k, java.util.function.UnaryOperator<Dataset<Row>> assign, double cost) {
    }

    /**
     * Fits every candidate and evaluates it; k-means from {@link #KMEANS_STARTS} seeds, keeping the
     * lowest-cost start (the first on a tie). Candidates and starts are independent, so they run
     * concurrently ({@link ConcurrentJobs}); each has its own seed, so the result does not depend on the order.
     */
    private List<Fitted> fitAll(List<String> algorithms, List<Integer> ks, Dataset<Row> scaled, long total) {
        // K-means runs through MLlib's RDD interface, the engine under spark.ml's KMeans (same algorithm and
        // parameters), without the per-fit DataFrame conversion and summary: half the time per start. Each
        // start begins from centers seeded on the driver (KMeansSeeding), from one sample for all starts.
        JavaRDD<org.apache.spark.mllib.linalg.Vector> points = null;
        List<double[]> seedingSample = null;
        if (algorithms.contains("kmeans")) {
            points = scaled.select(SCALED).javaRDD()
                    .map(r -> org.apache.spark.mllib.linalg.Vectors.fromML(r.getAs(0)))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            if (spark.sparkContext().isLocal()) {
                points.rdd().localCheckpoint();
            }
            // Computes the points once here, not in each of the concurrent starts below.
            seedingSample = (total <= SEEDING_SAMPLE ? points.collect()
                    : points.takeSample(false, SEEDING_SAMPLE, settings.seed()))
                    .stream().map(org.apache.spark.mllib.linalg.Vector::toArray).toList();
        }
        JavaRDD<org.apache.spark.mllib.linalg.Vector> kmeansPoints = points;
        List<double[]> kmeansSample = seedingSample;
        List<Callable<Start>> starts = new ArrayList<>();
        for (String algorithm : algorithms) {
            for (int k : ks) {
                int seeds = algorithm.equals("kmeans") ? KMEANS_STARTS : 1;
                for (int start = 0; start < seeds; start++) {
                    long seed = settings.seed() + start;
                    starts.add(() -> fitOne(algorithm, k, seed, scaled, kmeansPoints, kmeansSample));
                }
            }
        }
        // Silhouettes compare values of k reliably only between good fits: one start per k is not enough.
        Map<String, Start> bestStart = new java.util.LinkedHashMap<>();
        List<Start> fitted = ConcurrentJobs.all(starts);
        if (points != null) {
            points.unpersist();
        }
        for (Start s : fitted) {
            if (s.assign() != null) {
                bestStart.merge(s.algorithm() + " " + s.k(), s, (kept, other) -> other.cost() < kept.cost() ? other : kept);
            }
        }
        List<Callable<Fitted>> evaluations = new ArrayList<>();
        for (Start s : bestStart.values()) {
            evaluations.add(() -> evaluate(s, scaled, total));
        }
        return ConcurrentJobs.all(evaluations);
    }

    private Start fitOne(String algorithm, int k, long seed, Dataset<Row> scaled,
                         JavaRDD<org.apache.spark.mllib.linalg.Vector> points, List<double[]> seedingSample) {
        try {
            return switch (algorithm) {
                case "kmeans" -> {
                    double[][] centers = KMeansSeeding.centers(seedingSample, k, seed, settings.maxIterations(),
                            KMEANS_EPSILON);
                    org.apache.spark.mllib.clustering.KMeansModel seeds = new org.apache.spark.mllib.clustering.KMeansModel(
                            java.util.Arrays.stream(centers).map(org.apache.spark.mllib.linalg.Vectors::dense).toList());
                    org.apache.spark.mllib.clustering.KMeansModel m = new org.apache.spark.mllib.clustering.KMeans()
                            .setK(k).setSeed(seed).setMaxIterations(settings.maxIterations()).setInitialModel(seeds)
                            .run(points.rdd());
                    org.apache.spark.sql.expressions.UserDefinedFunction nearest = udf(
                            (org.apache.spark.sql.api.java.UDF1<Vector, Integer>) v ->
                                    m.predict(org.apache.spark.mllib.linalg.Vectors.fromML(v)), DataTypes.IntegerType);
                    yield new Start(algorithm, k, rows -> rows.withColumn(CLUSTER, nearest.apply(col(SCALED))),
                            m.trainingCost());
                }
                case "bisecting_kmeans" -> new Start(algorithm, k, new BisectingKMeans().setK(k).setSeed(seed)
                        .setMaxIter(settings.maxIterations()).setFeaturesCol(SCALED).setPredictionCol(CLUSTER)
                        .fit(scaled)::transform, 0);
                case "gaussian_mixture" -> new Start(algorithm, k, new GaussianMixture().setK(k).setSeed(seed)
                        .setMaxIter(settings.maxIterations()).setFeaturesCol(SCALED).setPredictionCol(CLUSTER)
                        .setProbabilityCol("_probability").fit(scaled)::transform, 0);
                default -> throw new IllegalArgumentException(algorithm);
            };
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            return new Start(algorithm, k, null, Double.NaN); // A mixture that does not converge is not a candidate.
        }
    }

    private Fitted evaluate(Start start, Dataset<Row> scaled, long total) {
        Dataset<Row> assigned = start.assign().apply(scaled);
        if (start.algorithm().equals("gaussian_mixture")) {
            assigned = assigned.drop("_probability");
        }
        assigned = assigned.persist(StorageLevel.MEMORY_AND_DISK());
        List<Row> sizes = assigned.groupBy(CLUSTER).count().collectAsList();
        long smallest = sizes.stream().mapToLong(r -> r.getLong(1)).min().orElse(0);
        double silhouette = sizes.size() < 2 ? -1.0 : new ClusteringEvaluator().setFeaturesCol(SCALED)
                .setPredictionCol(CLUSTER).evaluate(assigned);
        return new Fitted(start.algorithm(), sizes.size(), silhouette, (double) smallest / Math.max(1, total), assigned);
    }

    /** Best silhouette among fits whose smallest segment is big enough; the previous k is kept unless clearly beaten. */
    private Fitted choose(List<Fitted> fits, int previousK) {
        List<Fitted> eligible = fits.stream().filter(f -> f.smallestShare >= settings.minSegmentShare()).toList();
        if (eligible.isEmpty()) {
            eligible = fits;
        }
        Fitted best = eligible.stream().max(Comparator.comparingDouble(f -> f.silhouette)).orElseThrow();
        if (settings.k() == 0 && previousK > 0) {
            Optional<Fitted> same = eligible.stream().filter(f -> f.k == previousK && f.algorithm.equals(best.algorithm))
                    .findFirst();
            if (same.isPresent() && best.silhouette - same.get().silhouette < K_CHANGE_MARGIN) {
                return same.get();
            }
        }
        return best;
    }

    private List<SegmentProfile> profiles(Dataset<Row> assigned) {
        List<Row> rows = assigned.groupBy(CLUSTER).agg(
                count(lit(1)), avg(ORDERS), avg(RECENCY_DAYS), avg(TENURE_DAYS), avg(MONETARY), avg(VIEWS),
                avg(ABANDONED_CARTS), avg(when(col(UNHAPPINESS).gt(0), 1.0).otherwise(0.0)), avg(OPEN_TICKETS),
                avg(when(col(ORDERS).gt(0), 1.0).otherwise(0.0)),
                Summarizer.mean(col(SegmentFeatureVector.RAW_VECTOR)))
                .orderBy(CLUSTER).collectAsList();
        List<SegmentProfile> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new SegmentProfile(r.getInt(0), r.getLong(1), r.getDouble(2), r.isNullAt(3) ? Double.NaN : r.getDouble(3),
                    r.getDouble(4), r.getDouble(5), r.getDouble(6), r.getDouble(7), r.getDouble(8), r.getDouble(9),
                    r.getDouble(10), ((Vector) r.get(11)).toArray()));
        }
        return out;
    }

    record PreviousCentroid(int segmentId, String name, double[] center) {
    }

    private static List<PreviousCentroid> readCentroids(Dataset<Row> centroids) {
        List<PreviousCentroid> out = new ArrayList<>();
        for (Row r : centroids.select(SEGMENT_ID, SEGMENT_NAME, "center").collectAsList()) {
            List<Double> c = r.getList(2);
            out.add(new PreviousCentroid(r.getInt(0), r.getString(1), c.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return out;
    }

    /**
     * Gives each cluster a segment id and name: a cluster close to a previous segment's centroid keeps
     * that segment's id and name (closest pairs first); the others get fresh ids and names by rule.
     */
    static void match(List<SegmentProfile> profiles, List<PreviousCentroid> previous, double[] std,
                      Map<Integer, Integer> ids, Map<Integer, String> names) {
        record Pair(int cluster, PreviousCentroid prev, double distance) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (SegmentProfile p : profiles) {
            for (PreviousCentroid prev : previous) {
                if (prev.center().length == p.center().length) {
                    pairs.add(new Pair(p.cluster(), prev, distance(p.center(), prev.center(), std)));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::distance));
        Set<Integer> usedIds = new HashSet<>();
        for (Pair pair : pairs) {
            if (pair.distance() <= MATCH_DISTANCE && !ids.containsKey(pair.cluster())
                    && !usedIds.contains(pair.prev().segmentId())) {
                ids.put(pair.cluster(), pair.prev().segmentId());
                names.put(pair.cluster(), pair.prev().name());
                usedIds.add(pair.prev().segmentId());
            }
        }
        List<SegmentProfile> unmatched = profiles.stream().filter(p -> !ids.containsKey(p.cluster())).toList();
        Map<Integer, String> fresh = SegmentNamer.name(unmatched, new HashSet<>(names.values()));
        int nextId = previous.stream().mapToInt(PreviousCentroid::segmentId).max().orElse(0) + 1;
        // New segments get ids in a fixed order (by name), so the same data gives the same ids.
        List<SegmentProfile> ordered = new ArrayList<>(unmatched);
        ordered.sort(Comparator.comparing((SegmentProfile p) -> SegmentNamer.RULES.stream().map(SegmentNamer.Rule::name)
                .toList().indexOf(fresh.get(p.cluster()).replaceAll(" \\d+$", ""))).thenComparing(p -> fresh.get(p.cluster())));
        for (SegmentProfile p : ordered) {
            ids.put(p.cluster(), nextId++);
            names.put(p.cluster(), fresh.get(p.cluster()));
        }
    }

    /** Root mean square of the per-feature differences, each in the current run's standard deviations. */
    static double distance(double[] a, double[] b, double[] std) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double s = std[i] > 1e-9 ? std[i] : 1.0;
            double d = (a[i] - b[i]) / s;
            sum += d * d;
        }
        return Math.sqrt(sum / a.length);
    }
}
