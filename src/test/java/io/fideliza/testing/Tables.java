package io.fideliza.testing;

import io.fideliza.contract.InputDataset;
import io.fideliza.contract.OrderStatus;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.ingest.ConsentSource;
import io.fideliza.manifest.InputCounts;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Validated input tables built row by row, for stage tests that start after ingest. */
public final class Tables {
    private final Map<InputDataset, List<Row>> rows = new EnumMap<>(InputDataset.class);

    public Tables product(String id, String name, boolean consumable, Integer replenishDays, boolean available) {
        return add(InputDataset.PRODUCTS, id, name, "cat", new BigDecimal("10.0000"), consumable, replenishDays,
                available);
    }

    public Tables customer(String id, boolean optIn) {
        return customer(id, optIn, "+34 600 000 " + id);
    }

    /** A customer with this phone number (null: none). */
    public Tables customer(String id, boolean optIn, String phone) {
        return customer(id, optIn, phone, null, null);
    }

    /** A customer with a first name and a language (BCP 47), either may be null. */
    public Tables customer(String id, boolean optIn, String phone, String firstName, String language) {
        return add(InputDataset.CUSTOMERS, id, Date.valueOf("2025-01-01"), "ES", id + "@example.com", optIn, phone,
                firstName, language);
    }

    public Tables order(String orderId, String customer, String product, String day, int quantity) {
        return add(InputDataset.ORDERS, orderId, customer, product, ts(day), quantity, new BigDecimal("10.0000"), "web",
                (quantity < 0 ? OrderStatus.RETURNED : OrderStatus.COMPLETED).code());
    }

    public Tables event(String customer, String type, String day, String product, String session) {
        return add(InputDataset.EVENTS, customer, type, ts(day), product, session, "web");
    }

    public Tables ticket(String id, String customer, String openedDay, String resolvedDay, int contacts, Integer csat) {
        return add(InputDataset.SUPPORT, id, customer, ts(openedDay), ts(openedDay),
                resolvedDay == null ? null : ts(resolvedDay), "email", "delivery", contacts, csat, new BigDecimal("4.0000"));
    }

    /** A ticket with every field given; timestamps as ISO instants ("2026-06-28T09:00:00Z"), null for none. */
    public Tables ticketAt(String id, String customer, String openedAt, String firstResponseAt, String resolvedAt,
                           String channel, String topic, int contacts, Integer csat, String cost) {
        return add(InputDataset.SUPPORT, id, customer, instant(openedAt), instant(firstResponseAt),
                instant(resolvedAt), channel, topic, contacts, csat, cost == null ? null : new BigDecimal(cost));
    }

    /** A survey answer at an ISO instant. */
    public Tables surveyAt(String customer, String answeredAt, String kind, int score) {
        return add(InputDataset.SURVEYS, customer, instant(answeredAt), kind, score);
    }

    private static Timestamp instant(String iso) {
        return iso == null ? null : Timestamp.from(Instant.parse(iso));
    }

    public Tables survey(String customer, String day, String kind, int score) {
        return add(InputDataset.SURVEYS, customer, ts(day), kind, score);
    }

    /** A contact the marketing or care tools sent at noon UTC of {@code day}; status null means sent. */
    public Tables contact(String customer, String day, String action, String channel, String offer, String status) {
        return add(InputDataset.CONTACT_HISTORY, customer, ts(day), action, channel, offer, null,
                status == null ? "sent" : status);
    }

    private Tables add(InputDataset d, Object... values) {
        rows.computeIfAbsent(d, k -> new ArrayList<>()).add(RowFactory.create(values));
        return this;
    }

    /** Noon UTC of a day given as yyyy-MM-dd. */
    public static Timestamp ts(String day) {
        return Timestamp.from(Instant.parse(day + "T12:00:00Z"));
    }

    public static LocalDate date(String day) {
        return LocalDate.parse(day);
    }

    public CleanInputs clean(SparkSession spark) {
        Map<InputDataset, Dataset<Row>> valid = new EnumMap<>(InputDataset.class);
        Map<InputDataset, InputCounts> counts = new EnumMap<>(InputDataset.class);
        for (InputDataset d : InputDataset.values()) {
            List<Row> r = rows.getOrDefault(d, List.of());
            valid.put(d, spark.createDataFrame(r, d.typedSchema()));
            counts.put(d, new InputCounts(r.size(), r.size(), 0, 0, 0));
        }
        EnumSet<InputDataset> present = EnumSet.noneOf(InputDataset.class);
        present.addAll(rows.keySet());
        return new CleanInputs(valid.get(InputDataset.PRODUCTS), valid.get(InputDataset.CUSTOMERS),
                valid.get(InputDataset.ORDERS), valid.get(InputDataset.EVENTS), valid.get(InputDataset.SUPPORT),
                valid.get(InputDataset.SURVEYS), Map.of(), counts, Map.of(), present,
                rows.containsKey(InputDataset.CUSTOMERS) ? ConsentSource.COLUMN : ConsentSource.NOBODY,
                valid.get(InputDataset.CONTACT_HISTORY));
    }
}
