package io.fideliza.export;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.export.PlanRows.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.config.JobConfig.ExportSettings;
import io.fideliza.language.Languages;
import io.fideliza.language.Messages;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The campaign files ({@code exports/run_date=D/campaigns/ACTION-CHANNEL.csv}): tonight's marketing sends, one file
 * per action and channel, with what the sending tool needs (first name, language, the channel's contact detail,
 * send date, products, the message in the customer's language); beside each, {@code ACTION-CHANNEL.new.csv} with
 * the rows new or changed since the last published run, and {@code _summary.csv} listing them with dated names.
 */
public final class CampaignExporter {
    public static final String FOLDER = "campaigns";
    public static final String NEW_SUFFIX = ".new.csv";
    /** Whether a row of a .new file is a customer the file did not have last run, or one with other products or date. */
    static final String NEW = "new";
    static final String CHANGED = "changed";
    private static final String PREVIOUS = "_previous";
    private static final String NAMES = "_names";

    private final CsvFiles files;
    private final Languages languages;
    private final LocalDate runDate;

    CampaignExporter(CsvFiles files, Languages languages, LocalDate runDate) {
        this.files = files;
        this.languages = languages;
        this.runDate = runDate;
    }

    /** The exporter writing into {@code folder} in the languages {@code settings} and the customers give. */
    public static CampaignExporter of(ExportSettings settings, Dataset<Row> customers, FileSystem fs, Path folder,
                                      LocalDate runDate) {
        Languages languages = Languages.of(settings, customers);
        return new CampaignExporter(new CsvFiles(fs, folder, settings.utf8Bom(), languages.delimiter(settings)),
                languages, runDate);
    }

    /** The file of an action and channel: {@code campaigns/win_back-email.csv}. */
    public static String fileName(String action, String channel) {
        return FOLDER + "/" + code(action, "action") + "-" + code(channel, "channel") + ".csv";
    }

    /** The contract's codes name the files as they are ({@code win_back}); anything else is made safe first. */
    private static String code(String code, String fallback) {
        return code != null && code.matches("[a-z][a-z_]*") ? code : SpreadsheetSafe.fileName(code, fallback);
    }

    /** The columns of a file: the contact column is the channel's (email; phone for phone and SMS; none otherwise). */
    static String[] header(String channel, boolean changes) {
        List<String> h = new ArrayList<>(List.of(CUSTOMER_ID, FIRST_NAME, LANGUAGE));
        contactColumn(channel).ifPresent(h::add);
        h.addAll(List.of(SEND_ON, PRIORITY, PRODUCT_NAMES, MESSAGE, OFFER_ID, REASON, SEGMENT_NAME, PRODUCT_IDS,
                SEGMENT_ID, ACTION, CHANNEL, REASON_CODE));
        if (changes) {
            h.add(CHANGE);
        }
        return h.toArray(String[]::new);
    }

    static Optional<String> contactColumn(String channel) {
        if (Channel.EMAIL.code().equals(channel)) {
            return Optional.of(EMAIL);
        }
        if (Channel.PHONE.code().equals(channel) || Channel.SMS.code().equals(channel)) {
            return Optional.of(PHONE);
        }
        return Optional.empty(); // push and social: the data holds no device or account to send to
    }

    /**
     * Writes the files; returns file name to rows written (the full files, the .new files and the summary).
     *
     * @param previousPlans the action_plans of the last published run before this one, if any: without them every
     *                      row is new
     */
    public Map<String, Long> write(Dataset<Row> actionPlans, Dataset<Row> customers, Dataset<Row> features,
                                   Optional<Dataset<Row>> previousPlans) throws IOException {
        Dataset<Row> sends = sendable(actionPlans, customers, features)
                .filter(col(MAY_CONTACT).and(col(ACTION).notEqual(Action.SERVICE_RECOVERY.code())));
        Dataset<Row> rows = withChange(sends, previousPlans)
                .select(col(ACTION), col(CHANNEL), col(CUSTOMER_ID), col(FIRST_NAME), col(LANGUAGE), col(EMAIL),
                        col(PHONE), col(SEND_ON), col(PRIORITY), joined(PRODUCT_NAMES).as(PRODUCT_NAMES),
                        col(OFFER_ID), col(REASON), col(SEGMENT_NAME), joined(PRODUCT_IDS).as(PRODUCT_IDS),
                        col(SEGMENT_ID), col(REASON_CODE), col(REASON_ARGS), col(CHANGE), col(PRODUCT_NAMES).as(NAMES),
                        (java.util.Arrays.asList(sends.columns()).contains(VALUE_AT_STAKE) ? col(VALUE_AT_STAKE)
                                : lit(null).cast("double")).as("_stake"))
                // Within a day's sends, the customers with the most value at stake first (customer_value).
                .orderBy(col(ACTION), col(CHANNEL), col(SEND_ON), col(PRIORITY), col("_stake").desc_nulls_last(),
                        col(CUSTOMER_ID))
                .cache();
        try {
            TreeSet<String> full = new TreeSet<>();
            for (Row r : rows.select(ACTION, CHANNEL).distinct().collectAsList()) {
                full.add(fileName(r.getString(0), r.getString(1)));
            }
            Map<String, String> channels = new LinkedHashMap<>();
            Map<String, String[]> actionChannel = new LinkedHashMap<>();
            for (Row r : rows.select(ACTION, CHANNEL).distinct().collectAsList()) {
                String f = fileName(r.getString(0), r.getString(1));
                channels.put(f, r.getString(1));
                channels.put(newFile(f), r.getString(1));
                actionChannel.put(f, new String[] {r.getString(0), r.getString(1)});
            }
            Messages run = languages.run();
            Map<String, Long> written = new LinkedHashMap<>(files.write(rows,
                    r -> fileName(r.getAs(ACTION), r.getAs(CHANNEL)),
                    f -> run.headers(header(channels.get(f), false)), r -> cells(r, false), List.of()));
            Map<String, Long> fresh = files.write(rows.filter(col(CHANGE).isNotNull()),
                    r -> newFile(fileName(r.getAs(ACTION), r.getAs(CHANNEL))),
                    f -> run.headers(header(channels.get(f), true)), r -> cells(r, true),
                    full.stream().map(CampaignExporter::newFile).toList());
            written.putAll(fresh);
            List<List<String>> summary = new ArrayList<>();
            for (String f : full) {
                String[] ac = actionChannel.get(f);
                summary.add(List.of(f.substring(FOLDER.length() + 1), dated(f), runDate.toString(), ac[0], ac[1],
                        run.action(ac[0]), run.channel(ac[1]), String.valueOf(written.get(f)),
                        newFile(f).substring(FOLDER.length() + 1), String.valueOf(written.get(newFile(f)))));
            }
            String summaryFile = FOLDER + "/" + SegmentExporter.SUMMARY_FILE;
            written.put(summaryFile, files.writeFile(summaryFile, run.headers(FILE, DATED_FILE, RUN_DATE, ACTION,
                    CHANNEL, ACTION_NAME, CHANNEL_NAME, ROWS, NEW_FILE, NEW_ROWS), summary));
            return written;
        } finally {
            rows.unpersist();
        }
    }

    static String newFile(String file) {
        return file.substring(0, file.length() - ".csv".length()) + NEW_SUFFIX;
    }

    /** The name to keep a file under once downloaded: {@code win_back-email_2026-06-30.csv}. */
    private String dated(String file) {
        String base = file.substring(FOLDER.length() + 1, file.length() - ".csv".length());
        return base + "_" + runDate + ".csv";
    }

    /** Each send with {@link #NEW}, {@link #CHANGED} or null (the same as last run's file had it). */
    static Dataset<Row> withChange(Dataset<Row> sends, Optional<Dataset<Row>> previousPlans) {
        if (previousPlans.isEmpty()) {
            return sends.withColumn(CHANGE, lit(NEW));
        }
        Dataset<Row> p = previousPlans.get();
        Column control = java.util.Arrays.asList(p.columns()).contains(CONTROL) ? col(CONTROL) : lit(false);
        Dataset<Row> before = p.filter(col(CHANNEL).notEqual(Channel.NONE.code()).and(not(control))
                        .and(col(ACTION).notEqual(Action.SERVICE_RECOVERY.code())))
                .select(col(CUSTOMER_ID), col(ACTION), col(CHANNEL), lit(true).as(PREVIOUS),
                        col(SEND_ON).as("_previous_send_on"), col(PRODUCT_IDS).as("_previous_product_ids"));
        Column same = col("_previous_send_on").eqNullSafe(col(SEND_ON))
                .and(col("_previous_product_ids").eqNullSafe(col(PRODUCT_IDS)));
        return sends.join(before, scala.jdk.javaapi.CollectionConverters.asScala(
                        List.of(CUSTOMER_ID, ACTION, CHANNEL)).toSeq(),
                        "left")
                .withColumn(CHANGE, when(col(PREVIOUS).isNull(), lit(NEW)).when(not(same), lit(CHANGED)));
    }

    private List<String> cells(Row r, boolean changes) {
        Messages m = languages.of(r.getAs(LANGUAGE));
        String channel = r.getAs(CHANNEL);
        List<String> c = new ArrayList<>(List.of(string(r, CUSTOMER_ID), string(r, FIRST_NAME), m.languageTag()));
        contactColumn(channel).ifPresent(col -> c.add(string(r, col)));
        c.addAll(List.of(date(languages.run(), r, SEND_ON), string(r, PRIORITY), string(r, PRODUCT_NAMES),
                m.message(r.getAs(ACTION), r.getAs(FIRST_NAME), m.list(r.getList(r.fieldIndex(NAMES)))),
                string(r, OFFER_ID),
                reason(m, r), m.segment(r.getAs(SEGMENT_NAME)), string(r, PRODUCT_IDS), string(r, SEGMENT_ID),
                string(r, ACTION), channel, string(r, REASON_CODE)));
        if (changes) {
            c.add(languages.run().get("change." + r.getAs(CHANGE)));
        }
        return c;
    }
}
