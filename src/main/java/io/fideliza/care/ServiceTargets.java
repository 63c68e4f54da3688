package io.fideliza.care;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.CareSettings;
import io.fideliza.run.RunContext;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The service targets applied to tickets as the run date ends: a reply or resolution dated later is not known yet,
 * so a ticket resolved tomorrow is open tonight. Per ticket each target is met (1), missed (0: late, or not done
 * and the target's hours have passed) or not known yet (null); averaged, the share of tickets meeting it.
 */
public final class ServiceTargets {
    /** Whether the ticket is open as the run date ends. */
    static final String OPEN = "_open";
    /** The ticket's CSAT, when it was resolved by the end of the run date. */
    static final String KNOWN_CSAT = "_known_csat";

    private final RunContext run;
    private final CareSettings settings;

    public ServiceTargets(RunContext run, CareSettings settings) {
        this.run = run;
        this.settings = settings;
    }

    /** The tickets opened by the end of the run date, with their age, openness, targets met and breaches. */
    public Dataset<Row> asOfRun(Dataset<Row> support) {
        Column end = lit(run.runEnd());
        Column reply = when(col(FIRST_RESPONSE_AT).lt(end), col(FIRST_RESPONSE_AT));
        Column resolved = when(col(RESOLVED_AT).lt(end), col(RESOLVED_AT));
        Column age = hours(end);
        Column firstMet = met(reply, age, lit(settings.firstResponseHours()));
        Column resolutionMet = met(resolved, age, resolutionTargetHours());
        return support.filter(col(OPENED_AT).lt(end))
                .withColumn(AGE_HOURS, round(age, 1))
                .withColumn(OPEN, resolved.isNull())
                .withColumn(KNOWN_CSAT, when(resolved.isNotNull(), col(CSAT)))
                .withColumn(FIRST_RESPONSE_TARGET_MET, firstMet)
                .withColumn(RESOLUTION_TARGET_MET, resolutionMet)
                .withColumn(FIRST_RESPONSE_BREACHED, coalesce(firstMet.equalTo(0), lit(false)))
                .withColumn(RESOLUTION_BREACHED, coalesce(resolutionMet.equalTo(0), lit(false)));
    }

    /** The resolution target of each ticket's topic, in hours. */
    Column resolutionTargetHours() {
        Column target = lit(settings.resolutionHours(CareSettings.DEFAULT_TOPIC));
        for (Map.Entry<String, Integer> t : settings.resolutionHours().entrySet()) {
            target = when(col(TOPIC).equalTo(t.getKey()), lit(t.getValue())).otherwise(target);
        }
        return target;
    }

    private static Column hours(Column at) {
        return unix_timestamp(at).minus(unix_timestamp(col(OPENED_AT))).divide(3600.0);
    }

    /** 1 done within the target, 0 done late or not done past it, null not done and still within it. */
    private static Column met(Column doneAt, Column age, Column targetHours) {
        return when(doneAt.isNotNull(), when(hours(doneAt).leq(targetHours), 1.0).otherwise(0.0))
                .when(age.gt(targetHours), 0.0);
    }

    /**
     * Per support channel and topic: tickets, and the share meeting each target (over the tickets whose outcome
     * is known; null when none is).
     */
    public Dataset<Row> byChannelAndTopic(Dataset<Row> support) {
        return asOfRun(support)
                .groupBy(coalesce(col(CHANNEL), lit("unknown")).as(CHANNEL), coalesce(col(TOPIC), lit("unknown")).as(TOPIC))
                .agg(count(lit(1)).as(TICKETS), avg(FIRST_RESPONSE_TARGET_MET).as(FIRST_RESPONSE_TARGET_MET),
                        avg(RESOLUTION_TARGET_MET).as(RESOLUTION_TARGET_MET))
                .orderBy(CHANNEL, TOPIC);
    }

    public static final String TICKETS = io.fideliza.contract.FeatureColumns.TICKETS;

    /**
     * segment_profiles' service-level columns per segment: the share of its customers' tickets meeting each target,
     * overall and per support channel and per topic (lists of name and share, by name; a share is null while no
     * outcome is known).
     *
     * @param members customer_id and segment_id
     */
    public Dataset<Row> bySegment(Dataset<Row> support, Dataset<Row> members) {
        Dataset<Row> t = asOfRun(support).join(members.select(CUSTOMER_ID, SEGMENT_ID), CUSTOMER_ID)
                .withColumn(CHANNEL, coalesce(col(CHANNEL), lit("unknown")))
                .withColumn(TOPIC, coalesce(col(TOPIC), lit("unknown")));
        Dataset<Row> overall = t.groupBy(SEGMENT_ID).agg(avg(FIRST_RESPONSE_TARGET_MET).as(FIRST_RESPONSE_TARGET_MET),
                avg(RESOLUTION_TARGET_MET).as(RESOLUTION_TARGET_MET));
        return overall.join(shares(t, CHANNEL, FIRST_RESPONSE_MET_BY_CHANNEL, RESOLUTION_MET_BY_CHANNEL), SEGMENT_ID)
                .join(shares(t, TOPIC, FIRST_RESPONSE_MET_BY_TOPIC, RESOLUTION_MET_BY_TOPIC), SEGMENT_ID);
    }

    private static Dataset<Row> shares(Dataset<Row> t, String by, String firstName, String resolutionName) {
        return t.groupBy(col(SEGMENT_ID), col(by))
                .agg(avg(FIRST_RESPONSE_TARGET_MET).as("_first"), avg(RESOLUTION_TARGET_MET).as("_resolution"))
                .groupBy(SEGMENT_ID)
                // Lists of (name, share) rather than maps: outputs are compared with set operations, which maps refuse.
                .agg(sort_array(collect_list(struct(col(by).as(NAME), col("_first").as(SHARE)))).as(firstName),
                        sort_array(collect_list(struct(col(by).as(NAME), col("_resolution").as(SHARE))))
                                .as(resolutionName));
    }
}
