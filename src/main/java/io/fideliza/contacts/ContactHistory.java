package io.fideliza.contacts;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.contract.Channel;
import io.fideliza.run.RunContext;
import java.util.Arrays;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Who was contacted, when and with what: the contacts input (what the tools actually sent) or, without it,
 * earlier runs' published plans standing in for it (not control, channel not none, sent on their send_on);
 * plus the sends earlier plans scheduled after the run date and the plans held out as control, which caps and
 * cooldowns count as if sent so that control customers are planned like the others.
 */
public final class ContactHistory {
    /** The day of the contact (in the run's zone), or of the planned send. */
    public static final String DAY = "contact_date";
    /** {@link #SENT}, {@link #SCHEDULED} or {@link #HELD_OUT}. */
    public static final String KIND = "contact_kind";
    /** Sent on or before the run date. */
    public static final String SENT = "sent";
    /** Planned by an earlier run for a day after this run's date. */
    public static final String SCHEDULED = "scheduled";
    /** Planned by an earlier run but held out as control: never sent, counted by caps and cooldowns only. */
    public static final String HELD_OUT = "held_out";
    /** How far before the history window earlier plans are read: a send can be planned this long ahead. */
    static final int PLANNING_HORIZON_DAYS = 90;

    private final RunContext run;
    private final int historyDays;

    public ContactHistory(RunContext run, int historyDays) {
        this.run = run;
        this.historyDays = historyDays;
    }

    /**
     * The history: customer_id, contact_date, action, channel, contact_kind; one row per contact (the same
     * action on the same day and channel counts once: tools often write a row per status of one message).
     *
     * @param contacts        the validated contacts input (empty when absent)
     * @param contactsPresent whether the input folder has a contacts dataset: if so it alone says what was sent
     * @param earlierPlans    every action_plans partition published before this run's date, with run_date
     */
    public Dataset<Row> build(Dataset<Row> contacts, boolean contactsPresent, Optional<Dataset<Row>> earlierPlans) {
        Column from = lit(java.sql.Date.valueOf(run.runDate().minusDays(historyDays)));
        Column runDate = lit(run.runDateSql());
        Dataset<Row> history = contactsPresent
                ? contacts.filter(col(CHANNEL).notEqual(Channel.NONE.code()))
                        .select(col(CUSTOMER_ID), run.day(col(SENT_AT)).as(DAY), col(ACTION), col(CHANNEL),
                                lit(SENT).as(KIND))
                        .filter(col(DAY).geq(from).and(col(DAY).leq(runDate)))
                : empty(contacts);
        if (earlierPlans.isPresent()) {
            Dataset<Row> p = earlierPlans.get();
            Column control = Arrays.asList(p.columns()).contains(CONTROL) ? coalesce(col(CONTROL), lit(false))
                    : lit(false);
            Dataset<Row> plans = p.filter(col(RUN_DATE).lt(runDate)
                            .and(col(RUN_DATE).geq(lit(java.sql.Date.valueOf(
                                    run.runDate().minusDays(historyDays + PLANNING_HORIZON_DAYS)))))
                            .and(col(SEND_ON).isNotNull()).and(col(SEND_ON).geq(from))
                            .and(col(CHANNEL).notEqual(Channel.NONE.code())))
                    .select(col(CUSTOMER_ID), col(SEND_ON).as(DAY), col(ACTION), col(CHANNEL),
                            when(control, lit(HELD_OUT)).when(col(SEND_ON).gt(runDate), lit(SCHEDULED))
                                    .otherwise(lit(SENT)).as(KIND));
            // With a contacts input the plans' past sends are what the tools did or did not do: the input says.
            Dataset<Row> fromPlans = contactsPresent ? plans.filter(col(KIND).notEqual(SENT)) : plans;
            history = history.unionByName(fromPlans);
        }
        return history.dropDuplicates(CUSTOMER_ID, DAY, ACTION, CHANNEL, KIND);
    }

    private static Dataset<Row> empty(Dataset<Row> any) {
        return any.sparkSession().createDataFrame(java.util.List.of(), new org.apache.spark.sql.types.StructType()
                .add(CUSTOMER_ID, DataTypes.StringType).add(DAY, DataTypes.DateType).add(ACTION, DataTypes.StringType)
                .add(CHANNEL, DataTypes.StringType).add(KIND, DataTypes.StringType));
    }
}
