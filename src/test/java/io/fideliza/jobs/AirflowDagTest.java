package io.fideliza.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Airflow DAG as a scheduler needs it, for Airflow 2 and 3: read by Python's parser and executed against
 * stand-ins for each version's modules (src/test/python/dag_facts.py; Airflow cannot be installed here), and
 * the cron line and the README's submit lines agreeing with it on the run date.
 */
class AirflowDagTest {
    static final Path DAG = Path.of("jobs/fideliza_nightly_dag.py");
    static JsonNode facts;

    @BeforeAll
    static void readTheDag() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "src/test/python/dag_facts.py", DAG.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), new String(out, StandardCharsets.UTF_8));
        facts = new ObjectMapper().readTree(out);
    }

    @Test
    void oneActiveRunOnTheNightlySchedule() {
        JsonNode dag = facts.get("dag");
        assertEquals("fideliza_nightly", dag.get("dag_id").asText());
        assertEquals("30 2 * * *", dag.get("schedule").asText());
        assertEquals(1, dag.get("max_active_runs").asInt(), "each night builds on the previous one");
        assertEquals(false, dag.get("catchup").asBoolean());
        assertEquals("pendulum.datetime(2026, 6, 1, tz=UTC)", dag.get("start_date").asText());
    }

    @Test
    void theTaskHasATimeoutAndRetries() {
        JsonNode task = facts.get("task");
        assertEquals("FidelizaSubmit", task.get("operator").asText());
        assertEquals(3 * 3600, task.get("execution_timeout").asInt());
        assertEquals(2, facts.get("dag").get("default_args").get("retries").asInt());
        assertEquals(900, facts.get("dag").get("default_args").get("retry_delay").asInt());
        assertEquals("io.fideliza.cli.Main", task.get("java_class").asText());
    }

    @Test
    void guardRefusalsAndUserErrorsAreNotRetriedOnEitherAirflow() {
        Map<String, String> expected = Map.of("0", "succeeded", "1", "retry", "2", "fail", "3", "fail", "4", "retry",
                "5", "retry");
        for (String version : List.of("airflow2", "airflow3")) {
            JsonNode codes = facts.get(version).get("exit_codes");
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertEquals(e.getValue(), codes.get(e.getKey()).asText(), version + ", exit code " + e.getKey());
            }
        }
        assertEquals("airflow.DAG", facts.get("airflow2").get("dag").asText());
        assertEquals("airflow.sdk.DAG", facts.get("airflow3").get("dag").asText());
    }

    @Test
    void theRunDateIsTheDayBeforeTheDataIntervalsEndOnAirflow2And3() {
        JsonNode runDate = facts.get("run_date");
        assertEquals("2026-06-30", runDate.get("airflow2").asText());
        assertEquals("2026-06-30", runDate.get("airflow3").asText());
        assertEquals("2026-06-28", runDate.get("airflow2 with run_date=2026-06-28").asText());
        assertEquals("2026-06-28", runDate.get("airflow3 with run_date=2026-06-28").asText());
    }

    /** The cron line runs at the DAG's time and passes yesterday (UTC), as do the README's submit lines. */
    @Test
    void theCronLineAndTheReadmesSubmitLinesAgreeOnTheDate() throws IOException {
        String yesterday = "--run-date \"$(date -u -d yesterday +%F)\"";
        String cron = Files.readAllLines(Path.of("jobs/schedule.cron")).stream().filter(l -> !l.startsWith("#"))
                .filter(l -> !l.isBlank()).findFirst().orElseThrow();
        assertTrue(cron.startsWith("30 2  *   *   *"), cron);
        assertTrue(cron.contains(yesterday.replace("%F", "\\%F")), cron);
        String readme = Files.readString(Path.of("README.md"));
        String cluster = readme.substring(readme.indexOf("## Running on a cluster"));
        int block = cluster.indexOf("```bash");
        Matcher submits = Pattern.compile("(?m)^.*scripts/submit.*$").matcher(cluster.substring(block,
                cluster.indexOf("```", block + 7)));
        int n = 0;
        while (submits.find()) {
            assertTrue(submits.group().contains(yesterday), submits.group());
            n++;
        }
        assertEquals(3, n, "the standalone, YARN and Kubernetes lines");
    }
}
