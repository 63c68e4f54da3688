package io.fideliza.value;

import static io.fideliza.contract.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.ValueSettings;
import io.fideliza.contract.OutputSchemas;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.RunContext;
import io.fideliza.spark.OutputStore;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The customer_value stage: its columns on tiny hand-built data, and one customer's row from a hand model. */
@SparkTest
class ValueStageTest {
    private static final LocalDate DAY = LocalDate.parse("2026-06-30");
    private final SparkSession spark;
    @TempDir
    Path out;

    ValueStageTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void aCustomersRowFollowsTheModel() {
        ValueStage stage = new ValueStage(spark, new RunContext(DAY, ZoneOffset.UTC), new ValueSettings(39, 7, false));
        ValueModel model = new ValueModel(BgNbdTest.CDNOW, new GammaGamma(6.25, 3.74, 15.44, 99));
        // Values computed with scipy (BgNbdTest): 7 repeat days, the last 4 days ago, spending 27 a day.
        assertEquals(RowFactory.create("loyal", 0.1674, Date.valueOf("2026-07-06"), 4.3598, 119.83, 39, 3, 0.8407, 27.48,
                23.87), stage.score(model, new History("loyal", 7, 35, 39, 27.0, false), 3));
        // One repeat day, 28 days ago: probably gone, no next order as likely as not; the larger value at stake.
        assertEquals(RowFactory.create("lapsing", 0.8323, null, 0.3205, 12.35, 39, 3, 0.2749, 38.54, 37.40),
                stage.score(model, new History("lapsing", 1, 2, 30, 40.0, false), 3));
    }

    @Test
    void everyCustomerWithAPurchaseGetsTheContractsColumns() throws Exception {
        Tables t = new Tables().product("p", "Paper", false, null, true)
                .customer("a", true).customer("b", true).customer("c", true);
        String[] aDays = {"2025-10-01", "2025-11-15", "2026-01-10", "2026-03-01", "2026-04-20", "2026-06-01"};
        for (int i = 0; i < aDays.length; i++) {
            t.order("a" + i, "a", "p", aDays[i], 2);
        }
        t.order("b0", "b", "p", "2025-09-01", 1).order("b1", "b", "p", "2025-09-20", 1);
        t.order("b2", "b", "p", "2025-09-20", -1); // a return: not a purchase day
        CleanInputs in = t.clean(spark);
        Manifest manifest = new Manifest(DAY);
        ValueStage.CustomerValue result;
        try (OutputStore store = new OutputStore(spark, out.toString(), DAY, manifest)) {
            result = new ValueStage(spark, new RunContext(DAY, ZoneOffset.UTC), ValueSettings.DEFAULTS).run(in, store);
            result.record(manifest);
            store.publish();
        }
        List<Row> rows = spark.read().parquet(out.resolve("customer_value/run_date=2026-06-30").toString())
                .orderBy(CUSTOMER_ID).collectAsList();
        assertEquals(Arrays.asList(OutputSchemas.CUSTOMER_VALUE.fieldNames()),
                Arrays.asList(spark.read().parquet(out.resolve("customer_value/run_date=2026-06-30").toString())
                        .columns()));
        assertEquals(List.of("a", "b"), rows.stream().map(r -> r.getString(0)).toList(), "c never bought");
        for (Row r : rows) {
            assertEquals(90, r.<Integer>getAs(HORIZON_DAYS));
            assertEquals(1, r.<Integer>getAs(MODEL_VERSION));
            double churn = r.getAs(CHURN_RISK);
            assertTrue(churn > 0 && churn < 1, churn + "");
        }
        assertTrue(rows.get(0).<Double>getAs(CHURN_RISK) < rows.get(1).<Double>getAs(CHURN_RISK),
                "a bought a month ago, b not for nine months");
        assertEquals(2, result.customers());
        assertTrue(Files.exists(out.resolve("_models/customer_value/version=1/value-model.json")));
        String json = manifest.toJson(Manifest.SUCCEEDED, null);
        assertTrue(json.contains("\"customer_value_model\""), json);
        assertTrue(json.contains("\"cut_off\" : \"2026-04-01\""), json);
        assertTrue(json.contains("\"calibration\""), json);
    }
}
