package io.fideliza.care;

import io.fideliza.ingest.CleanInputs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The planted tickets of {@link CareQueueTest}, for tests in other packages (the report's). */
public final class CareQueueTestAccess {
    private CareQueueTestAccess() {
    }

    public static CleanInputs extract(SparkSession spark) {
        return CareQueueTest.extract(spark);
    }

    public static Dataset<Row> features(SparkSession spark) {
        return CareQueueTest.features(spark);
    }

    public static Dataset<Row> segments(SparkSession spark) {
        return CareQueueTest.segments(spark);
    }
}
