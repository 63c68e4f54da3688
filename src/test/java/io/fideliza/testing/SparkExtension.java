package io.fideliza.testing;

import io.fideliza.spark.SmallRunSettings;
import io.fideliza.spark.SparkSessions;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one local SparkSession the whole test suite shares, kept in JUnit's root store: started on first use
 * (it takes seconds), stopped when the run ends. It is handed to test constructors, lifecycle and test
 * methods that ask for a {@link SparkSession}. SQL settings a test or a test class changes are put back after it.
 */
public final class SparkExtension
        implements ParameterResolver, BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SparkExtension.class);

    /** The session as a resource of the root store, closed with it. */
    private record Shared(SparkSession spark) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            spark.stop();
        }
    }

    static SparkSession session(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Shared.class, k -> {
            System.setProperty("log4j2.configurationFile", "fideliza-log4j2.properties");
            // Test data is tiny: Spark's interpreted expressions, as scripts/fideliza runs small inputs, instead of
            // compiling every query with Janino (a sixth of a small run's CPU). -Dspark.sql.codegen.wholeStage=true
            // on the Maven command line (passed on to the forked JVM) tests the generated code instead.
            System.setProperty("spark.sql.codegen.wholeStage", System.getProperty("spark.sql.codegen.wholeStage", "false"));
            System.setProperty("spark.sql.codegen.factoryMode",
                    System.getProperty("spark.sql.codegen.factoryMode",
                            Boolean.parseBoolean(System.getProperty("spark.sql.codegen.wholeStage")) ? "FALLBACK" : "NO_CODEGEN"));
            // The settings every run uses (file system, SQL options), on two local cores.
            SparkSession spark = SparkSessions.create("local[2]", 2, "UTC");
            // Every test's data is small: the settings a small local run gets from ingest on, for every test.
            SmallRunSettings.apply(spark);
            spark.sparkContext().setLogLevel("ERROR");
            return new Shared(spark);
        }, Shared.class).spark();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SparkSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return session(context);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        remember(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        restore(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        remember(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        restore(context);
    }

    private static void remember(ExtensionContext context) {
        context.getStore(NAMESPACE).put("settings", new HashMap<String, String>(scala.jdk.javaapi.CollectionConverters.asJava(session(context).conf().getAll())));
    }

    private static void restore(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        Map<String, String> before = context.getStore(NAMESPACE).remove("settings", Map.class);
        RuntimeConfig conf = session(context).conf();
        for (String key : scala.jdk.javaapi.CollectionConverters.asJava(conf.getAll()).keySet()) {
            if (!before.containsKey(key)) {
                conf.unset(key);
            }
        }
        before.forEach((key, value) -> {
            if (!value.equals(conf.get(key, null)) && conf.isModifiable(key)) {
                conf.set(key, value);
            }
        });
    }
}
