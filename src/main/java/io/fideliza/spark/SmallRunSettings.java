package io.fideliza.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Spark SQL settings for a small input on local Spark, where Spark's fixed cost per job and per task, not the
 * data, makes up the run: one shuffle partition (one task per stage instead of one per partition), no adaptive
 * execution (which runs every shuffle of a query as a job of its own and re-plans the query after each), and the
 * plain plan text that Spark keeps for every query instead of the formatted one. The outputs are the same.
 * A setting given to the JVM or to spark-submit ({@code -Dspark.sql...} or {@code --conf}) is left alone.
 */
public final class SmallRunSettings {
    static final Map<String, String> SETTINGS = Map.of(
            "spark.sql.shuffle.partitions", "1",
            "spark.sql.adaptive.enabled", "false",
            "spark.sql.ui.explainMode", "simple");

    private SmallRunSettings() {
    }

    /** Applies the settings to {@code spark}'s session from here on. */
    public static void apply(SparkSession spark) {
        SETTINGS.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                spark.conf().set(key, value);
            }
        });
    }
}
