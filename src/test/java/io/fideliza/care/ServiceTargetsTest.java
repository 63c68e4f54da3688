package io.fideliza.care;

import static io.fideliza.contract.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.config.JobConfig;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.RunContext;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The share of tickets meeting the service targets (first reply 24 h; resolution 48 h for delivery, 72 h for others)
 * on five tickets worked out by hand, as of the end of 1 July: per channel and topic, and per segment with the maps
 * segment_profiles carries.
 */
@SparkTest
class ServiceTargetsTest {
    static final RunContext RUN = new RunContext(LocalDate.of(2026, 7, 1), ZoneOffset.UTC);
    private final SparkSession spark;

    ServiceTargetsTest(SparkSession spark) {
        this.spark = spark;
    }

    CleanInputs tickets() {
        return new Tables()
                // S1: reply in 10 h (met), resolved in 36 h of its 48 (met).
                .ticketAt("S1", "X", "2026-06-28T00:00:00Z", "2026-06-28T10:00:00Z", "2026-06-29T12:00:00Z", "email",
                        "delivery", 1, 5, "2.00")
                // S2: reply in 30 h (missed), resolved in 72 h of its 48 (missed).
                .ticketAt("S2", "X", "2026-06-27T00:00:00Z", "2026-06-28T06:00:00Z", "2026-06-30T00:00:00Z", "email",
                        "delivery", 2, 3, "4.00")
                // S3: opened 12 h before the day ends, no reply yet: neither known.
                .ticketAt("S3", "Y", "2026-07-01T12:00:00Z", null, null, "phone", "billing", 1, null, "1.00")
                // S4: reply in 1 h (met), open for 12 days (72 h missed).
                .ticketAt("S4", "Y", "2026-06-20T00:00:00Z", "2026-06-20T01:00:00Z", null, "phone", "billing", 1, null,
                        "1.00")
                // S5: the reply came on 3 July, after the run date: unanswered after 72 h (missed), open (missed).
                .ticketAt("S5", "Y", "2026-06-29T00:00:00Z", "2026-07-03T00:00:00Z", null, "phone", "delivery", 1, null,
                        "1.00")
                .clean(spark);
    }

    @Test
    void sharesPerChannelAndTopicMatchTheHandCount() {
        ServiceTargets targets = new ServiceTargets(RUN, JobConfig.defaults().care());
        List<String> rows = new ArrayList<>();
        for (Row r : targets.byChannelAndTopic(tickets().support()).collectAsList()) {
            rows.add(r.getString(0) + "/" + r.getString(1) + " " + r.getLong(2) + " " + r.get(3) + " " + r.get(4));
        }
        assertEquals(List.of("email/delivery 2 0.5 0.5", "phone/billing 2 1.0 0.0", "phone/delivery 1 0.0 0.0"), rows);
    }

    /** A list of (name, share) as a map, for comparing. */
    private static Map<String, Double> shares(Row r, String column) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (Row e : r.<Row>getList(r.fieldIndex(column))) {
            out.put(e.getString(0), e.isNullAt(1) ? null : e.getDouble(1));
        }
        return out;
    }

    @Test
    void segmentProfilesCarryTheSharesOverallAndByChannelAndTopic() {
        Dataset<Row> members = spark.createDataFrame(List.of(RowFactory.create("X", 1), RowFactory.create("Y", 2)),
                new StructType().add(CUSTOMER_ID, DataTypes.StringType).add(SEGMENT_ID, DataTypes.IntegerType));
        Map<Integer, Row> bySegment = new HashMap<>();
        new ServiceTargets(RUN, JobConfig.defaults().care()).bySegment(tickets().support(), members).collectAsList()
                .forEach(r -> bySegment.put(r.<Integer>getAs(SEGMENT_ID), r));
        Row x = bySegment.get(1);
        assertEquals(0.5, x.<Double>getAs(FIRST_RESPONSE_TARGET_MET));
        assertEquals(0.5, x.<Double>getAs(RESOLUTION_TARGET_MET));
        assertEquals(Map.of("email", 0.5), shares(x, FIRST_RESPONSE_MET_BY_CHANNEL));
        assertEquals(Map.of("delivery", 0.5), shares(x, RESOLUTION_MET_BY_TOPIC));
        Row y = bySegment.get(2);
        assertEquals(0.5, y.<Double>getAs(FIRST_RESPONSE_TARGET_MET), "S4 met, S5 missed, S3 not known");
        assertEquals(0.0, y.<Double>getAs(RESOLUTION_TARGET_MET));
        assertEquals(Map.of("phone", 0.5), shares(y, FIRST_RESPONSE_MET_BY_CHANNEL));
        assertEquals(Map.of("phone", 0.0), shares(y, RESOLUTION_MET_BY_CHANNEL));
        assertEquals(Map.of("billing", 1.0, "delivery", 0.0), shares(y, FIRST_RESPONSE_MET_BY_TOPIC));
        assertEquals(Map.of("billing", 0.0, "delivery", 0.0), shares(y, RESOLUTION_MET_BY_TOPIC));
    }
}
