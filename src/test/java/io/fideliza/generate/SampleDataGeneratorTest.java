package io.fideliza.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataGeneratorTest {
    @TempDir
    Path dir;

    static final List<String> FILES = List.of("customers.csv", "products.csv", "orders.csv", "events.csv",
            "support.csv", "surveys.csv", "_truth/products.csv");

    @Test
    void theSameSeedGivesTheSameFilesAndTheShippedSampleIsReproducible() throws Exception {
        new SampleDataGenerator(SampleDataGenerator.Spec.of(300, 42)).writeTo(dir.resolve("a"));
        for (String f : FILES) {
            assertArrayEquals(Files.readAllBytes(Path.of("sample-data").resolve(f)), Files.readAllBytes(dir.resolve("a").resolve(f)),
                    "sample-data/" + f + " is what `fideliza generate --customers 300 --seed 42` writes");
        }
        new SampleDataGenerator(SampleDataGenerator.Spec.of(300, 43)).writeTo(dir.resolve("b"));
        assertNotEquals(Files.readString(dir.resolve("a/orders.csv")), Files.readString(dir.resolve("b/orders.csv")));
    }

    @Test
    void partsSplitCustomersAcrossGzippedFiles() throws Exception {
        SampleDataGenerator.Written w = new SampleDataGenerator(new SampleDataGenerator.Spec(50, 60, 1,
                java.time.LocalDate.of(2026, 6, 30), 540, 3, false)).writeTo(dir);
        assertEquals(3, Files.list(dir.resolve("orders")).filter(p -> p.toString().endsWith(".csv.gz")).count());
        assertEquals(50L, w.rows().get("customers"));
    }
}
