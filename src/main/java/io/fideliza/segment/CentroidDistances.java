package io.fideliza.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Why a customer is in their segment: their distance to every segment's centroid in a saved model's standardised
 * space (standard deviations per feature, on average), measured as the nightly assignment measures it.
 */
public final class CentroidDistances {
    private CentroidDistances() {
    }

    /** One segment of the model and the customer's distance to its centroid. */
    public record Distance(int segmentId, String name, double distance) {
    }

    /** Per segment of the model in {@code modelFolder}, nearest first, for the one customer in {@code features}. */
    public static List<Distance> of(Path modelFolder, FileSystem fs, Dataset<Row> features) {
        SegmentModel model = SegmentModel.load(modelFolder, fs);
        List<Row> rows = model.scaled(features).select(Segmenter.SCALED).collectAsList();
        if (rows.size() != 1) {
            throw new IllegalArgumentException("one customer's features expected, not " + rows.size());
        }
        double[] v = ((Vector) rows.get(0).get(0)).toArray();
        double[][] centers = SegmentModel.centers(model.clusters());
        List<Distance> out = new ArrayList<>();
        for (SegmentModelInfo.SegmentInfo s : model.info().segments()) {
            out.add(new Distance(s.segmentId(), s.name(), SegmentModel.distance(v, centers[s.cluster()])));
        }
        out.sort(Comparator.comparingDouble(Distance::distance).thenComparing(Distance::segmentId));
        return out;
    }
}
