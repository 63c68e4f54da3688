package io.fideliza.contract;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.Field.optional;
import static io.fideliza.contract.Field.required;
import static io.fideliza.contract.FieldType.*;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The input datasets of the contract, each with its declared columns: never inferred. */
public enum InputDataset {
    PRODUCTS("products", true, null, List.of(
            required(PRODUCT_ID, STRING), optional(NAME, STRING), optional(CATEGORY, STRING),
            optional(PRICE, DECIMAL), optional(CONSUMABLE, BOOLEAN), optional(REPLENISH_DAYS, INT),
            optional(AVAILABLE, BOOLEAN))),
    CUSTOMERS("customers", false, SIGNUP_DATE, List.of(
            required(CUSTOMER_ID, STRING), optional(SIGNUP_DATE, DATE), optional(COUNTRY, STRING),
            optional(EMAIL, STRING), optional(MARKETING_OPT_IN, BOOLEAN), optional(PHONE, STRING),
            optional(FIRST_NAME, STRING), optional(LANGUAGE, STRING))),
    ORDERS("orders", true, ORDERED_AT, List.of(
            required(ORDER_ID, STRING), required(CUSTOMER_ID, STRING), required(PRODUCT_ID, STRING),
            required(ORDERED_AT, TIMESTAMP), required(QUANTITY, INT), required(UNIT_PRICE, DECIMAL),
            optional(CHANNEL, STRING), optional(STATUS, STRING))),
    EVENTS("events", false, OCCURRED_AT, List.of(
            required(CUSTOMER_ID, STRING), required(EVENT_TYPE, STRING), required(OCCURRED_AT, TIMESTAMP),
            optional(PRODUCT_ID, STRING), optional(SESSION_ID, STRING), optional(CHANNEL, STRING))),
    SUPPORT("support", false, OPENED_AT, List.of(
            required(TICKET_ID, STRING), required(CUSTOMER_ID, STRING), required(OPENED_AT, TIMESTAMP),
            optional(FIRST_RESPONSE_AT, TIMESTAMP), optional(RESOLVED_AT, TIMESTAMP), optional(CHANNEL, STRING),
            optional(TOPIC, STRING), optional(CONTACTS, INT), optional(CSAT, INT), optional(COST, DECIMAL))),
    SURVEYS("surveys", false, ANSWERED_AT, List.of(
            required(CUSTOMER_ID, STRING), required(ANSWERED_AT, TIMESTAMP), required(KIND, STRING),
            required(SCORE, INT))),
    /** What the marketing and care tools actually sent ("contacts" in the input folder; optional). */
    CONTACT_HISTORY("contacts", false, SENT_AT, List.of(
            required(CUSTOMER_ID, STRING), required(SENT_AT, TIMESTAMP), required(ACTION, STRING),
            required(CHANNEL, STRING), optional(OFFER_ID, STRING), optional(CAMPAIGN_ID, STRING),
            optional(STATUS, STRING)));

    private final String datasetName;
    private final boolean requiredDataset;
    private final String eventDateColumn;
    private final List<Field> fields;

    InputDataset(String datasetName, boolean requiredDataset, String eventDateColumn, List<Field> fields) {
        this.datasetName = datasetName;
        this.requiredDataset = requiredDataset;
        this.eventDateColumn = eventDateColumn;
        this.fields = fields;
    }

    /** The file or folder name in the input folder, and the dataset's name in the manifest. */
    public String datasetName() {
        return datasetName;
    }

    public boolean isRequired() {
        return requiredDataset;
    }

    /** The column that dates a row; rows dated after the run date are ignored and counted. */
    public Optional<String> eventDateColumn() {
        return Optional.ofNullable(eventDateColumn);
    }

    public List<Field> fields() {
        return fields;
    }

    public List<String> columnNames() {
        return fields.stream().map(Field::name).toList();
    }

    public List<String> requiredColumns() {
        return fields.stream().filter(Field::required).map(Field::name).toList();
    }

    /** Raw rows as read: every declared column as text, plus where the row came from. */
    public StructType rawSchema() {
        StructType schema = new StructType();
        for (Field f : fields) {
            schema = schema.add(f.name(), DataTypes.StringType, true);
        }
        return schema.add(SOURCE_FILE, DataTypes.StringType, false)
                .add(LINE, DataTypes.LongType, true)
                .add(RECORD, DataTypes.StringType, false)
                .add(PARSE_ERROR, ParseError.SCHEMA, true);
    }

    /** Validated rows: every declared column with its contract type. */
    public StructType typedSchema() {
        return new StructType(fields.stream()
                .map(f -> new StructField(f.name(), f.type().sparkType(), !f.required(),
                        org.apache.spark.sql.types.Metadata.empty()))
                .toArray(StructField[]::new));
    }

    public static Optional<InputDataset> byName(String name) {
        for (InputDataset d : values()) {
            if (d.datasetName.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
