package io.fideliza.value;

import static io.fideliza.contract.Columns.CHURN_RISK;
import static io.fideliza.contract.Columns.CUSTOMER_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.ValueSettings;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.RunContext;
import io.fideliza.spark.OutputStore;
import io.fideliza.testing.Slow;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import io.fideliza.value.ValueFigures.Decile;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planted churn (docs/customer-value.md): loyal customers keep buying at their own pace (a purchase every 10 to 60
 * days on average, at random), lapsing ones bought the same way and stopped 90 to 300 days before the run date. The
 * model never sees who is which, nor what they buy after the run date; churn risk must tell them apart.
 */
@Slow
@SparkTest
class PlantedChurnTest {
    static final LocalDate RUN = LocalDate.parse("2026-06-30");
    static final LocalDate START = LocalDate.parse("2025-01-01");
    static final int HORIZON = 90;
    private final SparkSession spark;
    @TempDir
    Path out;

    PlantedChurnTest(SparkSession spark) {
        this.spark = spark;
    }

    /** What was planted for one customer: lapsing or loyal, and whether they buy in the horizon after the run. */
    record Truth(boolean lapsing, boolean buysInHorizon) {
    }

    /** Plants {@code customers} customers, half lapsing, into {@code tables}; their truth by customer id. */
    static Map<String, Truth> plant(Tables tables, int customers, long seed) {
        Random random = new Random(seed);
        Map<String, Truth> truth = new HashMap<>();
        int span = (int) (RUN.toEpochDay() - START.toEpochDay());
        for (int c = 0; c < customers; c++) {
            String id = String.format("c%04d", c);
            boolean lapsing = c % 2 == 1;
            double meanGap = 10 + 50 * random.nextDouble();
            long first = START.toEpochDay() + random.nextInt(span - 120);
            long stop = lapsing ? Math.max(first + 1, RUN.toEpochDay() - 90 - random.nextInt(211))
                    : RUN.toEpochDay() + HORIZON + 1;
            tables.customer(id, true);
            boolean future = false;
            int n = 0;
            for (double day = first; day < stop; day += Math.max(1, -meanGap * Math.log(1 - random.nextDouble()))) {
                LocalDate d = LocalDate.ofEpochDay((long) day);
                if (d.isAfter(RUN)) {
                    future |= !d.isAfter(RUN.plusDays(HORIZON));
                } else {
                    tables.order(id + "-" + n++, id, "p", d.toString(), 1);
                }
            }
            truth.put(id, new Truth(lapsing, future));
        }
        return truth;
    }

    @Test
    void churnRiskTellsLapsingFromLoyalCustomers() {
        Tables tables = new Tables().product("p", "Coffee", true, null, true);
        Map<String, Truth> truth = plant(tables, 1_000, 25);
        ValueStage.CustomerValue result;
        List<Row> rows;
        try (OutputStore store = new OutputStore(spark, out.toString(), RUN, new Manifest(RUN))) {
            result = new ValueStage(spark, new RunContext(RUN, ZoneOffset.UTC), new ValueSettings(HORIZON, 7, false))
                    .run(tables.clean(spark), store);
            rows = result.rows().select(CUSTOMER_ID, CHURN_RISK).collectAsList();
        }
        assertEquals(1_000, rows.size());
        double[] risk = new double[rows.size()];
        boolean[] lapsing = new boolean[rows.size()];
        boolean[] noPurchase = new boolean[rows.size()];
        for (int i = 0; i < risk.length; i++) {
            Truth t = truth.get(rows.get(i).getString(0));
            risk[i] = rows.get(i).getDouble(1);
            lapsing[i] = t.lapsing();
            noPurchase[i] = !t.buysInHorizon();
        }
        double planted = ChurnValidation.auc(risk, lapsing);
        double future = ChurnValidation.auc(risk, noPurchase);
        ValueFigures validation = result.model().figures();
        List<Decile> calibration = ChurnValidation.calibration(risk, noPurchase);
        // The figures docs/customer-value.md quotes.
        System.out.printf("planted churn: AUC lapsing vs loyal %.4f; AUC vs no purchase in the next %d days %.4f;"
                        + " validation on the split: AUC %s, customers %d, no-purchase share %.4f%n  calibration against"
                        + " the planted future: %s%n  validation calibration: %s%n", planted, HORIZON, future,
                validation.auc(), validation.customers(), validation.noPurchaseShare(), calibration,
                validation.calibration());
        assertTrue(planted >= 0.9, "AUC " + planted);
        assertTrue(future >= 0.9, "AUC against the planted future " + future);
        assertEquals(10, calibration.size());
    }
}
