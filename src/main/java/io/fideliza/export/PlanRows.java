package io.fideliza.export;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.contract.Channel;
import io.fideliza.language.Messages;
import java.sql.Date;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Tonight's plans that go out (channel not none, not held out as control), with what the marketers' files need of
 * the customer: first name and language, the email of customers who may be contacted, and their phone only when
 * the channel is a phone call or an SMS.
 */
final class PlanRows {
    static final String MAY_CONTACT = "_may_contact";
    /** The column the exporters key files by. */
    static final String FILE_KEY = "_file";

    private PlanRows() {
    }

    static Dataset<Row> sendable(Dataset<Row> actionPlans, Dataset<Row> customers, Dataset<Row> features) {
        Column control = has(actionPlans, CONTROL) ? col(CONTROL) : lit(false);
        Dataset<Row> people = customers.select(col(CUSTOMER_ID), text(customers, FIRST_NAME),
                text(customers, LANGUAGE), text(customers, EMAIL).as("_email"), text(customers, PHONE).as("_phone"));
        Column phoneChannel = col(CHANNEL).isin(Channel.PHONE.code(), Channel.SMS.code());
        Dataset<Row> plans = actionPlans
                .withColumn(REASON_CODE, has(actionPlans, REASON_CODE) ? col(REASON_CODE) : lit(null).cast("string"))
                .withColumn(REASON_ARGS, has(actionPlans, REASON_ARGS) ? col(REASON_ARGS)
                        : array().cast("array<string>"));
        return plans.filter(col(CHANNEL).notEqual(Channel.NONE.code()).and(not(control)))
                .join(people, CUSTOMER_ID, "left")
                .join(features.select(col(CUSTOMER_ID), col(CONTACTABLE).as(MAY_CONTACT)), CUSTOMER_ID, "left")
                .withColumn(MAY_CONTACT, coalesce(col(MAY_CONTACT), lit(false)))
                // Contact details only with consent; a phone number only for the channels that use one.
                .withColumn(EMAIL, when(col(MAY_CONTACT), col("_email")))
                .withColumn(PHONE, when(col(MAY_CONTACT).and(phoneChannel), col("_phone")));
    }

    private static boolean has(Dataset<Row> d, String column) {
        return Arrays.asList(d.columns()).contains(column);
    }

    private static Column text(Dataset<Row> d, String column) {
        return (has(d, column) ? col(column) : lit(null)).cast(DataTypes.StringType).as(column);
    }

    /** The products of a plan as one cell: "Café molido | Filtros". */
    static Column joined(String arrayColumn) {
        return array_join(col(arrayColumn), " | ");
    }

    /** A plan's reason in {@code m}'s language: from its codes when it has them, else the English reason. */
    static String reason(Messages m, Row r) {
        String code = r.getAs(REASON_CODE);
        if (code == null) {
            String english = r.getAs(REASON);
            return english == null ? "" : english;
        }
        List<String> args = r.getList(r.fieldIndex(REASON_ARGS));
        return m.reason(code, args);
    }

    static String date(Messages m, Row r, String column) {
        Date d = r.getAs(column);
        return d == null ? "" : m.date(d.toLocalDate());
    }

    static String string(Row r, String column) {
        Object v = r.getAs(column);
        return v == null ? "" : String.valueOf(v);
    }
}
