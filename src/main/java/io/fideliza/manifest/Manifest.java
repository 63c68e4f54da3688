package io.fideliza.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fideliza.contract.InputDataset;
import io.fideliza.manifest.InputCounts;
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
    private final Map<String, Object> inputs = new LinkedHashMap<>();
    private final Map<String, Object> quarantineReasons = new LinkedHashMap<>();
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    private final List<Map<String, Object>> stages = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();

    public Manifest(LocalDate runDate) {
        this.runDate = runDate;
    }

    public void input(InputDataset dataset, InputCounts counts) {
        inputs.put(dataset.datasetName(), counts.asManifest());
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
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("seconds", Math.round(seconds * 100) / 100.0);
        stages.add(s);
    }

    /** Anything else worth keeping: parameters, versions, model evidence. */
    public void detail(String key, Object value) {
        details.put(key, value);
    }

    public Map<String, Object> inputs() {
        return inputs;
    }

    public Map<String, Object> outputs() {
        return outputs;
    }

    /** Per input, quarantine reason to rows (inputs without quarantined rows are absent). */
    public Map<String, Object> quarantineReasons() {
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
        ObjectMapper mapper = new ObjectMapper();
        old.fields().forEachRemaining(e -> {
            if (!OWN_KEYS.contains(e.getKey()) && !details.containsKey(e.getKey())) {
                details.put(e.getKey(), mapper.convertValue(e.getValue(), Object.class));
            }
        });
        Map<String, Object> from = new LinkedHashMap<>();
        from.put("finished_at", old.path("finished_at").asText());
        from.put("attempt", old.path("attempt").asText());
        from.put("outputs", kept);
        details.put("kept_from_earlier_run", from);
        return kept;
    }

    public String toJson(String status, String error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_date", runDate.toString());
        m.put("status", status);
        if (error != null) {
            m.put("error", error);
        }
        m.put("started_at", startedAt.toString());
        m.put("finished_at", Instant.now().toString());
        m.put("inputs", inputs);
        m.put("quarantine_reasons", quarantineReasons);
        m.put("outputs", outputs);
        m.put("stages", stages);
        details.forEach((k, v) -> m.put(k, stableOrder(v)));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the manifest", e);
        }
    }

    /** Maps built with Map.of iterate in a per-JVM order: sorted here, so two runs write the same manifest. */
    private static Object stableOrder(Object value) {
        if (value instanceof Map<?, ?> map && !(map instanceof LinkedHashMap<?, ?>)) {
            Map<String, Object> sorted = new java.util.TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), stableOrder(v)));
            return sorted;
        }
        if (value instanceof LinkedHashMap<?, ?> map) {
            Map<String, Object> kept = new LinkedHashMap<>();
            map.forEach((k, v) -> kept.put(String.valueOf(k), stableOrder(v)));
            return kept;
        }
        return value;
    }
}
