package io.fideliza.testing;

import io.fideliza.spark.SparkSessions;
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
            // The settings every run uses (file system, SQL options), on two local cores.
            session = SparkSessions.create("local[2]", 2, "UTC");
            session.sparkContext().setLogLevel("ERROR");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
