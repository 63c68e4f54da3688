package io.fideliza.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession a run uses, local or under spark-submit. */
public final class SparkSessions {
    /** The master URLs Spark understands (SparkContext.createTaskScheduler). */
    private static final java.util.regex.Pattern MASTER = java.util.regex.Pattern.compile(
            "local|local\\[(\\*|\\d+)(,\\d+)?]|local-cluster\\[\\d+,\\d+,\\d+]|spark://.+|yarn|k8s://.+");
    private SparkSessions() {
    }

    /**
     * Under spark-submit the master comes from spark-submit and is left alone; otherwise {@code master}
     * (for example {@code local[*]}) runs Spark inside this JVM. {@code shufflePartitions} (the job's YAML) applies
     * only when spark-submit set no {@code spark.sql.shuffle.partitions} (see {@link #settings}).
     */
    public static SparkSession create(String master, int shufflePartitions, String timezone) {
        if (System.getProperty("spark.master") == null && !MASTER.matcher(master).matches()) {
            throw new io.fideliza.contract.InputError("cannot start Spark: '" + master + "' is not a master URL (use "
                    + "local[*], local[N], spark://HOST:PORT, yarn or k8s://URL)");
        }
        SparkSession.Builder builder = SparkSession.builder().appName("fideliza");
        if (System.getProperty("spark.master") == null) {
            builder = builder.master(master)
                    // In local mode the executor is this JVM: an out-of-memory task fails its job, which the command
                    // line reports in one line, instead of the executor's handler ending the JVM (exit code 52).
                    .config("spark.executor.killOnFatalError.depth", 0)
                    .config("spark.ui.enabled", System.getProperty("spark.ui.enabled", "false"))
                    .config("spark.driver.host", System.getProperty("spark.driver.host", "127.0.0.1"))
                    .config("spark.driver.bindAddress", System.getProperty("spark.driver.bindAddress", "127.0.0.1"))
                    .config("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName());
        }
        for (java.util.Map.Entry<String, String> setting : settings(new SparkConf(), shufflePartitions).entrySet()) {
            builder = builder.config(setting.getKey(), setting.getValue());
        }
        SparkSession spark;
        try {
            spark = builder
                    .config("spark.sql.session.timeZone", timezone)
                    // Parquet timestamps readable by other tools (pandas, DuckDB) as plain microseconds.
                    .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                    .getOrCreate();
        } catch (RuntimeException e) {
            String why = String.valueOf(e.getMessage());
            if (why.contains("Master URL") || why.contains("master URL")) {
                throw new io.fideliza.contract.InputError("cannot start Spark: " + why.lines().findFirst().orElse(why)
                        + " (use local[*], local[N], spark://HOST:PORT, yarn or k8s://URL)", e);
            }
            throw e;
        }
        if (!sparkLogShown) {
            spark.sparkContext().setLogLevel("WARN");
        }
        return spark;
    }

    /** Set by {@link #showSparkLog}: the session then leaves Spark's log at INFO. */
    private static volatile boolean sparkLogShown;

    /**
     * {@code --verbose}: Spark's own log at INFO from here on, its loggers included (fideliza-log4j2.properties pins
     * org.apache.spark and its task loggers at error or off; a root level alone would not reach them).
     */
    public static void showSparkLog() {
        sparkLogShown = true;
        org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.INFO);
        for (String logger : java.util.List.of("org.apache.spark", "org.sparkproject")) {
            org.apache.logging.log4j.core.config.Configurator.setAllLevels(logger, org.apache.logging.log4j.Level.INFO);
        }
    }

    /**
     * The settings Fideliza gives Spark unless spark-submit set them ({@code --conf}, or {@code -D} on a local JVM:
     * both reach {@code submitted} as {@code spark.*} system properties), Spark's own precedence: the job's
     * YAML ({@code spark.shuffle_partitions}) and these defaults fill in only what the cluster's submit left unset.
     * The session time zone and the Parquet timestamp type are not among them: outputs depend on those.
     */
    static java.util.Map<String, String> settings(SparkConf submitted, int shufflePartitions) {
        java.util.Map<String, String> mine = new java.util.LinkedHashMap<>();
        mine.put("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
        mine.put("spark.sql.adaptive.enabled", "true");
        // The first-level aggregation map holds 65,536 keys; our group-bys have 10^5-10^7 (customers,
        // customer-product pairs), so every row would probe it in vain first (docs/benchmarks.md).
        mine.put("spark.sql.codegen.aggregate.map.twolevel.enabled", "false");
        // lower() (ingest's enumerated values) with ICU case mappings, Spark 4's default, initialises ICU's
        // title-case tables on first use, seconds in every JVM, for values that are ASCII; the JVM's case
        // mappings (Spark 3's) give the same lower case for them.
        mine.put("spark.sql.icu.caseMappings.enabled", "false");
        java.util.Map<String, String> effective = new java.util.LinkedHashMap<>();
        mine.forEach((key, value) -> effective.put(key, submitted.get(key, value)));
        return effective;
    }

    /**
     * Stops the session. After a failed job the failure is reported once, by the command line; tasks of the
     * failed stage that finish while Spark shuts down would otherwise log a stack trace of their own
     * ("Exception in statusUpdate"), so Spark is silenced first unless the user asked for {@code --verbose}.
     */
    public static void stop(SparkSession spark, boolean failed, boolean verbose) {
        if (failed && !verbose && !spark.sparkContext().isStopped()) {
            spark.sparkContext().cancelAllJobs();
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.spark",
                    org.apache.logging.log4j.Level.OFF);
        }
        spark.stop();
    }
}
