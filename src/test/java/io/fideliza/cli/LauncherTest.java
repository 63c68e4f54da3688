package io.fideliza.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fideliza.cli.Launcher.Ending;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkUserAppException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How main ends for each exit code, per launcher: the process's status, or the cluster manager's verdict. */
class LauncherTest {
    @TempDir
    Path dir;

    static final List<Integer> CODES = List.of(ExitCodes.OK, ExitCodes.FAILURE, ExitCodes.USER_ERROR,
            ExitCodes.DATA_REFUSED, ExitCodes.BUSY, ExitCodes.OUT_OF_MEMORY);

    @Test
    void theLauncherComesFromWhatSparkSubmitSets() {
        assertEquals(Launcher.LOCAL, Launcher.of(Map.<String, String>of()::get));
        assertEquals(Launcher.SPARK_SUBMIT, Launcher.of(Map.of("spark.master", "yarn")::get));
        assertEquals(Launcher.SPARK_SUBMIT, Launcher.of(Map.of("spark.master", "spark://h:7077",
                "spark.submit.deployMode", "client")::get));
        assertEquals(Launcher.STANDALONE_CLUSTER, Launcher.of(Map.of("spark.master", "spark://h:7077",
                "spark.submit.deployMode", "cluster")::get));
        assertEquals(Launcher.CLUSTER_MANAGER, Launcher.of(Map.of("spark.master", "yarn",
                "spark.submit.deployMode", "cluster")::get));
        assertEquals(Launcher.CLUSTER_MANAGER, Launcher.of(Map.of("spark.master", "k8s://https://api:6443",
                "spark.submit.deployMode", "cluster")::get));
    }

    @Test
    void everyCodeEndsAsItsLauncherReadsIt() {
        for (int code : CODES) {
            boolean ok = code == ExitCodes.OK;
            assertEquals(Ending.EXIT, Launcher.LOCAL.ending(code), "local " + code);
            assertEquals(Ending.EXIT, Launcher.SPARK_SUBMIT.ending(code), "client mode " + code);
            assertEquals(ok ? Ending.RETURN : Ending.EXIT, Launcher.STANDALONE_CLUSTER.ending(code), "standalone " + code);
            assertEquals(ok ? Ending.RETURN : Ending.THROW, Launcher.CLUSTER_MANAGER.ending(code), "YARN " + code);
        }
    }

    @Test
    void aClusterManagerGetsTheCodeInSparkUserAppExceptionAndTheDriverLogNamesIt() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(err, true, StandardCharsets.UTF_8);
        SparkUserAppException e = assertThrows(SparkUserAppException.class,
                () -> Launcher.CLUSTER_MANAGER.end(ExitCodes.DATA_REFUSED, log));
        assertEquals(ExitCodes.DATA_REFUSED, e.exitCode());
        assertEquals("fideliza: exit code 3 (input refused by a guard, nothing published)" + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Main under YARN's ApplicationMaster, as it calls it (spark-submit --deploy-mode cluster sets these
     * properties, and the master invokes main by reflection in a thread): success returns, a failure reaches
     * the master as SparkUserAppException with its code, and the reason and the code are in the driver's log.
     */
    @Test
    void mainInClusterDeployModeReturnsOnSuccessAndThrowsTheCodeOnFailure() throws Exception {
        String master = System.getProperty("spark.master");
        String mode = System.getProperty("spark.submit.deployMode");
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setProperty("spark.master", "yarn");
        System.setProperty("spark.submit.deployMode", "cluster");
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            java.lang.reflect.Method main = Main.class.getMethod("main", String[].class);
            main.invoke(null, (Object) new String[] {"--version"}); // returns: the master reports SUCCEEDED
            InvocationTargetException failed = assertThrows(InvocationTargetException.class, () -> main.invoke(null,
                    (Object) new String[] {"run", "--input", dir.resolve("nope").toString(), "--output",
                        dir.resolve("out").toString()}));
            SparkUserAppException e = assertInstanceOf(SparkUserAppException.class, failed.getCause());
            assertEquals(ExitCodes.USER_ERROR, e.exitCode());
        } finally {
            System.setErr(oldErr);
            restore("spark.master", master);
            restore("spark.submit.deployMode", mode);
        }
        assertEquals(List.of("fideliza: exit code 0 (succeeded)",
                "error: input folder not found: " + dir.resolve("nope"),
                "fideliza: exit code 2 (error the user can fix)"), err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
