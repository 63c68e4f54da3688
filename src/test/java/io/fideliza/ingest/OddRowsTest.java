package io.fideliza.ingest;

import static io.fideliza.contract.Columns.LINE;
import static io.fideliza.contract.Columns.REASON;
import static io.fideliza.contract.Columns.REASON_COLUMN;
import static io.fideliza.testing.Files.PRODUCTS;
import static io.fideliza.testing.Files.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fideliza.contract.InputDataset;
import io.fideliza.contract.InputError;
import io.fideliza.testing.Ingestion;
import io.fideliza.testing.SparkTest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows that read well but say something impossible are quarantined with their reason, never counted silently. */
@SparkTest
class OddRowsTest {
    static final LocalDate DAY = LocalDate.of(2026, 6, 30);
    private final SparkSession spark;

    @TempDir
    Path dir;

    OddRowsTest(SparkSession spark) {
        this.spark = spark;
    }

    private static Map<String, List<Long>> reasons(CleanInputs clean, InputDataset d) {
        return clean.quarantine().get(d).collectAsList().stream().collect(Collectors.groupingBy(
                r -> r.getString(r.fieldIndex(REASON)) + ":" + r.getString(r.fieldIndex(REASON_COLUMN)),
                TreeMap::new, Collectors.mapping(r -> r.getLong(r.fieldIndex(LINE)), Collectors.toList())));
    }

    @Test
    void aNegativeQuantityMarkedCompletedIsQuarantinedAndAReturnWithoutStatusIsNot() {
        write(dir, "products.csv", PRODUCTS);
        write(dir, "orders.csv", """
                order_id,customer_id,product_id,ordered_at,quantity,unit_price,channel,status
                O1,C1,P1,2026-05-01T10:00:00Z,2,100.00,web,completed
                O1-R,C1,P1,2026-05-03T10:00:00Z,-1,100.00,web,completed
                O1-R2,C1,P1,2026-05-04T10:00:00Z,-1,100.00,web,
                O1-R3,C1,P1,2026-05-05T10:00:00Z,-1,100.00,web,returned
                """);
        CleanInputs clean = Ingestion.of(spark, dir, DAY);
        assertEquals(Map.of("negative_completed:quantity", List.of(3L)), reasons(clean, InputDataset.ORDERS));
        assertEquals(List.of("O1:completed", "O1-R2:completed", "O1-R3:returned"), clean.orders()
                .orderBy("order_id").collectAsList().stream().map(r -> r.getAs("order_id") + ":" + r.getAs("status"))
                .toList(), "a return without a status is read as the contract says: a negative quantity is a return");
    }

    @Test
    void contactsOfCustomersNotInCustomersAreQuarantined() {
        write(dir, "products.csv", PRODUCTS);
        write(dir, "orders.csv", """
                order_id,customer_id,product_id,ordered_at,quantity,unit_price,channel,status
                O1,C1,P1,2026-05-01T10:00:00Z,1,100.00,web,completed
                """);
        write(dir, "customers.csv", """
                customer_id,signup_date,country,email,marketing_opt_in
                C1,2025-01-01,ES,c1@example.com,true
                """);
        write(dir, "contacts.csv", """
                customer_id,sent_at,action,channel,offer_id,campaign_id,status
                C1,2026-06-01T10:00:00Z,cross_sell,email,,,sent
                C404,2026-06-01T10:00:00Z,cross_sell,email,,,sent
                """);
        CleanInputs clean = Ingestion.of(spark, dir, DAY);
        assertEquals(Map.of("unknown_customer:customer_id", List.of(3L)),
                reasons(clean, InputDataset.CONTACT_HISTORY));
        assertEquals(1, clean.contacts().count());
        assertEquals(1L, clean.quarantineReasons().get(InputDataset.CONTACT_HISTORY).get("unknown_customer"));
    }

    @Test
    void aHeaderOfOneColumnWithSemicolonsOrTabsNamesTheDelimiter() {
        write(dir, "products.csv", PRODUCTS);
        write(dir, "orders.csv", """
                order_id;customer_id;product_id;ordered_at;quantity;unit_price;channel;status
                O1;C1;P1;2026-05-01T10:00:00Z;1;100.00;web;completed
                """);
        InputError e = assertThrows(InputError.class, () -> Ingestion.of(spark, dir, DAY));
        assertEquals("orders.csv: the header is one column holding ';': the file is delimited with a semicolon (;), "
                + "not a comma; the contract's CSV is comma-separated (export it with commas)", e.getMessage());
        write(dir, "orders.csv", "order_id\tcustomer_id\tproduct_id\tordered_at\tquantity\tunit_price\n");
        InputError tab = assertThrows(InputError.class, () -> Ingestion.of(spark, dir, DAY));
        assertEquals("orders.csv: the header is one column holding '\\t': the file is delimited with a tab, not a "
                + "comma; the contract's CSV is comma-separated (export it with commas)", tab.getMessage());
    }
}
