package io.fideliza.features;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.contract.NpsGroup;
import org.apache.spark.sql.Column;

/**
 * The support and satisfaction measures, defined once: a customer's features and a segment's profile
 * aggregate the same per-ticket and per-answer values.
 */
public final class SupportMeasures {
    private SupportMeasures() {
    }

    /** Hours from a ticket's opening to its first response (null when unanswered). */
    public static Column firstResponseHours() {
        return hoursSinceOpened(col(FIRST_RESPONSE_AT));
    }

    /** Hours from a ticket's opening to its resolution (null while open). */
    public static Column resolutionHours() {
        return hoursSinceOpened(col(RESOLVED_AT));
    }

    private static Column hoursSinceOpened(Column at) {
        return unix_timestamp(at).minus(unix_timestamp(col(OPENED_AT))).divide(3600.0);
    }

    public static Column resolved() {
        return col(RESOLVED_AT).isNotNull();
    }

    /** 1 for a resolved ticket that took one contact, 0 for one that took more, null while open: averaged, the rate. */
    public static Column resolvedAtFirstContact() {
        return when(resolved(), when(col(CONTACTS).equalTo(1), 1.0).otherwise(0.0));
    }

    /** The median of hours over tickets, approximate to 1/10,000 of the range. */
    public static Column medianHours(Column hours) {
        return percentile_approx(hours, lit(0.5), lit(10000));
    }

    /** The answer that counts of several, as the contract defines it for NPS: {@link NpsGroup#latest}. */
    public static Column latest(Column score, Column at) {
        return NpsGroup.latest(score, at);
    }
}
