package io.fideliza.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.JobConfig;
import io.fideliza.contract.InputDataset;
import io.fideliza.contract.InputRefused;
import io.fideliza.manifest.InputCounts;
import io.fideliza.manifest.PreviousRun;
import io.fideliza.run.DiscardedOutputs;
import io.fideliza.run.RunContext;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The guards that refuse a broken extract, each with its figures, and --accept for one run. */
@SparkTest
class InputCheckStageTest {
    static final LocalDate RUN = LocalDate.of(2026, 6, 30);
    private final SparkSession spark;

    InputCheckStageTest(SparkSession spark) {
        this.spark = spark;
    }

    /** Products and orders with these counts, orders' newest on {@code lastOrder}. */
    CleanInputs inputs(InputCounts products, InputCounts orders, Map<String, Long> orderReasons, String lastOrder) {
        Tables t = new Tables().product("P1", "Printer", false, null, true);
        if (lastOrder != null) {
            t.order("O1", "C1", "P1", lastOrder, 1);
        }
        CleanInputs c = t.clean(spark);
        Map<InputDataset, InputCounts> counts = new EnumMap<>(InputDataset.class);
        counts.put(InputDataset.PRODUCTS, products);
        counts.put(InputDataset.ORDERS, orders);
        Map<InputDataset, Map<String, Long>> reasons = new EnumMap<>(InputDataset.class);
        reasons.put(InputDataset.PRODUCTS, products.quarantined() > 0 ? Map.of("invalid_utf8", products.quarantined())
                : Map.of());
        reasons.put(InputDataset.ORDERS, orderReasons);
        return new CleanInputs(c.products(), c.customers(), c.orders(), c.events(), c.support(), c.surveys(), Map.of(),
                counts, reasons, EnumSet.of(InputDataset.PRODUCTS, InputDataset.ORDERS), ConsentSource.COLUMN);
    }

    static InputCounts valid(long n) {
        return new InputCounts(n, n, 0, 0, 0);
    }

    InputCheckStage stage(String... accepted) {
        return new InputCheckStage(new RunContext(RUN, ZoneOffset.UTC),
                JobConfig.defaults().accepting(Set.of(accepted)).ingest());
    }

    static DiscardedOutputs after(LocalDate date, long orders) {
        return new DiscardedOutputs() {
            @Override
            public Optional<PreviousRun> lastSucceededRun() {
                return Optional.of(new PreviousRun(date, Map.of("orders", valid(orders), "products", valid(60))));
            }
        };
    }

    String refusal(CleanInputs in, DiscardedOutputs outputs) {
        return assertThrows(InputRefused.class, () -> stage().run(in, outputs)).getMessage();
    }

    @Test
    void anEmptyRequiredInputIsRefusedAndSaysWhy() {
        assertEquals("orders: no rows at all: an empty or truncated extract?; nothing was published (the guard "
                + "empty_input: --accept empty_input runs anyway)",
                refusal(inputs(valid(60), new InputCounts(0, 0, 0, 0, 0), Map.of(), null), new DiscardedOutputs()));
        assertEquals("orders: no valid rows before the run date: all 40 usable rows are dated after it (a run date "
                        + "before the data?); nothing was published (the guard empty_input: --accept empty_input runs anyway)",
                refusal(inputs(valid(60), new InputCounts(40, 0, 0, 0, 40), Map.of(), null), new DiscardedOutputs()));
    }

    @Test
    void aSharpFallAgainstTheLastSucceededRunIsRefused() {
        CleanInputs half = inputs(valid(60), valid(2000), Map.of(), "2026-06-29");
        stage().run(half, after(RUN.minusDays(1), 3900)); // down 49%: within max_volume_drop 50%
        assertEquals("orders: 2000 valid rows, 4430 in the run of 2026-06-29: -55% (ingest.guards.max_volume_drop 50%);"
                        + " nothing was published (the guard volume_drop: --accept volume_drop runs anyway)",
                refusal(half, after(RUN.minusDays(1), 4430)));
        InputCheckStage.Accepted accepted = stage("volume_drop").run(half, after(RUN.minusDays(1), 4430));
        assertTrue(accepted.summary().startsWith("inputs accepted, overridden by --accept: volume_drop (orders)"),
                accepted.summary());
    }

    @Test
    void dataMuchOlderThanTheRunDateIsRefused() {
        stage().run(inputs(valid(60), valid(1), Map.of(), "2026-06-16"), new DiscardedOutputs()); // 14 days: fine
        assertEquals("orders: the newest order is of 2026-06-15, 15 days before the run date 2026-06-30 "
                        + "(ingest.guards.max_data_age_days 14): a stale extract, or a run date beyond the data?; nothing "
                        + "was published (the guard stale_data: --accept stale_data runs anyway)",
                refusal(inputs(valid(60), valid(1), Map.of(), "2026-06-15"), new DiscardedOutputs()));
    }

    @Test
    void ordersRefusedForUnknownProductsNameTheProductsThatCausedIt() {
        String m = refusal(inputs(new InputCounts(60, 52, 8, 0, 0), new InputCounts(100, 80, 20, 0, 0),
                Map.of("unknown_product", 20L), "2026-06-29"), new DiscardedOutputs());
        assertEquals("products: 13.3% of 60 rows quarantined (limit 5.0%, ingest.max_quarantine_share); reasons: "
                + "{invalid_utf8=8}; nothing was published (the guard quarantine_share: --accept quarantine_share runs "
                + "anyway); 1 more in the failed run's manifest", m, "products is named first: it is the cause");
        String orders = refusal(inputs(new InputCounts(60, 58, 2, 0, 0), new InputCounts(100, 80, 20, 0, 0),
                Map.of("unknown_product", 20L), "2026-06-29"), new DiscardedOutputs());
        assertTrue(orders.startsWith("orders: 20.0% of 100 rows quarantined"), orders);
        assertTrue(orders.contains("products had 2 rows quarantined ({invalid_utf8=2}), so their orders are "
                + "unknown_product: fix products first (not UTF-8? set ingest.encoding.products, e.g. windows-1252)"),
                orders);
    }

    @Test
    void everyGuardsFiguresAreKeptForTheManifest() {
        InputCheckStage.Accepted ok = stage().run(inputs(valid(60), valid(10), Map.of(), "2026-06-30"),
                after(RUN.minusDays(7), 9));
        assertEquals(List.of("empty_input products", "quarantine_share products", "volume_drop products",
                        "empty_input orders", "quarantine_share orders", "volume_drop orders", "stale_data orders"),
                ok.verdicts().stream().map(v -> v.guard() + " " + v.input()).toList());
        assertTrue(ok.verdicts().stream().allMatch(InputCheckStage.Verdict::held));
    }
}
