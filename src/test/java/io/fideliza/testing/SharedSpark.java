package io.fideliza.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession the whole test suite shares: starting Spark takes seconds, so it is
 * started once, on first use, and stopped when the JVM exits.
 */
public final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    public static synchronized SparkSession get() {
        if (session == null) {
            System.setProperty("log4j2.configurationFile", "fideliza-log4j2.properties");
            session = SparkSession.builder()
                    .appName("fideliza-tests")
                    .master("local[2]")
                    .config("spark.ui.enabled", false)
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", 2)
                    .config("spark.default.parallelism", 2)
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.adaptive.enabled", true)
                    .getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
