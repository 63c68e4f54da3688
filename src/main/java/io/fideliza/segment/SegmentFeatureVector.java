package io.fideliza.segment;

import static io.fideliza.contract.FeatureColumns.*;
import static org.apache.spark.sql.functions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The behaviour vector segmentation clusters on. Counts and amounts are heavily skewed (a few heavy
 * buyers), so they enter as log(1 + x); "never" (no order, no visit) becomes a long recency.
 */
final class SegmentFeatureVector {
    static final String RAW_VECTOR = "_segment_x";
    /** Days standing for "never" in recency-like features: older than any history we keep. */
    static final int NEVER_DAYS = 1000;

    private SegmentFeatureVector() {
    }

    static List<String> names() {
        return SEGMENTATION;
    }

    static Column value(String feature) {
        Column c = col(feature).cast("double");
        return switch (feature) {
            case RECENCY_DAYS, DAYS_SINCE_LAST_VISIT -> log1p(coalesce(c, lit((double) NEVER_DAYS)));
            case CART_ABANDONMENT_RATE -> coalesce(c, lit(0.0));
            case UNHAPPINESS -> coalesce(c, lit(0.0));
            default -> log1p(greatest(coalesce(c, lit(0.0)), lit(0.0)));
        };
    }

    /** The features with one more column, the log-scaled behaviour vector. */
    static Dataset<Row> withVector(Dataset<Row> features) {
        // One select and one drop: a withColumn or drop per feature would analyse the growing plan each time.
        String[] inputs = new String[names().size()];
        Map<String, Column> values = new LinkedHashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = "_v_" + names().get(i);
            values.put(inputs[i], value(names().get(i)));
        }
        return new VectorAssembler().setInputCols(inputs).setOutputCol(RAW_VECTOR)
                .transform(features.withColumns(values)).drop(inputs);
    }
}
