package io.fideliza.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress lines carry the wall-clock time (UTC, to the second) a scheduler's log can be lined up with. */
class ProgressTest {
    @Test
    void stageAndEventLinesEndWithTheUtcTime() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Clock clock = Clock.fixed(Instant.parse("2026-07-01T02:31:07.654Z"), ZoneId.of("Europe/Madrid"));
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock);
        progress.event("fideliza run: run date 2026-06-30 (UTC)");
        progress.stage("ingest", "orders 4430 read", 2.5);
        progress.line("| a | b |");
        assertEquals(List.of("fideliza run: run date 2026-06-30 (UTC)  2026-07-01T02:31:07Z",
                "ingest     orders 4430 read" + " ".repeat(62) + "    2.5 s  2026-07-01T02:31:07Z",
                "| a | b |"), bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
