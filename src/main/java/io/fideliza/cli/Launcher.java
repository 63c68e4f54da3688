package io.fideliza.cli;

import java.io.PrintStream;
import java.util.function.UnaryOperator;
import org.apache.spark.SparkUserAppException;

/**
 * Who started the JVM a command runs in, and so how the command's exit code reaches it: as the process's exit
 * status, or as the verdict a cluster manager gives the application. The one place {@code main} ends.
 */
enum Launcher {
    /** scripts/fideliza, or java with the jar: the process's exit status is the code. */
    LOCAL,
    /**
     * spark-submit in client deploy mode, the driver in spark-submit's own JVM (so also the driver pod on
     * Kubernetes, whose spark-submit runs in client mode): its exit status is the code.
     */
    SPARK_SUBMIT,
    /**
     * A standalone cluster's worker in cluster deploy mode (its DriverWrapper calls main): it marks the driver
     * FINISHED when the JVM ends with 0 and FAILED otherwise. Returning lets the wrapper shut its own RPC down.
     */
    STANDALONE_CLUSTER,
    /**
     * Any other cluster deploy mode, YARN's ApplicationMaster first: main returning is SUCCEEDED; a System.exit,
     * even exit(0), is FAILED ("shutdown hook called before final status was reported") and its code is lost;
     * Spark's {@code SparkUserAppException(N)} is FAILED with N as the exit status and in the diagnostics.
     */
    CLUSTER_MANAGER;

    /** How main ends for a code. */
    enum Ending { EXIT, RETURN, THROW }

    /** The launcher of this JVM, from what spark-submit sets: spark.master, spark.submit.deployMode. */
    static Launcher current() {
        return of(System::getProperty);
    }

    static Launcher of(UnaryOperator<String> property) {
        String master = property.apply("spark.master");
        if (master == null) {
            return LOCAL;
        }
        if (!"cluster".equals(property.apply("spark.submit.deployMode"))) {
            return SPARK_SUBMIT;
        }
        return master.startsWith("spark://") ? STANDALONE_CLUSTER : CLUSTER_MANAGER;
    }

    Ending ending(int code) {
        return switch (this) {
            case LOCAL, SPARK_SUBMIT -> Ending.EXIT;
            case STANDALONE_CLUSTER -> code == ExitCodes.OK ? Ending.RETURN : Ending.EXIT;
            case CLUSTER_MANAGER -> code == ExitCodes.OK ? Ending.RETURN : Ending.THROW;
        };
    }

    /**
     * Ends main with {@code code}. In cluster deploy mode the driver's log (its stderr on the worker or in the
     * container) also gets the code in one line, since spark-submit on the scheduler's host does not return it.
     */
    void end(int code, PrintStream err) throws SparkUserAppException {
        if (this == STANDALONE_CLUSTER || this == CLUSTER_MANAGER) {
            err.println("fideliza: exit code " + code + " (" + ExitCodes.meaning(code) + ")");
            err.flush();
        }
        switch (ending(code)) {
            case EXIT -> System.exit(code);
            case RETURN -> {
            }
            case THROW -> throw new SparkUserAppException(code, null);
        }
    }
}
