package io.fideliza.care;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.CareRules;
import io.fideliza.config.CareSettings;
import io.fideliza.contract.FeatureColumns;
import io.fideliza.contract.SupportChannel;
import io.fideliza.contract.SurveyKind;
import io.fideliza.run.RunContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The care team's work list ({@code care_queue}): one row per ticket that needs a person as the run date ends,
 * every night until it is put right: open tickets, and resolved ones rated badly (a low ticket CSAT, or a bad
 * survey answer soon after) until a better answer comes or the follow-up window ends. Ordered by urgency tier,
 * then the customer's value at stake (customer_value.value_at_stake), then age (README, "The care team's work list").
 */
public final class CareQueue {
    /** Why a ticket is in the queue. */
    public static final String OPEN = "open";
    public static final String LOW_CSAT = "low_csat";
    public static final String BAD_ANSWER = "bad_answer_after_ticket";
    /** How the care agent reaches the customer. */
    public static final String BY_PHONE = "phone";
    public static final String BY_EMAIL = "email";
    public static final String BY_NONE = "none";
    /** Support channels answered by a call (or a message to the phone number). */
    static final List<String> PHONE_CHANNELS = List.of(SupportChannel.PHONE.code(), SupportChannel.WHATSAPP.code(),
            SupportChannel.STORE.code());
    /** The queue's columns, in order: the contract's, then the extra ones (README). */
    public static final List<String> COLUMNS = List.of(TICKET_ID, CUSTOMER_ID, OPENED_AT, AGE_HOURS, TOPIC, CHANNEL,
            FIRST_RESPONSE_BREACHED, PRIORITY, CUSTOMER_VALUE, SEGMENT_NAME, NIGHTS_IN_QUEUE, BREACHED,
            SUGGESTED_GESTURE, QUEUE_REASON, URGENCY, RESOLUTION_BREACHED, CONTACT_BY, CONTACT);

    private final RunContext run;
    private final CareSettings settings;
    private final CareRules rules;

    public CareQueue(RunContext run, CareSettings settings, CareRules rules) {
        this.run = run;
        this.settings = settings;
        this.rules = rules;
    }

    /**
     * What the queue is made from; {@code previousQueue} is the last published care_queue (empty on a first night);
     * {@code customerValue} the night's customer_value, whose value at stake orders the queue (empty: net spend).
     */
    public record Input(Dataset<Row> support, Dataset<Row> surveys, Dataset<Row> customers, Dataset<Row> features,
                        Dataset<Row> segments, Optional<Dataset<Row>> previousQueue,
                        Optional<Dataset<Row>> customerValue) {
        public Input(Dataset<Row> support, Dataset<Row> surveys, Dataset<Row> customers, Dataset<Row> features,
                     Dataset<Row> segments, Optional<Dataset<Row>> previousQueue) {
            this(support, surveys, customers, features, segments, previousQueue, Optional.empty());
        }
    }

    public Dataset<Row> build(Input in) {
        Dataset<Row> tickets = new ServiceTargets(run, settings).asOfRun(in.support());
        Dataset<Row> answers = answersAfter(tickets, in.surveys());
        Column end = lit(run.runEnd());
        Column followUpFrom = lit(run.daysBeforeEnd(settings.followUpDays()));
        Column resolvedRecently = col(RESOLVED_AT).geq(followUpFrom);
        Column latestGood = col("_answer_at").isNotNull().and(not(col("_answer_bad")));
        Column badAnswer = not(col(ServiceTargets.OPEN)).and(coalesce(col("_answer_bad"), lit(false)))
                .and(col("_answer_at").leq(col(RESOLVED_AT).plus(expr("INTERVAL " + settings.answerWindowDays()
                        + " DAYS"))))
                .and(col("_answer_at").geq(followUpFrom));
        Column lowCsat = not(col(ServiceTargets.OPEN)).and(col(ServiceTargets.KNOWN_CSAT).leq(settings.lowCsat()))
                .and(resolvedRecently).and(not(latestGood));
        Column reason = when(col(ServiceTargets.OPEN), lit(OPEN)).when(badAnswer, lit(BAD_ANSWER))
                .when(lowCsat, lit(LOW_CSAT));
        Dataset<Row> queued = tickets.join(answers, TICKET_ID, "left")
                .withColumn(QUEUE_REASON, reason).filter(col(QUEUE_REASON).isNotNull());
        Column breached = concat_ws(",", when(col(FIRST_RESPONSE_BREACHED), lit("first_response")),
                when(col(RESOLUTION_BREACHED), lit("resolution")));
        Column unanswered = col(FIRST_RESPONSE_AT).isNull().or(col(FIRST_RESPONSE_AT).geq(end));
        Column urgency = when(col(ServiceTargets.OPEN).and(unanswered).and(col(FIRST_RESPONSE_BREACHED)), 1)
                .when(not(col(ServiceTargets.OPEN)), 2)
                .when(col(FIRST_RESPONSE_BREACHED).or(col(RESOLUTION_BREACHED)), 3)
                .otherwise(4);
        // The value at stake orders the queue; the voucher still follows what the customer has spent.
        Dataset<Row> spend = in.features().select(col(CUSTOMER_ID), col(FeatureColumns.MONETARY).as("_spend"));
        Dataset<Row> value = in.customerValue()
                .map(v -> spend.join(v.select(col(CUSTOMER_ID), col(VALUE_AT_STAKE).as("_stake")), CUSTOMER_ID, "left")
                        .withColumn("_value", coalesce(col("_stake"), lit(0.0))).drop("_stake"))
                .orElseGet(() -> spend.withColumn("_value", col("_spend")));
        Dataset<Row> contacts = in.customers().select(col(CUSTOMER_ID), col(PHONE).as("_phone"), col(EMAIL).as("_email"));
        Dataset<Row> withCustomer = queued
                .join(value, CUSTOMER_ID, "left")
                .join(in.segments().select(CUSTOMER_ID, SEGMENT_NAME), CUSTOMER_ID, "left")
                .join(contacts, CUSTOMER_ID, "left")
                .withColumn(CUSTOMER_VALUE, round(coalesce(col("_value"), lit(0.0)), 2))
                .withColumn(URGENCY, urgency)
                .withColumn(BREACHED, when(breached.notEqual(""), breached))
                .withColumn(SUGGESTED_GESTURE, gesture());
        Column byPhone = col(CHANNEL).isin(PHONE_CHANNELS.toArray());
        Column phone = col("_phone");
        Column email = col("_email");
        Column contactBy = when(byPhone.and(phone.isNotNull()), lit(BY_PHONE))
                .when(email.isNotNull(), lit(BY_EMAIL))
                .when(phone.isNotNull(), lit(BY_PHONE))
                .otherwise(lit(BY_NONE));
        Dataset<Row> ranked = withCustomer
                .withColumn(CONTACT_BY, contactBy)
                .withColumn(CONTACT, when(col(CONTACT_BY).equalTo(BY_PHONE), phone)
                        .when(col(CONTACT_BY).equalTo(BY_EMAIL), email))
                .withColumn(PRIORITY, row_number().over(Window.orderBy(ORDER)));
        Dataset<Row> previous = in.previousQueue()
                .map(p -> p.select(col(TICKET_ID), col(NIGHTS_IN_QUEUE).as("_nights_before")))
                .orElseGet(() -> tickets.sparkSession().createDataFrame(List.of(), new org.apache.spark.sql.types
                        .StructType().add(TICKET_ID, "string").add("_nights_before", "int")));
        return ranked.join(previous, TICKET_ID, "left")
                .withColumn(NIGHTS_IN_QUEUE, coalesce(col("_nights_before").plus(1), lit(1)).cast("int"))
                .select(COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
    }

    /** The queue's order: urgency tier first, then the value at stake, then the oldest, then the ticket id. */
    static final Column[] ORDER = {col(URGENCY).asc(), col(CUSTOMER_VALUE).desc(), col(AGE_HOURS).desc(),
        col(TICKET_ID).asc()};

    /** Per resolved ticket, the latest survey answer at or after its resolution and whether it was bad. */
    private Dataset<Row> answersAfter(Dataset<Row> tickets, Dataset<Row> surveys) {
        Dataset<Row> answers = surveys.filter(col(ANSWERED_AT).lt(lit(run.runEnd())))
                .select(col(CUSTOMER_ID).as("_a_customer"), col(ANSWERED_AT).as("_a_at"), bad().as("_a_bad"));
        return tickets.filter(not(col(ServiceTargets.OPEN)))
                .join(answers, col("_a_customer").equalTo(col(CUSTOMER_ID)).and(col("_a_at").geq(col(RESOLVED_AT))))
                .groupBy(TICKET_ID)
                // The latest answer; two at the same moment: the bad one counts.
                .agg(max(col("_a_at")).as("_answer_at"), max_by(col("_a_bad"), struct(col("_a_at"), col("_a_bad")))
                        .as("_answer_bad"));
    }

    /** A bad survey answer: NPS detractor (0-6), CSAT at or below low_csat, CES 5-7, repurchase intent 0-4. */
    Column bad() {
        return when(col(KIND).equalTo(SurveyKind.NPS.code()), col(SCORE).leq(6))
                .when(col(KIND).equalTo(SurveyKind.CSAT.code()), col(SCORE).leq(settings.lowCsat()))
                .when(col(KIND).equalTo(SurveyKind.CES.code()), col(SCORE).geq(5))
                .when(col(KIND).equalTo(SurveyKind.REPURCHASE_INTENT.code()), col(SCORE).leq(4))
                .otherwise(false);
    }

    /** The playbook's gesture for the ticket's topic, with a voucher for customers worth it. */
    private Column gesture() {
        Column g = lit(rules.gestures().get(CareSettings.DEFAULT_TOPIC));
        for (Map.Entry<String, String> e : rules.gestures().entrySet()) {
            g = when(col(TOPIC).equalTo(e.getKey()), lit(e.getValue())).otherwise(g);
        }
        return when(coalesce(col("_spend"), lit(0.0)).geq(rules.voucherFromSpend()).and(g.notEqual(CareRules.VOUCHER)),
                concat(g, lit(" + " + CareRules.VOUCHER))).otherwise(g);
    }
}
