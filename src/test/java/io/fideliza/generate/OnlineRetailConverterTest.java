package io.fideliza.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.testing.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnlineRetailConverterTest {
    @TempDir
    Path dir;

    @Test
    void keepsCustomersProductLinesAndReturnsAndCountsWhatItLeavesOut() throws IOException {
        Path source = Files.write(dir, "retail.csv", """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536365,85123A,"WHITE HEART, HANGING",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
                536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,,United Kingdom
                536367,POST,POSTAGE,1,2010-12-01 08:34:00,18.0,12583.0,France
                536368,gift_0001_20,voucher,1,2010-12-01 08:35:00,16.67,12583.0,France
                C536379,85123A,WHITE HEART,-2,2010-12-02 09:41:00,2.55,17850.0,United Kingdom
                536380,22634,FREE GIFT,1,2010-12-02 10:00:00,0,12583.0,France
                """);
        Path out = dir.resolve("out");
        OnlineRetailConverter.Counts c = OnlineRetailConverter.convert(source, out);

        assertEquals("""
                order_id,customer_id,product_id,ordered_at,quantity,unit_price,channel,status
                536365,17850,85123A,2010-12-01 08:26:00,6,2.55,web,completed
                C536379,17850,85123A,2010-12-02 09:41:00,-2,2.55,web,returned
                536380,12583,22634,2010-12-02 10:00:00,1,0,web,completed
                """, java.nio.file.Files.readString(out.resolve("orders.csv")));
        assertEquals("""
                product_id,name,category,price,consumable,replenish_days
                22633,HAND WARMER,,1.85,false,
                22634,FREE GIFT,,,false,
                85123A,WHITE HEART,,2.55,false,
                """, java.nio.file.Files.readString(out.resolve("products.csv")));
        assertEquals("customer_id,country\n12583,France\n17850,United Kingdom\n",
                java.nio.file.Files.readString(out.resolve("customers.csv")));
        assertEquals(6, c.read());
        assertEquals(3, c.ordersWritten());
        assertEquals(Map.of("non_product_code", 2L, "guest_order_line", 1L), c.leftOut());
        assertEquals(Map.of("POST", 1L, "gift_0001_...", 1L), c.nonProductCodes());
    }
}
