package io.fideliza.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fideliza.contract.OutputDataset;
import io.fideliza.manifest.Manifest;
import io.fideliza.manifest.ManifestJson;
import io.fideliza.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage command (ingest, features, ...) run on a date a full run published replaces its own partitions and
 * keeps the others in the manifest: the date's plans and exports are never disowned.
 */
@SparkTest
class StageRerunManifestTest {
    static final LocalDate DAY = LocalDate.of(2026, 7, 1);
    private final SparkSession spark;

    @TempDir
    Path tmp;

    StageRerunManifestTest(SparkSession spark) {
        this.spark = spark;
    }

    /** A run of DAY that stages these datasets, each with a row count, and records these details. */
    private void run(Path out, Map<OutputDataset, Long> datasets, Map<String, JsonNode> details) {
        Manifest manifest = new Manifest(DAY);
        details.forEach(manifest::detail);
        try (OutputStore store = new OutputStore(spark, out.toString(), DAY, manifest)) {
            datasets.forEach((d, rows) -> {
                store.writeText(new org.apache.hadoop.fs.Path(store.stageFolder(d), "part.txt"), "rows " + rows);
                manifest.output(d.folder(), rows);
            });
            store.commit();
        }
    }

    private static JsonNode manifest(Path out) throws IOException {
        return new ObjectMapper().readTree(Files.readString(out.resolve("_manifests/2026-07-01.json")));
    }

    @Test
    void anIngestAfterAFullRunKeepsThePlansAndExportsInTheManifest() throws IOException {
        Path out = tmp.resolve("out");
        run(out, new java.util.LinkedHashMap<>(Map.of(OutputDataset.CUSTOMER_FEATURES, 300L,
                OutputDataset.ACTION_PLANS, 300L, OutputDataset.EXPORTS, 9L)), Map.of("kpis", ManifestJson.figures(Map.of("customers", 300))));
        run(out, Map.of(OutputDataset.CUSTOMER_FEATURES, 301L), Map.of());

        JsonNode m = manifest(out);
        assertEquals("succeeded", m.path("status").asText());
        assertEquals(301, m.path("outputs").path("customer_features").asLong(), "its own output: the new count");
        assertEquals(300, m.path("outputs").path("action_plans").asLong(), "kept, as published");
        assertEquals(9, m.path("outputs").path("exports").asLong(), "kept, as published");
        assertEquals(300, m.path("kpis").path("customers").asInt(), "the details that went with them too");
        List<String> kept = new java.util.ArrayList<>();
        m.path("kept_from_earlier_run").path("outputs").forEach(n -> kept.add(n.asText()));
        assertEquals(List.of("action_plans", "exports"), kept.stream().sorted().toList());
        assertEquals("rows 300", Files.readString(out.resolve("action_plans/run_date=2026-07-01/part.txt")));
        assertEquals("rows 301", Files.readString(out.resolve("customer_features/run_date=2026-07-01/part.txt")));
    }

    @Test
    void aFullRerunKeepsNothingOfTheEarlierRun() throws IOException {
        Path out = tmp.resolve("full");
        Map<OutputDataset, Long> all = Map.of(OutputDataset.CUSTOMER_FEATURES, 300L, OutputDataset.ACTION_PLANS, 300L);
        run(out, all, Map.of("kpis", ManifestJson.figures(Map.of("customers", 300))));
        run(out, all, Map.of());
        JsonNode m = manifest(out);
        assertTrue(m.path("kept_from_earlier_run").isMissingNode());
        assertTrue(m.path("kpis").isMissingNode(), "a run that restages everything stands alone");
    }
}
