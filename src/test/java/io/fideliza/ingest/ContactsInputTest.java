package io.fideliza.ingest;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.testing.Files.PRODUCTS;
import static io.fideliza.testing.Files.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.contract.InputDataset;
import io.fideliza.manifest.InputCounts;
import io.fideliza.manifest.Manifest;
import io.fideliza.testing.Ingestion;
import io.fideliza.testing.SparkTest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional contacts input, validated like every other: each row valid, quarantined, a duplicate, or late. */
@SparkTest
class ContactsInputTest {
    private final SparkSession spark;

    ContactsInputTest(SparkSession spark) {
        this.spark = spark;
    }

    @TempDir
    Path dir;

    @Test
    void everyContactRowIsAccountedForWithTheContractsReasons() {
        write(dir, "products.csv", PRODUCTS);
        write(dir, "orders.csv", "order_id,customer_id,product_id,ordered_at,quantity,unit_price\n"
                + "O1,C1,P1,2026-05-01T10:00:00Z,1,100.00\n");
        write(dir, "contacts.csv", """
                customer_id,sent_at,action,channel,offer_id,campaign_id,status
                C1,2026-06-01T09:00:00Z,win_back,email,win-back-10,spring,delivered
                C1,2026-06-02 09:00:00,Cart_Recovery,PUSH,,,
                C2,2026-06-03T09:00:00Z,winback,email,,,sent
                C2,2026-06-03T09:00:00Z,nurture,fax,,,sent
                C2,2026-06-03T09:00:00Z,nurture,email,,,read
                C3,,nurture,email,,,sent
                ,2026-06-03T09:00:00Z,nurture,email,,,sent
                C3,03/06/2026,nurture,email,,,sent
                C3,2026-06-04T09:00:00Z,nurture,email,newsletter,,unsubscribed
                C3,2026-06-04T09:00:00Z,nurture,email,newsletter,,unsubscribed
                C4,2026-07-01T09:00:00Z,nurture,email,,,sent
                """);
        CleanInputs clean = Ingestion.of(spark, dir, LocalDate.of(2026, 6, 30));
        assertTrue(clean.present().contains(InputDataset.CONTACT_HISTORY));
        InputCounts c = clean.counts().get(InputDataset.CONTACT_HISTORY);
        assertEquals(new InputCounts(11, 3, 6, 1, 1), c);
        assertTrue(c.balances());
        Map<String, Long> reasons = new TreeMap<>();
        for (Row r : clean.quarantine().get(InputDataset.CONTACT_HISTORY).collectAsList()) {
            reasons.merge(r.getString(r.fieldIndex(REASON)) + ":" + r.getString(r.fieldIndex(REASON_COLUMN)) + "@"
                    + r.getLong(r.fieldIndex(LINE)), 1L, Long::sum);
        }
        assertEquals(List.of("invalid_timestamp:sent_at@9", "invalid_value:action@4", "invalid_value:channel@5",
                "invalid_value:status@6", "missing_value:customer_id@8", "missing_value:sent_at@7"),
                List.copyOf(reasons.keySet()));
        List<Row> valid = clean.contacts().orderBy(SENT_AT).collectAsList();
        assertEquals(List.of("C1 win_back email delivered", "C1 cart_recovery push sent", "C3 nurture email unsubscribed"),
                valid.stream().map(r -> r.getAs(CUSTOMER_ID) + " " + r.getAs(ACTION) + " " + r.getAs(CHANNEL) + " "
                        + r.getAs(STATUS)).toList(), "values of a fixed list compared lower-cased; empty status: sent");
        Manifest manifest = new Manifest(LocalDate.of(2026, 6, 30));
        clean.record(manifest);
        assertEquals(c, manifest.inputs().get("contacts"), "accounted in the manifest like the others");
    }
}
