package io.fideliza.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.care.CareQueue;
import io.fideliza.care.CareQueueTestAccess;
import io.fideliza.care.ServiceTargets;
import io.fideliza.config.JobConfig;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.RunContext;
import io.fideliza.testing.SparkTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** "Problems to put right": the queue of 2 July counted by age (oldest first), topic and channel; no contact details. */
@SparkTest
class CareReportTest {
    private final SparkSession spark;

    CareReportTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void countsByAgeTopicAndChannelOldestFirstWithoutContactDetails() {
        RunContext run = new RunContext(LocalDate.of(2026, 7, 2), ZoneOffset.UTC);
        JobConfig config = JobConfig.defaults();
        CleanInputs in = CareQueueTestAccess.extract(spark);
        Dataset<Row> queue = new CareQueue(run, config.care(), config.playbook().care()).build(new CareQueue.Input(
                in.support(), in.surveys(), in.customers(), CareQueueTestAccess.features(spark),
                CareQueueTestAccess.segments(spark), Optional.empty()));
        CareFacts facts = CareFacts.collect(queue, in.support(), new ServiceTargets(run, config.care()));

        assertEquals(5, facts.tickets());
        Map<String, Long> byAge = new LinkedHashMap<>();
        byAge.put("over 30 days", 0L);
        byAge.put("7 to 30 days", 2L);   // T4 (12.7 days), T3 (7.7)
        byAge.put("3 to 7 days", 1L);    // T2 (3.6)
        byAge.put("1 to 3 days", 2L);    // T1 (2.6), T5 (1.2)
        byAge.put("under 1 day", 0L);
        assertEquals(byAge, facts.byAge());
        assertEquals(List.of("billing", "defect", "delivery", "return"), List.copyOf(facts.byTopic().keySet()));
        assertEquals(2L, facts.byTopic().get("billing"));
        assertEquals(Map.of("email", 2L, "chat", 1L, "phone", 1L, "whatsapp", 1L), facts.byChannel());
        assertEquals(List.of("T4", "T3", "T2", "T1", "T5"),
                facts.oldest().stream().map(CareFacts.Oldest::ticketId).toList());

        String html = CareSection.render(facts);
        assertTrue(html.contains("T4"), html);
        assertFalse(html.contains("@example.com"), "no email address");
        assertFalse(html.contains("+34"), "no phone number");
    }
}
