package io.fideliza.segment;

import io.fideliza.contract.FeatureColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A small saved segment model for tests of what reads one: k-means on the given customers' features. */
public final class SegmentModelFixture {
    private SegmentModelFixture() {
    }

    /** A segment of the fixture: its id and name, and a customer it holds (which fixes its cluster). */
    public record Segment(int id, String name, String member) {
    }

    /** Fits and saves a model of {@code segments.size()} clusters in {@code folder} (a version folder). */
    public static void save(Dataset<Row> features, List<Segment> segments, Path folder) {
        Dataset<Row> raw = SegmentFeatureVector.withVector(features);
        StandardScalerModel scaler = new StandardScaler().setInputCol(SegmentFeatureVector.RAW_VECTOR)
                .setOutputCol(Segmenter.SCALED).setWithMean(true).setWithStd(true).fit(raw);
        Dataset<Row> scaled = scaler.transform(raw);
        KMeansModel km = new KMeans().setK(segments.size()).setSeed(1).setFeaturesCol(Segmenter.SCALED)
                .setPredictionCol("_p").fit(scaled);
        List<SegmentModelInfo.SegmentInfo> infos = new ArrayList<>();
        for (Segment s : segments) {
            Row member = scaled.filter(org.apache.spark.sql.functions.col("customer_id").equalTo(s.member()))
                    .select(Segmenter.SCALED).first();
            int cluster = km.predict((Vector) member.get(0));
            infos.add(new SegmentModelInfo.SegmentInfo(s.id(), s.name(), null, s.name(), cluster, 2, 0.5, 0.0, 0.0,
                    null, null, km.clusterCenters()[cluster].toArray(), null));
        }
        SegmentModelInfo info = new SegmentModelInfo(1, null, "2026-06-30", "no model yet", "new model", true, "kmeans",
                segments.size(), FeatureColumns.SEGMENTATION, features.count(), 1.0, 0.5, 5,
                segments.stream().mapToInt(Segment::id).max().orElse(0), List.of(), infos, List.of(), null, null);
        try {
            scaler.write().save(folder.resolve(SegmentModel.SCALER).toString());
            km.write().save(folder.resolve(SegmentModel.CLUSTERS).toString());
            Files.writeString(folder.resolve(SegmentModel.INFO), SegmentModel.toJson(info));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
