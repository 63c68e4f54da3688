package io.fideliza.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A header must not hide a contract column behind a typo, nor name a column twice. */
class HeadersTest {
    static final List<String> CUSTOMERS_OK = List.of("customer_id", "signup_date", "country", "email", "marketing_opt_in");

    static String refused(InputDataset d, List<String> header) {
        return assertThrows(InputError.class, () -> Headers.check(d, header, "customers.csv")).getMessage();
    }

    @Test
    void aMisspeltConsentColumnIsAnErrorNamingBoth() {
        for (String typo : List.of("marketing_optin", "marketing opt in", "marketing-opt-in", "marketting_opt_in",
                "marketing_opt_inn")) {
            assertEquals("customers.csv: column '" + typo + "' looks like the contract's 'marketing_opt_in', which is "
                            + "missing; rename it to 'marketing_opt_in' (a column the contract does not know is ignored)",
                    refused(InputDataset.CUSTOMERS, List.of("customer_id", "email", typo)), typo);
        }
    }

    @Test
    void otherExtraColumnsAndNearNamesBesideTheRealColumnAreFine() {
        Headers.check(InputDataset.CUSTOMERS, CUSTOMERS_OK, "customers.csv");
        Headers.check(InputDataset.CUSTOMERS, List.of("customer_id", "loyalty_tier", "newsletter"), "customers.csv");
        // The contract's column is there: a look-alike beside it is just another column.
        Headers.check(InputDataset.ORDERS, List.of("order_id", "customer_id", "product_id", "product_ids", "ordered_at",
                "quantity", "unit_price"), "orders.csv");
        assertFalse(Headers.nearMiss("country_code", "country"));
        assertFalse(Headers.nearMiss("di", "id"), "short names are not compared");
        assertTrue(Headers.nearMiss("custmer_id", "customer_id"));
    }

    @Test
    void aColumnNamedTwiceIsAnError() {
        assertEquals("customers.csv: column 'email' appears twice in the header (columns 2 and 4); keep one",
                refused(InputDataset.CUSTOMERS, List.of("customer_id", "email", "country", "email")));
    }

    @Test
    void aMissingRequiredColumnIsNamedWithTheHeader() {
        assertEquals("customers.csv: required column 'customer_id' is missing (header: email,country)",
                refused(InputDataset.CUSTOMERS, List.of("email", "country")));
    }

    @Test
    void editDistanceStopsEarlyBeyondTheLimit() {
        assertEquals(1, Headers.editDistance("optin", "opt_in", 2));
        assertEquals(2, Headers.editDistance("abcd", "abdc", 2));
        assertEquals(3, Headers.editDistance("abcdefgh", "xyzdefgh", 2), "more than the limit: limit + 1");
    }
}
