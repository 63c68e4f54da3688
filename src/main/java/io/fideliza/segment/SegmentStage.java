package io.fideliza.segment;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig.SegmentSettings;
import io.fideliza.contract.OutputDataset;
import io.fideliza.features.FeaturesStage.Features;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.Outputs;
import io.fideliza.run.Stage;
import io.fideliza.run.StageResult;
import io.fideliza.run.StageResults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Segments, with the RFM view, each segment's profile and centroid, and who moved since the previous run. */
public final class SegmentStage implements Stage<SegmentStage.Input, SegmentStage.Segmentation> {

    public record Input(CleanInputs clean, Dataset<Row> features) {
    }

    /** The published segments (read back), the segments of this run, and how they were chosen. */
    public record Segmentation(Dataset<Row> segments, long customers, List<Segmenter.Segment> list,
                               List<Segmenter.Candidate> candidates, boolean matchedToPrevious) implements StageResult {
        @Override
        public String summary() {
            Segmenter.Candidate chosen = candidates.stream().filter(Segmenter.Candidate::chosen).findFirst().orElseThrow();
            return String.format(Locale.ROOT, "%d customers in %d segments (%s, silhouette %.3f)%s", customers,
                    list.size(), chosen.algorithm(), chosen.silhouette(),
                    matchedToPrevious ? ", matched to the previous run" : "");
        }

        @Override
        public void record(Manifest manifest) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            for (Segmenter.Candidate c : candidates) {
                evidence.put(c.algorithm() + " k=" + c.k(), Map.of("silhouette", round4(c.silhouette()),
                        "smallest_share", round4(c.smallestShare()), "chosen", c.chosen()));
            }
            manifest.detail("segmentation", evidence);
        }

        private static double round4(double v) {
            return Math.round(v * 10000) / 10000.0;
        }
    }

    private final SparkSession spark;
    private final SegmentSettings settings;

    public SegmentStage(SparkSession spark, SegmentSettings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "segment";
    }

    @Override
    public Input input(StageResults earlier) {
        return new Input(earlier.get(CleanInputs.class), earlier.get(Features.class).rows());
    }

    @Override
    public Segmentation run(Input in, Outputs outputs) {
        Optional<Segmenter.Previous> previous = outputs.previousRunDate(OutputDataset.SEGMENT_CENTROIDS)
                .flatMap(d -> outputs.published(OutputDataset.SEGMENT_CENTROIDS, d)
                        .flatMap(c -> outputs.published(OutputDataset.SEGMENTS, d)
                                .map(s -> new Segmenter.Previous(c, s))));
        Segmenter.Result result = new Segmenter(spark, settings).run(in.features(), previous);
        Outputs.Staged segments = outputs.stage(OutputDataset.SEGMENTS,
                result.assignments().join(RfmScorer.score(in.features()), CUSTOMER_ID, "left"));
        outputs.stage(OutputDataset.SEGMENT_CENTROIDS, result.centroids());
        outputs.stage(OutputDataset.SEGMENT_PROFILES,
                new SegmentProfiler(spark).profile(segments.rows(), in.features(), in.clean(), result.segments()));
        outputs.stage(OutputDataset.SEGMENT_MIGRATIONS, migrations(segments.rows()));
        return new Segmentation(segments.rows(), segments.count(), result.segments(), result.candidates(),
                previous.isPresent());
    }

    /** Customers per (previous segment, current segment) pair; a first run's pairs all come from null. */
    static Dataset<Row> migrations(Dataset<Row> segments) {
        return segments.groupBy(col(PREVIOUS_SEGMENT_ID).as(FROM_SEGMENT_ID), col(SEGMENT_ID).as(TO_SEGMENT_ID))
                .agg(count(lit(1)).as(CUSTOMERS)).orderBy(FROM_SEGMENT_ID, TO_SEGMENT_ID);
    }
}
