package io.fideliza.segment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import io.fideliza.config.JobConfig.SegmentSettings;
import io.fideliza.config.SegmentAlgorithm;
import io.fideliza.spark.ConcurrentJobs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.clustering.BisectingKMeans;
import org.apache.spark.ml.clustering.BisectingKMeansModel;
import org.apache.spark.ml.clustering.GaussianMixture;
import org.apache.spark.ml.clustering.GaussianMixtureModel;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * The k search: every candidate (algorithm, k) fitted on the scaled customers, scored by its silhouette,
 * and the best chosen. Candidates and k-means starts are independent, so they run concurrently
 * ({@link ConcurrentJobs}); each has its own seed, so the result does not depend on the order.
 */
final class ClusterFits {
    /** K-means is fitted from this many seeds and the lowest-cost fit kept: one start often lands in a poor local optimum. */
    static final int KMEANS_STARTS = 5;
    /** MLlib's default convergence distance for k-means, used for the seeds' iterations too. */
    static final double KMEANS_EPSILON = 1e-4;
    /** K-means starts are seeded (k-means++) from at most this many customers, drawn once for all starts. */
    static final int SEEDING_SAMPLE = 10_000;
    /**
     * One evaluated candidate: the fitted Spark ML model (k-means, bisecting k-means or Gaussian mixture), its
     * clusters on every customer ({@link Segmenter#CLUSTER}) and its scores.
     */
    record Fit(SegmentAlgorithm algorithm, int k, double silhouette, double smallestShare, Dataset<Row> assigned,
               Model<?> model) {
    }

    /** A model fitted for one candidate from one seed: how it assigns clusters, and its cost (k-means). */
    private record Start(SegmentAlgorithm algorithm, int k, UnaryOperator<Dataset<Row>> assign, double cost,
                         Model<?> model) {
    }

    private final SparkSession spark;
    private final SegmentSettings settings;

    ClusterFits(SparkSession spark, SegmentSettings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    /** The values of k to try on {@code customers} customers. */
    List<Integer> candidateKs(long customers) {
        int maxK = (int) Math.max(2, Math.min(customers - 1, Integer.MAX_VALUE));
        if (settings.k() > 0) {
            return List.of(Math.min(settings.k(), maxK));
        }
        List<Integer> ks = new ArrayList<>();
        for (int k = settings.kMin(); k <= Math.min(settings.kMax(), maxK); k++) {
            ks.add(k);
        }
        return ks;
    }

    /** Every candidate fitted and evaluated, in the order of the algorithms and then k. */
    List<Fit> fitAll(Dataset<Row> scaled, long total) {
        List<SegmentAlgorithm> algorithms = settings.algorithm().algorithms();
        List<Integer> ks = candidateKs(total);
        // K-means runs through MLlib's RDD interface, the engine under spark.ml's KMeans (same algorithm and
        // parameters), without the per-fit DataFrame conversion and summary. Each start begins from centers
        // seeded on the driver (KMeansSeeding), from one sample for all starts.
        JavaRDD<org.apache.spark.mllib.linalg.Vector> points = null;
        List<double[]> sample = null;
        if (algorithms.contains(SegmentAlgorithm.KMEANS)) {
            points = scaled.select(Segmenter.SCALED).javaRDD()
                    .map(r -> Vectors.fromML(r.getAs(0)))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            if (spark.sparkContext().isLocal()) {
                points.rdd().localCheckpoint();
            }
            // Computes the points once here, not in each of the concurrent starts below.
            sample = (total <= SEEDING_SAMPLE ? points.collect()
                    : points.takeSample(false, SEEDING_SAMPLE, settings.seed()))
                    .stream().map(org.apache.spark.mllib.linalg.Vector::toArray).toList();
        }
        JavaRDD<org.apache.spark.mllib.linalg.Vector> kmeansPoints = points;
        List<double[]> kmeansSample = sample;
        List<Callable<Optional<Start>>> starts = new ArrayList<>();
        for (SegmentAlgorithm algorithm : algorithms) {
            for (int k : ks) {
                int seeds = algorithm == SegmentAlgorithm.KMEANS ? KMEANS_STARTS : 1;
                for (int start = 0; start < seeds; start++) {
                    long seed = settings.seed() + start;
                    starts.add(() -> fitOne(algorithm, k, seed, scaled, kmeansPoints, kmeansSample));
                }
            }
        }
        // Silhouettes compare values of k reliably only between good fits: one start per k is not enough.
        Map<String, Start> bestStart = new LinkedHashMap<>();
        List<Optional<Start>> fitted = ConcurrentJobs.all(starts);
        if (points != null) {
            points.unpersist();
        }
        for (Optional<Start> s : fitted) {
            s.ifPresent(start -> bestStart.merge(start.algorithm() + " " + start.k(), start,
                    (kept, other) -> other.cost() < kept.cost() ? other : kept));
        }
        List<Callable<Fit>> evaluations = new ArrayList<>();
        for (Start s : bestStart.values()) {
            evaluations.add(() -> evaluate(s, scaled, total));
        }
        return ConcurrentJobs.all(evaluations);
    }

    /** One candidate from one seed; empty when a mixture does not converge (it is then no candidate). */
    private Optional<Start> fitOne(SegmentAlgorithm algorithm, int k, long seed, Dataset<Row> scaled,
                                   JavaRDD<org.apache.spark.mllib.linalg.Vector> points, List<double[]> sample) {
        return switch (algorithm) {
            case KMEANS -> {
                double[][] centers = KMeansSeeding.centers(sample, k, seed, settings.maxIterations(), KMEANS_EPSILON);
                KMeansModel seeds = new KMeansModel(Arrays.stream(centers).map(Vectors::dense).toList());
                KMeansModel m = new KMeans().setK(k).setSeed(seed).setMaxIterations(settings.maxIterations())
                        .setInitialModel(seeds).run(points.rdd());
                UserDefinedFunction nearest = udf((UDF1<Vector, Integer>) v -> m.predict(Vectors.fromML(v)),
                        DataTypes.IntegerType);
                // The spark.ml model around the MLlib one: what the segment model saves and applies (same predict).
                yield Optional.of(new Start(algorithm, k,
                        rows -> rows.withColumn(Segmenter.CLUSTER, nearest.apply(col(Segmenter.SCALED))),
                        m.trainingCost(), new org.apache.spark.ml.clustering.KMeansModel("segments-kmeans", m)));
            }
            case BISECTING_KMEANS -> {
                BisectingKMeansModel m = new BisectingKMeans().setK(k).setSeed(seed)
                        .setMaxIter(settings.maxIterations()).setFeaturesCol(Segmenter.SCALED)
                        .setPredictionCol(Segmenter.CLUSTER).fit(scaled);
                yield Optional.of(new Start(algorithm, k, m::transform, 0, m));
            }
            case GAUSSIAN_MIXTURE -> gaussianMixture(k, seed, scaled);
        };
    }

    private Optional<Start> gaussianMixture(int k, long seed, Dataset<Row> scaled) {
        try {
            GaussianMixtureModel m = new GaussianMixture().setK(k).setSeed(seed)
                    .setMaxIter(settings.maxIterations()).setFeaturesCol(Segmenter.SCALED)
                    .setPredictionCol(Segmenter.CLUSTER).setProbabilityCol("_probability").fit(scaled);
            return Optional.of(new Start(SegmentAlgorithm.GAUSSIAN_MIXTURE, k,
                    rows -> m.transform(rows).drop("_probability"), 0, m));
        } catch (Exception e) { // SparkException too: a task's failure arrives wrapped in it.
            if (notConverged(e)) {
                return Optional.empty();
            }
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }

    /** Whether a mixture failed because its covariances degenerated (breeze's decompositions give up). */
    static boolean notConverged(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof breeze.linalg.NotConvergedException || t instanceof breeze.linalg.MatrixSingularException) {
                return true;
            }
        }
        return false;
    }

    private Fit evaluate(Start start, Dataset<Row> scaled, long total) {
        Dataset<Row> assigned = start.assign().apply(scaled).persist(StorageLevel.MEMORY_AND_DISK());
        List<Row> sizes = assigned.groupBy(Segmenter.CLUSTER).count().collectAsList();
        long smallest = sizes.stream().mapToLong(r -> r.getLong(1)).min().orElse(0);
        double silhouette = sizes.size() < 2 ? -1.0 : new ClusteringEvaluator().setFeaturesCol(Segmenter.SCALED)
                .setPredictionCol(Segmenter.CLUSTER).evaluate(assigned);
        return new Fit(start.algorithm(), sizes.size(), silhouette, (double) smallest / Math.max(1, total), assigned,
                start.model());
    }

    /** The silhouette of any partition of the customers ({@link Segmenter#CLUSTER} beside the scaled vector). */
    static double silhouette(Dataset<Row> assigned) {
        return new ClusteringEvaluator().setFeaturesCol(Segmenter.SCALED).setPredictionCol(Segmenter.CLUSTER)
                .evaluate(assigned);
    }

    /** Whether a candidate may be chosen at all: its smallest segment holds at least min_segment_share. */
    boolean eligible(double smallestShare) {
        return smallestShare >= settings.minSegmentShare();
    }

    /** Best silhouette among fits whose smallest segment is big enough; the previous k is kept unless clearly beaten. */
    Fit choose(List<Fit> fits, int previousK) {
        List<Fit> eligible = fits.stream().filter(f -> eligible(f.smallestShare())).toList();
        if (eligible.isEmpty()) {
            eligible = fits;
        }
        Fit best = eligible.stream().max(Comparator.comparingDouble(Fit::silhouette)).orElseThrow();
        if (settings.k() == 0 && previousK > 0) {
            Optional<Fit> same = eligible.stream()
                    .filter(f -> f.k() == previousK && f.algorithm() == best.algorithm()).findFirst();
            if (same.isPresent() && best.silhouette() - same.get().silhouette() <= settings.model().refitMargin()) {
                return same.get();
            }
        }
        return best;
    }
}
