package io.fideliza.ranking;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.fideliza.contract.OrderStatus;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.RunContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A temporal split at a cut-off date: everything up to the end of the cut-off day trains the models (as if
 * the nightly run had run that day); the test is what customers with a training purchase bought in the
 * following weeks that they had never bought before.
 *
 * @param train   the inputs as they stood at the end of the cut-off day
 * @param run     the run context of the cut-off day (recency and decay count from it)
 * @param history the distinct products each customer bought before the cut-off
 * @param truth   per customer, the products new to them bought in the test window
 */
public record TemporalSplit(LocalDate cutoff, int testWeeks, CleanInputs train, RunContext run,
                            PurchaseHistory history, Map<String, Set<String>> truth) {

    public static TemporalSplit at(CleanInputs all, LocalDate cutoff, int testWeeks, ZoneId zone) {
        RunContext run = new RunContext(cutoff, zone);
        RunContext testEnd = new RunContext(cutoff.plusDays(7L * testWeeks), zone);
        Dataset<Row> orders = all.orders().filter(col(ORDERED_AT).lt(lit(run.runEnd())));
        Dataset<Row> events = all.events().filter(col(OCCURRED_AT).lt(lit(run.runEnd())));
        CleanInputs train = all.withOrdersAndEvents(orders, events);
        Dataset<Row> bought = all.orders().filter(OrderStatus.isPurchase());
        List<Row> trainPurchases = bought.filter(col(ORDERED_AT).lt(lit(run.runEnd())))
                .select(CUSTOMER_ID, PRODUCT_ID).distinct().collectAsList();
        List<String> catalogue = all.products().filter(col(AVAILABLE)).join(
                        bought.filter(col(ORDERED_AT).lt(lit(run.runEnd()))).select(PRODUCT_ID).distinct(), PRODUCT_ID)
                .select(PRODUCT_ID).as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        PurchaseHistory history = PurchaseHistory.of(trainPurchases, catalogue);
        Set<String> owners = new HashSet<>();
        Map<String, Set<String>> ownedIds = new HashMap<>();
        for (Row r : trainPurchases) {
            owners.add(r.getString(0));
            ownedIds.computeIfAbsent(r.getString(0), c -> new HashSet<>()).add(r.getString(1));
        }
        Map<String, Set<String>> truth = new HashMap<>();
        for (Row r : bought.filter(col(ORDERED_AT).geq(lit(run.runEnd())).and(col(ORDERED_AT).lt(lit(testEnd.runEnd()))))
                .select(CUSTOMER_ID, PRODUCT_ID).distinct().collectAsList()) {
            String customer = r.getString(0);
            if (owners.contains(customer) && !ownedIds.get(customer).contains(r.getString(1))) {
                truth.computeIfAbsent(customer, c -> new HashSet<>()).add(r.getString(1));
            }
        }
        return new TemporalSplit(cutoff, testWeeks, train, run, history, truth);
    }
}
