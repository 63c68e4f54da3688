package io.fideliza.segment;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fideliza.config.SegmentAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.clustering.BisectingKMeansModel;
import org.apache.spark.ml.clustering.GaussianMixtureModel;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A trained segmentation, kept as {@code _models/segments/version=N/}: the scaler and the clustering as Spark
 * ML models ({@code scaler/}, {@code clusters/}), what else it knows as {@code model.json}
 * ({@link SegmentModelInfo}), and the customers it was fitted on ({@code training_customers/}). A night
 * applies it: each customer joins the segment of the cluster the clustering puts them in.
 */
public final class SegmentModel {
    /** The model's name under {@code _models/}. */
    public static final String NAME = "segments";
    static final String SCALER = "scaler";
    static final String CLUSTERS = "clusters";
    static final String INFO = "model.json";
    static final String TRAINING_CUSTOMERS = "training_customers";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Which cluster a standardised vector belongs to: the clustering's own predict. */
    private interface ClusterOf extends Serializable {
        int apply(Vector v);
    }

    private final StandardScalerModel scaler;
    private final Model<?> clusters;
    private final SegmentModelInfo info;

    SegmentModel(StandardScalerModel scaler, Model<?> clusters, SegmentModelInfo info) {
        this.scaler = scaler;
        this.clusters = clusters;
        this.info = info;
    }

    public SegmentModelInfo info() {
        return info;
    }

    SegmentModel withInfo(SegmentModelInfo newInfo) {
        return new SegmentModel(scaler, clusters, newInfo);
    }

    StandardScalerModel scaler() {
        return scaler;
    }

    Model<?> clusters() {
        return clusters;
    }

    /** The customers with the log-scaled ({@link SegmentFeatureVector#RAW_VECTOR}) and standardised vectors. */
    Dataset<Row> scaled(Dataset<Row> features) {
        return scaler.transform(SegmentFeatureVector.withVector(features));
    }

    /** Scaled customers with their cluster ({@link Segmenter#CLUSTER}) and distance to its centroid. */
    Dataset<Row> clustered(Dataset<Row> scaled) {
        return withClusters(scaled, clusters);
    }

    /** Each customer's segment: features plus the vectors, cluster, centroid distance, segment id and name. */
    Dataset<Row> assign(Dataset<Row> features) {
        return withSegments(clustered(scaled(features)));
    }

    /** The segment id and name of each row's {@link Segmenter#CLUSTER}. */
    Dataset<Row> withSegments(Dataset<Row> clustered) {
        List<Column> ids = new ArrayList<>();
        List<Column> names = new ArrayList<>();
        for (SegmentModelInfo.SegmentInfo s : info.segments()) {
            ids.add(lit(s.cluster()));
            ids.add(lit(s.segmentId()));
            names.add(lit(s.cluster()));
            names.add(lit(s.name()));
        }
        Map<String, Column> segment = new LinkedHashMap<>();
        segment.put(SEGMENT_ID, element_at(map(ids.toArray(Column[]::new)), col(Segmenter.CLUSTER)));
        segment.put(SEGMENT_NAME, element_at(map(names.toArray(Column[]::new)), col(Segmenter.CLUSTER)));
        return clustered.withColumns(segment);
    }

    /** The cluster and centroid distance of every scaled row under any of the three clusterings. */
    static Dataset<Row> withClusters(Dataset<Row> scaled, Model<?> clustering) {
        double[][] centers = centers(clustering);
        ClusterOf clusterOf = clusterOf(clustering);
        StructType type = new StructType().add("c", DataTypes.IntegerType, false).add("d", DataTypes.DoubleType, false);
        UserDefinedFunction nearest = udf((UDF1<Vector, Row>) v -> {
            int c = clusterOf.apply(v);
            return RowFactory.create(c, distance(v.toArray(), centers[c]));
        }, type);
        Map<String, Column> fields = new LinkedHashMap<>();
        fields.put(Segmenter.CLUSTER, col("_cd").getField("c"));
        fields.put(CENTROID_DISTANCE, col("_cd").getField("d"));
        return scaled.withColumn("_cd", nearest.apply(col(Segmenter.SCALED))).withColumns(fields).drop("_cd");
    }

    /** Root mean square of the per-feature differences: standard deviations per feature, on average. */
    static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum / a.length);
    }

    /** The centres of the clusters, by cluster number, in the standardised space (a mixture's means). */
    static double[][] centers(Model<?> clustering) {
        if (clustering instanceof KMeansModel m) {
            return Arrays.stream(m.clusterCenters()).map(Vector::toArray).toArray(double[][]::new);
        }
        if (clustering instanceof BisectingKMeansModel m) {
            return Arrays.stream(m.clusterCenters()).map(Vector::toArray).toArray(double[][]::new);
        }
        if (clustering instanceof GaussianMixtureModel m) {
            return Arrays.stream(m.gaussians()).map(g -> g.mean().toArray()).toArray(double[][]::new);
        }
        throw new IllegalArgumentException("not a segment clustering: " + clustering.getClass().getName());
    }

    private static ClusterOf clusterOf(Model<?> clustering) {
        if (clustering instanceof KMeansModel m) {
            return m::predict;
        }
        if (clustering instanceof BisectingKMeansModel m) {
            return m::predict;
        }
        if (clustering instanceof GaussianMixtureModel m) {
            return m::predict;
        }
        throw new IllegalArgumentException("not a segment clustering: " + clustering.getClass().getName());
    }

    /** Writes the model into {@code folder} (a staged model version): Spark ML's own format, then model.json. */
    void save(Path folder, FileSystem fs, Dataset<Row> trainingCustomers) throws IOException {
        scaler.write().save(new Path(folder, SCALER).toString());
        ((MLWritable) clusters).write().save(new Path(folder, CLUSTERS).toString());
        trainingCustomers.write().parquet(new Path(folder, TRAINING_CUSTOMERS).toString());
        try (java.io.OutputStream out = fs.create(new Path(folder, INFO), true)) {
            out.write(toJson(info).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** The model saved in {@code folder}. */
    static SegmentModel load(Path folder, FileSystem fs) {
        SegmentModelInfo info;
        try (InputStream in = fs.open(new Path(folder, INFO))) {
            info = fromJson(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the segment model in " + folder, e);
        }
        String clusters = new Path(folder, CLUSTERS).toString();
        // Each load is a few small Spark jobs; the two run side by side.
        List<Model<?>> parts = io.fideliza.spark.ConcurrentJobs.all(List.of(
                () -> StandardScalerModel.load(new Path(folder, SCALER).toString()),
                () -> switch (SegmentAlgorithm.valueOf(info.algorithm().toUpperCase(java.util.Locale.ROOT))) {
                    case KMEANS -> KMeansModel.load(clusters);
                    case BISECTING_KMEANS -> BisectingKMeansModel.load(clusters);
                    case GAUSSIAN_MIXTURE -> GaussianMixtureModel.load(clusters);
                }));
        return new SegmentModel((StandardScalerModel) parts.get(0), parts.get(1), info);
    }

    static String toJson(SegmentModelInfo info) {
        try {
            return JSON.writeValueAsString(info) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SegmentModelInfo fromJson(String json) {
        try {
            return JSON.readValue(json, SegmentModelInfo.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a segment model description: " + e.getMessage(), e);
        }
    }
}
