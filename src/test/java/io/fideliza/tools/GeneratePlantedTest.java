package io.fideliza.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.generate.LifecycleGenerator;
import io.fideliza.generate.PlantedComplements;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** scripts/generate-planted writes what the planted generators write, and takes exactly one kind of planted data. */
class GeneratePlantedTest {
    @TempDir
    Path dir;

    @Test
    void theShapeOptionWritesTheLifecycleGeneratorsFiles() throws IOException {
        assertEquals(0, execute("--shape", "waves", "--customers", "30", "--seed", "3", "--end-date", "2026-05-31",
                "--history-days", "200", "--output", dir.resolve("script").toString()));
        new LifecycleGenerator(new LifecycleGenerator.Spec(30, 3, LocalDate.of(2026, 5, 31), 200, true))
                .writeTo(dir.resolve("direct"));
        assertSameFiles(dir.resolve("direct"), dir.resolve("script"));
    }

    @Test
    void theScenarioOptionWritesThePlantedComplementsFilesWithTheirTruth() throws IOException {
        assertEquals(0, execute("--scenario", "few-orders", "--customers", "40", "--seed", "5",
                "--output", dir.resolve("script").toString()));
        new PlantedComplements(PlantedComplements.Spec.of(PlantedComplements.Scenario.FEW_ORDERS, 40, 5))
                .writeTo(dir.resolve("direct"));
        assertSameFiles(dir.resolve("direct"), dir.resolve("script"));
        assertEquals(true, Files.exists(dir.resolve("script/_truth/products.csv")));
    }

    @Test
    void exactlyOneKindOfPlantedData() {
        String out = dir.resolve("out").toString();
        assertEquals(2, execute("--customers", "30", "--output", out));
        assertEquals(2, execute("--shape", "lifecycles", "--scenario", "complements", "--customers", "30", "--output", out));
        assertEquals(2, execute("--shape", "prototypes", "--customers", "30", "--output", out));
        assertEquals(2, execute("--shape", "lifecycles", "--output", out));
    }

    private static int execute(String... args) {
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new GeneratePlanted()).execute(args);
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }

    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        List<Path> want = files(expected);
        assertEquals(want, files(actual));
        for (Path p : want) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(p)), Files.readAllBytes(actual.resolve(p)), p.toString());
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
