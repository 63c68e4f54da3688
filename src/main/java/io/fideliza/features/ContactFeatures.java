package io.fideliza.features;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.contacts.ContactHistory;
import io.fideliza.contract.Channel;
import io.fideliza.contract.ContactStatus;
import io.fideliza.run.RunContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The contact history features of {@code customer_features}: the last contact and its action, contacts in the
 * last 7 and 30 days (what was sent, marketing and care alike), and from the contacts input whether the customer
 * unsubscribed and whether their email bounces.
 */
public final class ContactFeatures {
    private final RunContext run;

    public ContactFeatures(RunContext run) {
        this.run = run;
    }

    /** {@code features} with the contact history features after its own columns. */
    public Dataset<Row> addTo(Dataset<Row> features, Dataset<Row> history, Dataset<Row> contacts) {
        Column day = col(ContactHistory.DAY);
        Dataset<Row> sent = history.filter(col(ContactHistory.KIND).equalTo(ContactHistory.SENT));
        Dataset<Row> counts = sent.groupBy(CUSTOMER_ID).agg(
                max(day).as(LAST_CONTACT_DATE),
                // Two actions on the last day: the more urgent in the contract's order wins, the same every run.
                max_by(col(ACTION), struct(day, col(ACTION))).as(LAST_CONTACT_ACTION),
                count(when(day.gt(lit(java.sql.Date.valueOf(run.runDate().minusDays(7)))), lit(1))).as(CONTACTS_LAST_7_DAYS),
                count(when(day.gt(lit(java.sql.Date.valueOf(run.runDate().minusDays(30)))), lit(1)))
                        .as(CONTACTS_LAST_30_DAYS));
        // An unsubscribe holds for good; a bounce until a later email gets through.
        Dataset<Row> status = contacts.filter(col(SENT_AT).lt(lit(run.runEnd()))).groupBy(CUSTOMER_ID).agg(
                max(col(STATUS).equalTo(ContactStatus.UNSUBSCRIBED.code())).as(UNSUBSCRIBED),
                max_by(col(STATUS).equalTo(ContactStatus.BOUNCED.code()),
                        when(col(CHANNEL).equalTo(Channel.EMAIL.code()), struct(col(SENT_AT),
                                col(STATUS).equalTo(ContactStatus.BOUNCED.code())))).as(EMAIL_BOUNCED));
        List<Column> columns = new ArrayList<>();
        for (String c : features.columns()) {
            columns.add(col(c));
        }
        columns.add(col(LAST_CONTACT_DATE));
        columns.add(col(LAST_CONTACT_ACTION));
        columns.add(coalesce(col(CONTACTS_LAST_7_DAYS), lit(0L)).as(CONTACTS_LAST_7_DAYS));
        columns.add(coalesce(col(CONTACTS_LAST_30_DAYS), lit(0L)).as(CONTACTS_LAST_30_DAYS));
        columns.add(coalesce(col(UNSUBSCRIBED), lit(false)).as(UNSUBSCRIBED));
        columns.add(coalesce(col(EMAIL_BOUNCED), lit(false)).as(EMAIL_BOUNCED));
        return features.join(counts, CUSTOMER_ID, "left").join(status, CUSTOMER_ID, "left")
                .select(columns.toArray(Column[]::new));
    }
}
