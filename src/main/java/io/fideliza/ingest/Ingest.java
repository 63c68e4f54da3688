package io.fideliza.ingest;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.ingest.ContractRules.t;
import static io.fideliza.ingest.ContractRules.typed;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.fideliza.config.JobConfig.Consent;
import io.fideliza.config.JobConfig.IngestSettings;
import io.fideliza.contract.Field;
import io.fideliza.contract.FieldType;
import io.fideliza.contract.InputDataset;
import io.fideliza.contract.InputError;
import io.fideliza.contract.OrderStatus;
import io.fideliza.contract.QuarantineReason;
import io.fideliza.manifest.InputCounts;
import io.fideliza.run.Materializer;
import io.fideliza.run.RunContext;
import io.fideliza.spark.ConcurrentJobs;
import io.fideliza.spark.InputReader.RawInput;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Ingest: raw text rows in, typed rows out. Each row ends in exactly one place: valid, quarantined
 * with the first rule it breaks, an exact duplicate of an earlier line (dropped, counted), or dated
 * after the run date (ignored, counted). Timestamps without an offset are read in the run's zone.
 */
public final class Ingest {
    static final String ROW_STATUS = "_status";
    static final String VALID = "valid";
    static final String QUARANTINED = "quarantined";
    static final String DUPLICATE = "duplicate";
    static final String AFTER_RUN_DATE = "after_run_date";
    private static final String FAILURE = "_failure";
    private static final String ROW_ID = "_row";
    private static final String DUPLICATE_ROW_ID = "_duplicate_row";
    private static final String RECORD_HASH = "_record_hash";
    private static final String RECORD_HASH_2 = "_record_hash_2";
    private static final String RECORD_LENGTH = "_record_length";
    /** Text columns whose values come from a fixed list: compared lower-cased. */
    private static final List<String> ENUMERATED = List.of(EVENT_TYPE, STATUS, KIND, CHANNEL, ACTION);

    private final SparkSession spark;
    private final RunContext run;
    private final IngestSettings settings;

    public Ingest(SparkSession spark, RunContext run, IngestSettings settings) {
        this.spark = spark;
        this.run = run;
        this.settings = settings;
    }

    /** Validates every input; {@code work} computes each classified input once for all that reads it. */
    public CleanInputs run(Map<InputDataset, RawInput> raw, Materializer work) {
        Map<InputDataset, Dataset<Row>> valid = new EnumMap<>(InputDataset.class);
        Map<InputDataset, Dataset<Row>> quarantine = new EnumMap<>(InputDataset.class);
        Map<InputDataset, InputCounts> counts = new EnumMap<>(InputDataset.class);
        Map<InputDataset, Map<String, Long>> reasons = new EnumMap<>(InputDataset.class);
        Set<InputDataset> present = EnumSet.noneOf(InputDataset.class);
        // Orders are checked against the valid product ids, so they come after products; the other
        // inputs are independent of one another and are classified concurrently, with products.
        Map<InputDataset, Classified> classified = new EnumMap<>(InputDataset.class);
        List<InputDataset> first = List.of(InputDataset.PRODUCTS, InputDataset.CUSTOMERS, InputDataset.EVENTS,
                InputDataset.SUPPORT, InputDataset.SURVEYS).stream().filter(raw::containsKey).toList();
        List<Classified> done = ConcurrentJobs.all(first.stream()
                .<Callable<Classified>>map(d -> () -> classifyAndCount(d, raw.get(d), null, work)).toList());
        for (int i = 0; i < first.size(); i++) {
            classified.put(first.get(i), done.get(i));
        }
        if (raw.containsKey(InputDataset.ORDERS)) {
            Dataset<Row> knownProducts = classified.containsKey(InputDataset.PRODUCTS)
                    ? typedValid(InputDataset.PRODUCTS, classified.get(InputDataset.PRODUCTS).rows())
                            .select(col(PRODUCT_ID).as(typed(PRODUCT_ID) + "_known")).distinct()
                    : null;
            classified.put(InputDataset.ORDERS, classifyAndCount(InputDataset.ORDERS, raw.get(InputDataset.ORDERS),
                    knownProducts, work));
        }
        if (raw.containsKey(InputDataset.CONTACT_HISTORY)) {
            // What was sent to someone not in customers is no one's contact: checked against the valid customer ids.
            Dataset<Row> knownCustomers = classified.containsKey(InputDataset.CUSTOMERS)
                    ? typedValid(InputDataset.CUSTOMERS, classified.get(InputDataset.CUSTOMERS).rows())
                            .select(col(CUSTOMER_ID).as(typed(CUSTOMER_ID) + "_known")).distinct()
                    : null;
            classified.put(InputDataset.CONTACT_HISTORY, classifyAndCount(InputDataset.CONTACT_HISTORY,
                    raw.get(InputDataset.CONTACT_HISTORY), knownCustomers, work));
        }
        for (InputDataset d : InputDataset.values()) {
            Classified c = classified.get(d);
            if (c == null) {
                valid.put(d, spark.createDataFrame(List.of(), d.typedSchema()));
                counts.put(d, InputCounts.NONE);
                continue;
            }
            present.add(d);
            counts.put(d, c.counts());
            reasons.put(d, c.reasons());
            valid.put(d, typedValid(d, c.rows()));
            quarantine.put(d, quarantined(c.rows()));
        }
        RawInput customers = raw.get(InputDataset.CUSTOMERS);
        boolean consentColumn = customers != null && customers.presentColumns().contains(MARKETING_OPT_IN);
        ConsentSource consent = consentColumn ? ConsentSource.COLUMN
                : settings.withoutConsentColumn() == Consent.EVERYONE ? ConsentSource.EVERYONE : ConsentSource.NOBODY;
        return new CleanInputs(valid.get(InputDataset.PRODUCTS), valid.get(InputDataset.CUSTOMERS),
                valid.get(InputDataset.ORDERS), valid.get(InputDataset.EVENTS), valid.get(InputDataset.SUPPORT),
                valid.get(InputDataset.SURVEYS), quarantine, counts, reasons, present, consent,
                valid.get(InputDataset.CONTACT_HISTORY));
    }

    /** One input, classified row by row and computed once, with its counts by status and reason. */
    private record Classified(Dataset<Row> rows, InputCounts counts, Map<String, Long> reasons) {
    }

    /** {@code knownIds}: the valid product ids for orders, customer ids for contacts (null: not checked). */
    private Classified classifyAndCount(InputDataset d, RawInput input, Dataset<Row> knownIds,
                                        Materializer work) {
        try {
            // Input files are read here, in Spark tasks: an unreadable file surfaces wrapped.
            String name = d.datasetName();
            Dataset<Row> checked = work.materialize("checked/" + name, check(d, input.rows(), knownIds));
            Dataset<Row> later = work.materialize("duplicates/" + name, laterOccurrences(checked));
            Dataset<Row> rows = withFinalStatus(d, checked, later);
            if (keyOf(d) != null) {
                rows = work.materialize("classified/" + name, rows); // its key window, once for every reader
            }
            Map<String, Long> reasons = new java.util.LinkedHashMap<>();
            InputCounts counts = countByStatus(rows, reasons);
            return new Classified(rows, counts, reasons);
        } catch (Exception e) { // SparkException is checked, yet Scala throws it from any action.
            throw userErrorIn(e).orElseThrow(() -> e instanceof RuntimeException re ? re
                    : new IllegalStateException("ingest of " + d.datasetName() + " failed: " + e.getMessage(), e));
        }
    }

    /** The user's error a Spark job failed on, if that is what it failed on. */
    static java.util.Optional<InputError> userErrorIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InputError ie) {
                return java.util.Optional.of(new InputError(ie.getMessage(), e));
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Every raw row with its typed values and the status the row earns on its own: valid or quarantined
     * with the first rule it breaks. Duplicates, repeated keys and dates after the run need the other rows
     * too: {@link #withFinalStatus} adds them.
     */
    Dataset<Row> check(InputDataset d, Dataset<Row> rawRows, Dataset<Row> knownIds) {
        // Trim and blank-to-null here too, for Parquet input that did not go through the CSV parser.
        List<Column> trimmed = new ArrayList<>();
        for (Field f : d.fields()) {
            Column v = org.apache.spark.sql.functions.trim(col(f.name()));
            trimmed.add(when(v.equalTo(""), lit(null)).otherwise(v).as(f.name()));
        }
        for (String bookkeeping : List.of(SOURCE_FILE, LINE, RECORD, PARSE_ERROR)) {
            trimmed.add(col(bookkeeping));
        }
        Dataset<Row> rows = rawRows.select(trimmed.toArray(Column[]::new));
        List<Column> typedColumns = new ArrayList<>();
        typedColumns.add(col("*"));
        for (Field f : d.fields()) {
            Column parsed = ValueParsers.parse(col(f.name()), f.type(), run.zone());
            if (f.type() == FieldType.STRING && ENUMERATED.contains(f.name())) {
                parsed = lower(parsed);
            }
            typedColumns.add(parsed.as(typed(f.name())));
        }
        rows = rows.select(typedColumns.toArray(Column[]::new));

        List<Column> failures = new ArrayList<>();
        Column parseError = col(PARSE_ERROR);
        failures.add(when(parseError.isNotNull(), struct(parseError.getField(REASON).as(REASON),
                lit(null).cast("string").as(REASON_COLUMN), parseError.getField(DETAIL).as(DETAIL))));
        for (Check c : ContractRules.checks(d, settings.bounds())) {
            failures.add(when(c.fails(), struct(lit(c.reason().code()).as(REASON), lit(c.column()).as(REASON_COLUMN),
                    c.detail().as(DETAIL))));
        }
        rows = rows.withColumn(FAILURE, coalesce(failures.toArray(Column[]::new)));
        rows = rows.withColumn(ROW_STATUS, when(col(FAILURE).isNotNull(), lit(QUARANTINED)).otherwise(lit(VALID)));

        if (d == InputDataset.ORDERS && knownIds != null) {
            rows = rows.join(org.apache.spark.sql.functions.broadcast(knownIds),
                    t(PRODUCT_ID).equalTo(col(typed(PRODUCT_ID) + "_known")), "left");
            Column unknown = col(ROW_STATUS).equalTo(VALID).and(col(typed(PRODUCT_ID) + "_known").isNull());
            rows = markQuarantined(rows, unknown, QuarantineReason.UNKNOWN_PRODUCT, PRODUCT_ID,
                    org.apache.spark.sql.functions.concat(lit("product_id '"), col(PRODUCT_ID),
                            lit("' is not in products")))
                    .drop(typed(PRODUCT_ID) + "_known");
        }
        if (d == InputDataset.CONTACT_HISTORY && knownIds != null) {
            // For contacts, the known ids are the customers'.
            rows = rows.join(org.apache.spark.sql.functions.broadcast(knownIds),
                    t(CUSTOMER_ID).equalTo(col(typed(CUSTOMER_ID) + "_known")), "left");
            Column unknown = col(ROW_STATUS).equalTo(VALID).and(col(typed(CUSTOMER_ID) + "_known").isNull());
            rows = markQuarantined(rows, unknown, QuarantineReason.UNKNOWN_CUSTOMER, CUSTOMER_ID,
                    lit("customer_id is not in customers"))
                    .drop(typed(CUSTOMER_ID) + "_known");
        }
        String key = keyOf(d);
        List<Column> kept = new ArrayList<>();
        for (Field f : d.fields()) {
            kept.add(t(f.name()));
        }
        kept.add(col(ROW_STATUS));
        kept.add(col(FAILURE));
        kept.add(org.apache.spark.sql.functions.monotonically_increasing_id().as(ROW_ID));
        // A record's identity for finding exact duplicates: two independent hashes of its text (96 bits) and
        // its length in bytes; two different records of a billion-row input share all three with a chance of about
        // 1 in 10^10. A record that could not be parsed is never anyone's duplicate.
        Column parsed = parseError.isNull();
        kept.add(when(parsed, org.apache.spark.sql.functions.xxhash64(col(RECORD))).as(RECORD_HASH));
        kept.add(when(parsed, org.apache.spark.sql.functions.hash(col(RECORD))).as(RECORD_HASH_2));
        kept.add(when(parsed, org.apache.spark.sql.functions.octet_length(col(RECORD))).as(RECORD_LENGTH));
        kept.add(col(SOURCE_FILE));
        kept.add(col(LINE));
        // The raw text is kept only where a quarantine may need it: for millions of valid rows it cost more
        // to write than the parsing did (Parquet tries to dictionary-encode every long record). A keyed
        // dataset keeps it all, since a repeated key is found only after the duplicates.
        kept.add((key != null ? col(RECORD) : when(col(ROW_STATUS).equalTo(QUARANTINED), col(RECORD))).as(RECORD));
        if (key != null) {
            kept.add(col(key));
        }
        return rows.select(kept.toArray(Column[]::new));
    }

    /**
     * The rows that repeat an earlier record exactly (same identity; the first by file and line stays).
     * Only the narrow identity columns are shuffled and sorted, not the rows.
     */
    static Dataset<Row> laterOccurrences(Dataset<Row> checked) {
        return checked.filter(col(RECORD_HASH).isNotNull())
                .select(col(RECORD_HASH), col(RECORD_HASH_2), col(RECORD_LENGTH), col(SOURCE_FILE), col(LINE), col(ROW_ID))
                .withColumn("_occurrence", row_number().over(
                        Window.partitionBy(col(RECORD_HASH), col(RECORD_HASH_2), col(RECORD_LENGTH))
                                .orderBy(col(SOURCE_FILE), col(LINE), col(ROW_ID))))
                .filter(col("_occurrence").gt(1))
                .select(col(ROW_ID).as(DUPLICATE_ROW_ID));
    }

    /**
     * The final status: a later occurrence of a record is a duplicate (whatever else it breaks); then a
     * second row for the same id with other values is quarantined (the first by file and line stays);
     * then a valid row dated after the run date is set aside.
     */
    Dataset<Row> withFinalStatus(InputDataset d, Dataset<Row> checked, Dataset<Row> later) {
        // The later occurrences are few and read from a small file, so Spark broadcasts them.
        Dataset<Row> rows = checked.join(later, col(ROW_ID).equalTo(col(DUPLICATE_ROW_ID)), "left")
                .withColumn(ROW_STATUS, when(col(DUPLICATE_ROW_ID).isNotNull(), lit(DUPLICATE))
                        .otherwise(col(ROW_STATUS)))
                .drop(DUPLICATE_ROW_ID);
        String key = keyOf(d);
        if (key != null) {
            rows = rows.withColumn("_key_occurrence", row_number().over(Window.partitionBy(t(key), col(ROW_STATUS))
                    .orderBy(col(SOURCE_FILE), col(LINE), col(ROW_ID))));
            rows = markQuarantined(rows, col(ROW_STATUS).equalTo(VALID).and(col("_key_occurrence").gt(1)),
                    QuarantineReason.DUPLICATE_KEY, key, org.apache.spark.sql.functions.concat(lit(key + " '"), col(key),
                            lit("' appears on an earlier line with other values")))
                    .drop("_key_occurrence", key);
        }
        if (d.eventDateColumn().isPresent()) {
            String dateColumn = d.eventDateColumn().get();
            Column after = d == InputDataset.CUSTOMERS ? t(dateColumn).gt(lit(run.runDateSql()))
                    : t(dateColumn).geq(lit(run.runEnd()));
            rows = rows.withColumn(ROW_STATUS, when(col(ROW_STATUS).equalTo(VALID).and(after), lit(AFTER_RUN_DATE))
                    .otherwise(col(ROW_STATUS)));
        }
        return rows;
    }

    /** The id column a second row may not repeat with other values, if the dataset has one. */
    private static String keyOf(InputDataset d) {
        return d == InputDataset.CUSTOMERS ? CUSTOMER_ID : d == InputDataset.PRODUCTS ? PRODUCT_ID : null;
    }

    private static Dataset<Row> markQuarantined(Dataset<Row> rows, Column condition, QuarantineReason reason,
                                                String column, Column detail) {
        return rows.withColumn(FAILURE, when(condition, struct(lit(reason.code()).as(REASON), lit(column).as(REASON_COLUMN),
                        detail.as(DETAIL))).otherwise(col(FAILURE)))
                .withColumn(ROW_STATUS, when(condition, lit(QUARANTINED)).otherwise(col(ROW_STATUS)));
    }

    /** Counts by status and, for quarantined rows, by reason (most frequent first), in one pass. */
    private static InputCounts countByStatus(Dataset<Row> classified, Map<String, Long> reasons) {
        Map<String, Long> byStatus = new java.util.HashMap<>();
        List<Row> groups = classified.groupBy(col(ROW_STATUS), col(FAILURE).getField(REASON))
                .agg(count(lit(1)).as("_n")).collectAsList();
        for (Row r : groups) {
            byStatus.merge(r.getString(0), r.getLong(2), Long::sum);
        }
        groups.stream().filter(r -> QUARANTINED.equals(r.getString(0)))
                .sorted(java.util.Comparator.comparingLong((Row r) -> -r.getLong(2)).thenComparing(r -> r.getString(1)))
                .forEach(r -> reasons.put(r.getString(1), r.getLong(2)));
        long read = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new InputCounts(read, byStatus.getOrDefault(VALID, 0L), byStatus.getOrDefault(QUARANTINED, 0L),
                byStatus.getOrDefault(DUPLICATE, 0L), byStatus.getOrDefault(AFTER_RUN_DATE, 0L));
    }

    private static Dataset<Row> typedValid(InputDataset d, Dataset<Row> classified) {
        List<Column> cols = new ArrayList<>();
        for (Field f : d.fields()) {
            Column v = t(f.name());
            // Defaults the contract gives to empty values.
            if (f.name().equals(STATUS) && d == InputDataset.ORDERS) {
                v = coalesce(v, lit(OrderStatus.DEFAULT.code()));
            } else if (f.name().equals(STATUS) && d == InputDataset.CONTACT_HISTORY) {
                v = coalesce(v, lit(io.fideliza.contract.ContactStatus.DEFAULT.code()));
            } else if (f.name().equals(CONTACTS)) {
                v = coalesce(v, lit(1));
            } else if (f.name().equals(AVAILABLE)) {
                v = coalesce(v, lit(true));
            } else if (f.name().equals(CONSUMABLE)) {
                v = coalesce(v, lit(false));
            }
            cols.add(v.cast(f.type().sparkType()).as(f.name()));
        }
        return classified.filter(col(ROW_STATUS).equalTo(VALID)).select(cols.toArray(Column[]::new));
    }

    private static Dataset<Row> quarantined(Dataset<Row> classified) {
        return classified.filter(col(ROW_STATUS).equalTo(QUARANTINED)).select(
                col(RECORD), col(FAILURE).getField(REASON).as(REASON), col(FAILURE).getField(REASON_COLUMN).as(REASON_COLUMN),
                col(FAILURE).getField(DETAIL).as(DETAIL), col(SOURCE_FILE), col(LINE));
    }
}
