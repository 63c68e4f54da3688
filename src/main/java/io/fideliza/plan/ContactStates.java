package io.fideliza.plan;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.care.CareStatus;
import io.fideliza.contacts.ContactHistory;
import io.fideliza.contract.Action;
import io.fideliza.plan.ContactState.FeedbackDue;
import io.fideliza.plan.ContactState.PastContact;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Each customer's {@link ContactState} as one struct column of the planner's situations: their contacts from the
 * contact history, and from their features the unsubscribe, the bounce, the last abandoned cart and the problem
 * behind service recovery (features a caller leaves out count as absent).
 */
final class ContactStates {
    static final String COLUMN = "_contact_state";

    private ContactStates() {
    }

    static Dataset<Row> join(Dataset<Row> situations, Dataset<Row> features, Optional<Dataset<Row>> history) {
        return join(situations, features, history, Optional.empty());
    }

    /** @param care each customer's place in the service loop ({@link io.fideliza.care.CareStatus}); may be empty */
    static Dataset<Row> join(Dataset<Row> situations, Dataset<Row> features, Optional<Dataset<Row>> history,
                             Optional<Dataset<Row>> care) {
        List<String> have = Arrays.asList(features.columns());
        Dataset<Row> state = features.select(col(CUSTOMER_ID),
                feature(have, UNSUBSCRIBED, lit(false)).as("_unsubscribed"),
                feature(have, EMAIL_BOUNCED, lit(false)).as("_bounced"),
                feature(have, LAST_ABANDONED_CART_DATE, lit(null).cast(DataTypes.DateType)).as("_last_cart"),
                feature(have, RECOVERY_SINCE, lit(null).cast(DataTypes.DateType)).as("_recovery_since"),
                have.contains(OPEN_TICKETS) ? col(OPEN_TICKETS).gt(0) : lit(false).as("_open"));
        state = state.toDF(CUSTOMER_ID, "_unsubscribed", "_bounced", "_last_cart", "_recovery_since", "_open");
        Column contacts = array().cast("array<struct<day:date,action:string,kind:string>>");
        if (history.isPresent()) {
            Dataset<Row> perCustomer = history.get().groupBy(CUSTOMER_ID).agg(collect_list(struct(
                    col(ContactHistory.DAY).as("day"), col(ACTION).as("action"), col(ContactHistory.KIND).as("kind")))
                    .as("_contacts"));
            state = state.join(perCustomer, CUSTOMER_ID, "left");
            contacts = coalesce(col("_contacts"), contacts);
        }
        Column careReason = lit(null).cast(DataTypes.StringType);
        Column feedback = lit(null).cast("struct<kind:string,since:date,due:date,about:string>");
        if (care.isPresent()) {
            state = state.join(care.get(), CUSTOMER_ID, "left");
            careReason = when(col(CareStatus.IN_QUEUE), col(CareStatus.CARE_REASON));
            feedback = when(col(CareStatus.FEEDBACK_KIND).isNotNull(), struct(col(CareStatus.FEEDBACK_KIND).as("kind"),
                    col(CareStatus.FEEDBACK_SINCE).as("since"), col(CareStatus.FEEDBACK_DUE_ON).as("due"),
                    col(CareStatus.FEEDBACK_ABOUT).as("about")));
        }
        Dataset<Row> packed = state.select(col(CUSTOMER_ID), struct(contacts.as("contacts"),
                coalesce(col("_unsubscribed"), lit(false)).as("unsubscribed"),
                coalesce(col("_bounced"), lit(false)).as("bounced"), col("_last_cart").as("last_cart"),
                col("_recovery_since").as("recovery_since"), coalesce(col("_open"), lit(false)).as("open"),
                careReason.as("care_reason"), feedback.as("feedback"))
                .as(COLUMN));
        return situations.join(packed, CUSTOMER_ID, "left");
    }

    private static Column feature(List<String> have, String name, Column absent) {
        return have.contains(name) ? col(name) : absent;
    }

    /** The state in column {@code i} of a situation row (null: none). */
    static ContactState read(Row r, int i) {
        if (r.isNullAt(i)) {
            return ContactState.NONE;
        }
        Row s = r.getStruct(i);
        List<PastContact> contacts = new ArrayList<>();
        for (Row c : s.<Row>getList(0)) {
            contacts.add(new PastContact(c.getDate(0).toLocalDate(), Action.fromCode(c.getString(1)), c.getString(2)));
        }
        FeedbackDue feedback = null;
        if (!s.isNullAt(7)) {
            Row f = s.getStruct(7);
            feedback = new FeedbackDue(f.getString(0), date(f, 1), date(f, 2), f.getString(3));
        }
        return new ContactState(contacts, s.getBoolean(1), s.getBoolean(2), date(s, 3), date(s, 4), s.getBoolean(5),
                s.isNullAt(6) ? null : s.getString(6), feedback);
    }

    private static LocalDate date(Row s, int i) {
        return s.isNullAt(i) ? null : s.getDate(i).toLocalDate();
    }
}
