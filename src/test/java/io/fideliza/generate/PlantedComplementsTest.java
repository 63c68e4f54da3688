package io.fideliza.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlantedComplementsTest {
    @TempDir
    Path dir;

    static List<String[]> csv(Path file) throws Exception {
        return Files.readAllLines(file).stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    @Test
    void theSameSpecGivesTheSameFilesAndThePlantedLackIsNeverBought() throws Exception {
        PlantedComplements.Spec spec = PlantedComplements.Spec.of(PlantedComplements.Scenario.COMPLEMENTS, 400, 5);
        Map<String, Long> rows = new PlantedComplements(spec).writeTo(dir.resolve("a"));
        new PlantedComplements(spec).writeTo(dir.resolve("b"));
        for (String f : List.of("products.csv", "customers.csv", "orders.csv", "events.csv", "_truth/lacking.csv")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
        assertEquals(400L, rows.get("customers"));
        // Every customer row has the contract's columns, as the header says (ingest refuses a row short of fields).
        List<String> customerLines = Files.readAllLines(dir.resolve("a/customers.csv"));
        assertEquals("customer_id,signup_date,country,email,marketing_opt_in,phone,first_name,language",
                customerLines.get(0));
        assertEquals(0, customerLines.stream().filter(l -> l.split(",", -1).length != 8).count());
        // 12 families of four products, then 60 fillers; each product's family and role in the truth.
        List<String[]> truth = csv(dir.resolve("a/_truth/products.csv"));
        assertEquals(12 * 4 + 60, truth.size());
        assertEquals(12, truth.stream().filter(t -> t[2].equals(PlantedComplements.CONSUMABLE)).count());
        assertEquals(24, truth.stream().filter(t -> t[2].equals(PlantedComplements.ACCESSORY)).count());
        Map<String, Set<String>> bought = new HashMap<>();
        Map<String, Integer> consumableOrders = new HashMap<>();
        Set<String> consumables = new HashSet<>();
        truth.stream().filter(t -> t[2].equals(PlantedComplements.CONSUMABLE)).forEach(t -> consumables.add(t[0]));
        for (String[] o : csv(dir.resolve("a/orders.csv"))) {
            bought.computeIfAbsent(o[1], c -> new HashSet<>()).add(o[2]);
            if (consumables.contains(o[2])) {
                consumableOrders.merge(o[1] + o[2], 1, Integer::sum);
            }
        }
        List<String[]> lacking = csv(dir.resolve("a/_truth/lacking.csv"));
        assertTrue(lacking.size() > 100);
        for (String[] l : lacking) {
            assertTrue(bought.get(l[0]).contains(l[1]), l[0] + " owns the device " + l[1]);
            assertTrue(!bought.get(l[0]).contains(l[2]), l[0] + " never bought " + l[2]);
        }
        // Consumables are bought again and again: most buyers more than twice.
        long repeated = consumableOrders.values().stream().filter(n -> n > 2).count();
        assertTrue(repeated > consumableOrders.size() / 2, repeated + " of " + consumableOrders.size());
    }

    @Test
    void scenariosChangeTheShapeOfBuying() throws Exception {
        Map<PlantedComplements.Scenario, Double> linesPerCustomer = new HashMap<>();
        for (PlantedComplements.Scenario s : PlantedComplements.Scenario.values()) {
            Path d = dir.resolve(s.code());
            Map<String, Long> rows = new PlantedComplements(PlantedComplements.Spec.of(s, 300, 2)).writeTo(d);
            linesPerCustomer.put(s, rows.get("orders") / 300.0);
            assertEquals(s, PlantedComplements.Scenario.of(s.code()));
        }
        assertTrue(linesPerCustomer.get(PlantedComplements.Scenario.HEAVY_REPEAT)
                > 1.5 * linesPerCustomer.get(PlantedComplements.Scenario.COMPLEMENTS), linesPerCustomer.toString());
        assertTrue(linesPerCustomer.get(PlantedComplements.Scenario.FEW_ORDERS) < 6, linesPerCustomer.toString());
        assertEquals(0, csv(dir.resolve("gift-shop/_truth/lacking.csv")).size(), "the gift shop plants no pairs");
    }
}
