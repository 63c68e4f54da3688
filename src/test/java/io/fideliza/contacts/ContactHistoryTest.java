package io.fideliza.contacts;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fideliza.features.ContactFeatures;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.RunContext;
import io.fideliza.testing.SparkTest;
import io.fideliza.testing.Tables;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The contact history: the contacts input when there is one, else earlier plans standing in for it; scheduled
 * sends and control plans for the caps; and the contact features of customer_features, with exact values.
 */
@SparkTest
class ContactHistoryTest {
    static final LocalDate RUN = LocalDate.of(2026, 6, 30);
    static final RunContext CONTEXT = new RunContext(RUN, ZoneOffset.UTC);

    private final SparkSession spark;

    ContactHistoryTest(SparkSession spark) {
        this.spark = spark;
    }

    static Row plan(String customer, String action, String channel, String sendOn, String runDate, Boolean control) {
        return RowFactory.create(customer, action, channel, sendOn == null ? null : Date.valueOf(sendOn),
                Date.valueOf(runDate), control);
    }

    /** Earlier runs' plans as the pipeline reads them back: with run_date, and control (null: before it existed). */
    Dataset<Row> earlierPlans() {
        return spark.createDataFrame(List.of(
                plan("C1", "cross_sell", "email", "2026-06-20", "2026-06-18", false),
                plan("C1", "nurture", "email", "2026-07-03", "2026-06-26", false),  // scheduled
                plan("C2", "win_back", "sms", "2026-06-25", "2026-06-24", true),     // held out
                plan("C2", "nurture", "none", null, "2026-06-25", false),           // not contacted
                plan("C3", "cart_recovery", "push", "2026-06-29", "2026-06-28", null),
                plan("C3", "cart_recovery", "push", "2026-06-29", "2026-06-27", false), // the same send twice
                plan("C4", "nurture", "email", "2026-07-01", "2026-06-30", false),  // this run date's own attempt
                plan("C5", "nurture", "email", "2025-01-10", "2025-01-03", false)), // before the history
                new StructType().add(CUSTOMER_ID, DataTypes.StringType).add(ACTION, DataTypes.StringType)
                        .add(CHANNEL, DataTypes.StringType).add(SEND_ON, DataTypes.DateType)
                        .add(RUN_DATE, DataTypes.DateType).add(CONTROL, DataTypes.BooleanType));
    }

    static List<String> show(Dataset<Row> history) {
        return history.orderBy(CUSTOMER_ID, ContactHistory.DAY, ACTION).collectAsList().stream()
                .map(r -> r.getAs(CUSTOMER_ID) + " " + r.getAs(ContactHistory.DAY) + " " + r.getAs(ACTION) + " "
                        + r.getAs(CHANNEL) + " " + r.getAs(ContactHistory.KIND)).toList();
    }

    @Test
    void withoutAContactsInputEarlierPlansCountAsSentOnTheirSendDay() {
        CleanInputs in = new Tables().clean(spark);
        assertEquals(List.of(
                "C1 2026-06-20 cross_sell email sent",
                "C1 2026-07-03 nurture email scheduled",
                "C2 2026-06-25 win_back sms held_out",
                "C3 2026-06-29 cart_recovery push sent"),
                show(new ContactHistory(CONTEXT, 400).build(in.contacts(), false, Optional.of(earlierPlans()))));
    }

    @Test
    void withAContactsInputItAloneSaysWhatWasSent() {
        CleanInputs in = new Tables()
                .contact("C1", "2026-06-21", "cross_sell", "email", "complete-your-setup", "opened")
                .contact("C1", "2026-06-21", "cross_sell", "email", "complete-your-setup", "clicked")
                .contact("C6", "2026-06-29", "service_recovery", "phone", null, null)
                .contact("C7", "2026-06-29", "nurture", "none", null, null)
                .clean(spark);
        assertEquals(List.of(
                "C1 2026-06-21 cross_sell email sent",
                "C1 2026-07-03 nurture email scheduled",
                "C2 2026-06-25 win_back sms held_out",
                "C6 2026-06-29 service_recovery phone sent"),
                show(new ContactHistory(CONTEXT, 400).build(in.contacts(), true, Optional.of(earlierPlans()))),
                "C3's planned cart reminder is not in the tools' contacts: it was not sent");
    }

    @Test
    void contactFeaturesCountWhatWasSentAndReadUnsubscribesAndBounces() {
        CleanInputs in = new Tables().customer("C1", true).customer("C2", true).customer("C3", true)
                .contact("C1", "2026-06-10", "win_back", "email", null, "delivered")
                .contact("C1", "2026-06-25", "nurture", "email", null, "bounced")
                .contact("C1", "2026-06-28", "service_recovery", "phone", null, null)
                .contact("C2", "2026-05-20", "nurture", "email", null, "bounced")
                .contact("C2", "2026-06-01", "nurture", "email", null, "opened")
                .contact("C2", "2026-06-02", "nurture", "email", null, "unsubscribed")
                .clean(spark);
        Dataset<Row> history = new ContactHistory(CONTEXT, 400).build(in.contacts(), true, Optional.empty());
        Dataset<Row> base = in.customers().select(CUSTOMER_ID);
        List<Row> f = new ContactFeatures(CONTEXT).addTo(base, history, in.contacts()).orderBy(CUSTOMER_ID)
                .collectAsList();
        assertEquals(List.of(
                "C1 2026-06-28 service_recovery 2 3 false true",
                "C2 2026-06-02 nurture 0 2 true false",
                "C3 null null 0 0 false false"),
                f.stream().map(r -> r.getAs(CUSTOMER_ID) + " " + r.getAs(LAST_CONTACT_DATE) + " "
                        + r.getAs(LAST_CONTACT_ACTION) + " " + r.getAs(CONTACTS_LAST_7_DAYS) + " "
                        + r.getAs(CONTACTS_LAST_30_DAYS) + " " + r.getAs(UNSUBSCRIBED) + " " + r.getAs(EMAIL_BOUNCED))
                        .toList(), "C1's latest email bounced; C2's bounce was followed by an email that got through");
    }
}
