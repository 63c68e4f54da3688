package io.fideliza.report;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.care.ServiceTargets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the report's "Problems to put right" part shows: the care queue counted by age, topic and channel, its oldest
 * tickets (ids and facts, never names or contact details), and the share of tickets meeting the service targets
 * per support channel and topic.
 */
public record CareFacts(long tickets, Map<String, Long> byAge, Map<String, Long> byTopic, Map<String, Long> byChannel,
                        List<Oldest> oldest, List<ServiceLevel> serviceLevels) {

    /** Nothing to show: the report leaves the part out. */
    public static final CareFacts NONE = new CareFacts(0, Map.of(), Map.of(), Map.of(), List.of(), List.of());

    /** The age bands, youngest first; the table lists them oldest first. */
    static final List<String> AGE_BANDS = List.of("under 1 day", "1 to 3 days", "3 to 7 days", "7 to 30 days",
            "over 30 days");
    static final int OLDEST = 10;

    public record Oldest(String ticketId, String topic, String channel, double ageHours, String reason, String breached,
                         int nights) {
    }

    /** One support channel and topic: tickets, and the shares meeting each target (null: none known yet). */
    public record ServiceLevel(String channel, String topic, long tickets, Double firstResponseMet,
                               Double resolutionMet) {
    }

    public static CareFacts collect(Dataset<Row> queue, Dataset<Row> support, ServiceTargets targets) {
        Column days = col(AGE_HOURS).divide(24);
        Column band = when(days.lt(1), lit(AGE_BANDS.get(0))).when(days.lt(3), lit(AGE_BANDS.get(1)))
                .when(days.lt(7), lit(AGE_BANDS.get(2))).when(days.lt(30), lit(AGE_BANDS.get(3)))
                .otherwise(lit(AGE_BANDS.get(4)));
        Map<String, Long> byAge = new LinkedHashMap<>();
        for (int i = AGE_BANDS.size() - 1; i >= 0; i--) {
            byAge.put(AGE_BANDS.get(i), 0L);
        }
        long total = 0;
        for (Row r : queue.groupBy(band.as("_band")).count().collectAsList()) {
            byAge.put(r.getString(0), r.getLong(1));
            total += r.getLong(1);
        }
        List<Oldest> oldest = new ArrayList<>();
        for (Row r : queue.orderBy(col(AGE_HOURS).desc(), col(TICKET_ID)).limit(OLDEST)
                .select(TICKET_ID, TOPIC, CHANNEL, AGE_HOURS, QUEUE_REASON, BREACHED, NIGHTS_IN_QUEUE).collectAsList()) {
            oldest.add(new Oldest(r.getString(0), r.getString(1), r.getString(2), r.getDouble(3), r.getString(4),
                    r.getString(5), r.getInt(6)));
        }
        List<ServiceLevel> levels = new ArrayList<>();
        for (Row r : targets.byChannelAndTopic(support).collectAsList()) {
            levels.add(new ServiceLevel(r.getString(0), r.getString(1), r.getLong(2),
                    r.isNullAt(3) ? null : r.getDouble(3), r.isNullAt(4) ? null : r.getDouble(4)));
        }
        return new CareFacts(total, byAge, counts(queue, TOPIC), counts(queue, CHANNEL), oldest, levels);
    }

    /** Tickets per value of {@code column}, most first. */
    private static Map<String, Long> counts(Dataset<Row> queue, String column) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Row r : queue.groupBy(coalesce(col(column), lit("unknown")).as(column)).count()
                .orderBy(col("count").desc(), col(column)).collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }
}
