package io.fideliza.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What a run that succeeded earlier recorded about its inputs, read back from its manifest. */
public record PreviousRun(LocalDate runDate, Map<String, InputCounts> inputs) {

    /** A manifest's run, if it succeeded. */
    public static Optional<PreviousRun> ifSucceeded(String manifestJson) {
        try {
            JsonNode m = new ObjectMapper().readTree(manifestJson);
            if (!Manifest.SUCCEEDED.equals(m.path("status").asText())) {
                return Optional.empty();
            }
            Map<String, InputCounts> inputs = new LinkedHashMap<>();
            m.path("inputs").fields().forEachRemaining(e -> {
                JsonNode c = e.getValue();
                inputs.put(e.getKey(), new InputCounts(c.path("read").asLong(), c.path("valid").asLong(),
                        c.path("quarantined").asLong(), c.path("duplicates").asLong(), c.path("after_run_date").asLong()));
            });
            return Optional.of(new PreviousRun(LocalDate.parse(m.path("run_date").asText()), inputs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a manifest: " + e.getMessage(), e);
        }
    }
}
