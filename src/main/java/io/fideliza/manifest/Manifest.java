package io.fideliza.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fideliza.contract.InputDataset;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's manifest (contract.md): status, every input's accounting, every output's row count, stage
 * timings, parameters and versions. Written last, so its presence with status succeeded means the
 * outputs of that date are whole.
 */
public final class Manifest {
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    private final LocalDate runDate;
    private final Instant startedAt = Instant.now();
    private final Map<String, InputCounts> inputs = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> quarantineReasons = new LinkedHashMap<>();
    private final Map<String, Long> outputs = new LinkedHashMap<>();
    private final List<StageTiming> stages = new ArrayList<>();
    private final ObjectNode details = ManifestJson.object();

    /** One stage's wall-clock seconds, to the hundredth. */
    record StageTiming(String name, double seconds) {
    }

    public Manifest(LocalDate runDate) {
        this.runDate = runDate;
    }

    public void input(InputDataset dataset, InputCounts counts) {
        inputs.put(dataset.datasetName(), counts);
    }

    public void quarantineReasons(InputDataset dataset, Map<String, Long> reasons) {
        if (!reasons.isEmpty()) {
            quarantineReasons.put(dataset.datasetName(), reasons);
        }
    }

    public void output(String name, long rows) {
        outputs.put(name, rows);
    }

    public void stage(String name, double seconds) {
        stages.add(new StageTiming(name, Math.round(seconds * 100) / 100.0));
    }

    /**
     * Anything else worth keeping: parameters, versions, model evidence, as a tree built where the figures are
     * known ({@link ManifestJson}).
     */
    public void detail(String key, JsonNode value) {
        details.set(key, value);
    }

    public void detail(String key, String value) {
        details.put(key, value);
    }

    public Map<String, InputCounts> inputs() {
        return inputs;
    }

    public Map<String, Long> outputs() {
        return outputs;
    }

    /** Per input, quarantine reason to rows (inputs without quarantined rows are absent). */
    public Map<String, Map<String, Long>> quarantineReasons() {
        return quarantineReasons;
    }

    /** The manifest's own keys; anything else is a detail. */
    private static final java.util.Set<String> OWN_KEYS = java.util.Set.of("run_date", "status", "error", "started_at",
            "finished_at", "inputs", "quarantine_reasons", "outputs", "stages");

    /**
     * Keeps what the date's published run recorded about the outputs this run does not restage: a stage command
     * (ingest, features, ...) run after a full run replaces its own partitions only, and the others stay in place,
     * so the new manifest still lists them (and the details, such as the KPIs, that went with them) under
     * {@code kept_from_earlier_run}, instead of disowning them. Returns the outputs kept (none when the published
     * run did not succeed or this run restages everything).
     */
    public List<String> keepOutputsOf(String publishedJson) {
        com.fasterxml.jackson.databind.JsonNode old;
        try {
            old = new ObjectMapper().readTree(publishedJson);
        } catch (JsonProcessingException e) {
            return List.of(); // not ours to interpret: the new manifest stands alone
        }
        if (!SUCCEEDED.equals(old.path("status").asText())) {
            return List.of();
        }
        List<String> kept = new ArrayList<>();
        old.path("outputs").fields().forEachRemaining(e -> {
            if (!outputs.containsKey(e.getKey())) {
                outputs.put(e.getKey(), e.getValue().asLong());
                kept.add(e.getKey());
            }
        });
        if (kept.isEmpty()) {
            return kept;
        }
        old.fields().forEachRemaining(e -> {
            if (!OWN_KEYS.contains(e.getKey()) && !details.has(e.getKey())) {
                details.set(e.getKey(), e.getValue());
            }
        });
        ObjectNode from = ManifestJson.object();
        from.put("finished_at", old.path("finished_at").asText());
        from.put("attempt", old.path("attempt").asText());
        from.set("outputs", ManifestJson.of(kept));
        details.set("kept_from_earlier_run", from);
        return kept;
    }

    public String toJson(String status, String error) {
        ObjectNode m = ManifestJson.object();
        m.put("run_date", runDate.toString());
        m.put("status", status);
        if (error != null) {
            m.put("error", error);
        }
        m.put("started_at", startedAt.toString());
        m.put("finished_at", Instant.now().toString());
        m.set("inputs", ManifestJson.of(inputs));
        m.set("quarantine_reasons", ManifestJson.of(quarantineReasons));
        m.set("outputs", ManifestJson.of(outputs));
        m.set("stages", ManifestJson.of(stages));
        m.setAll(details);
        try {
            return ManifestJson.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the manifest", e);
        }
    }
}
