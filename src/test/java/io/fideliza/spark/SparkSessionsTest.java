package io.fideliza.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** Spark's precedence for the session's settings, and what --verbose does to Spark's log. */
class SparkSessionsTest {
    static final String SHUFFLE = "spark.sql.shuffle.partitions";

    @Test
    void theJobsYamlFillsInWhatSparkSubmitLeftUnset() {
        Map<String, String> s = SparkSessions.settings(new SparkConf(false), 4);
        assertEquals(Map.of(SHUFFLE, "4", "spark.sql.adaptive.enabled", "true",
                "spark.sql.codegen.aggregate.map.twolevel.enabled", "false",
                "spark.sql.icu.caseMappings.enabled", "false"), s);
        assertEquals("false", SparkSessions.settings(new SparkConf(false).set("spark.sql.adaptive.enabled", "false"), 4)
                .get("spark.sql.adaptive.enabled"));
    }

    /**
     * spark-submit --conf spark.sql.shuffle.partitions=7 reaches the driver's JVM as a system property (client
     * mode: SparkSubmit sets them before main; cluster mode: -D options of the driver's JVM), which SparkConf reads.
     */
    @Test
    void sparkSubmitsConfWinsOverTheJobsYaml() {
        String before = System.getProperty(SHUFFLE);
        System.setProperty(SHUFFLE, "7");
        try {
            assertEquals("7", SparkSessions.settings(new SparkConf(), 4).get(SHUFFLE));
        } finally {
            if (before == null) {
                System.clearProperty(SHUFFLE);
            } else {
                System.setProperty(SHUFFLE, before);
            }
        }
        assertEquals("4", SparkSessions.settings(new SparkConf(false), 4).get(SHUFFLE));
    }

    @Test
    void verboseShowsSparksOwnLoggersNotOnlyTheRoot() throws Exception {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        // As fideliza-log4j2.properties sets them for the console.
        Configurator.setRootLevel(Level.WARN);
        Configurator.setLevel("org.apache.spark", Level.ERROR);
        Configurator.setLevel("org.apache.spark.scheduler.TaskSetManager", Level.OFF);
        assertFalse(LogManager.getLogger("org.apache.spark.SparkContext").isInfoEnabled());
        java.lang.reflect.Field shown = SparkSessions.class.getDeclaredField("sparkLogShown");
        shown.setAccessible(true);
        try {
            SparkSessions.showSparkLog();
            assertTrue(LogManager.getLogger("org.apache.spark.SparkContext").isInfoEnabled());
            assertTrue(LogManager.getLogger("org.apache.spark.scheduler.TaskSetManager").isInfoEnabled());
            assertTrue(LogManager.getLogger("org.sparkproject.jetty.Server").isInfoEnabled());
            assertTrue(LogManager.getRootLogger().isInfoEnabled());
            assertTrue(shown.getBoolean(null), "the session then leaves Spark's log at INFO");
        } finally {
            shown.setBoolean(null, false);
            context.reconfigure();
        }
    }
}
