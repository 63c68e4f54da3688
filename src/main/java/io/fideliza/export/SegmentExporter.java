package io.fideliza.export;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.export.PlanRows.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig.ExportSettings;
import io.fideliza.language.Languages;
import io.fideliza.language.Messages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Export: one CSV per segment for marketers, the customers to contact with what, when and why, and a
 * summary of segment sizes and actions. Headers in the run's language, each row's names, reason and dates in the
 * customer's ({@link Languages}); the codes (segment_id, action, channel, reason_code) follow for machines.
 */
public final class SegmentExporter {
    public static final String SUMMARY_FILE = "_summary.csv";
    static final String[] HEADER = {CUSTOMER_ID, FIRST_NAME, LANGUAGE, EMAIL, PHONE, SEGMENT_NAME, ACTION_NAME,
        CHANNEL_NAME, SEND_ON, PRIORITY, OFFER_ID, PRODUCT_IDS, PRODUCT_NAMES, REASON, SEGMENT_ID, ACTION, CHANNEL,
        REASON_CODE};
    static final String[] SUMMARY_HEADER = {SEGMENT_ID, SEGMENT_NAME, ACTION_NAME, CHANNEL_NAME, CUSTOMERS,
        FIRST_SEND_ON, LAST_SEND_ON, ACTION, CHANNEL};

    private final CsvFiles files;
    private final Languages languages;

    SegmentExporter(CsvFiles files, Languages languages) {
        this.files = files;
        this.languages = languages;
    }

    /** The exporter writing into {@code folder} in the languages {@code settings} and the customers give. */
    public static SegmentExporter of(ExportSettings settings, Dataset<Row> customers, FileSystem fs, Path folder) {
        Languages languages = Languages.of(settings, customers);
        return new SegmentExporter(new CsvFiles(fs, folder, settings.utf8Bom(), languages.delimiter(settings)),
                languages);
    }

    /**
     * Writes the files; returns file name to rows written. Customers with channel none (no consent, held back,
     * nothing to send) and control customers are not listed; emails only for customers who may be contacted, phones
     * only for them and only on the phone and SMS channels.
     */
    public Map<String, Long> write(Dataset<Row> actionPlans, Dataset<Row> segmentPlans, Dataset<Row> customers,
                                   Dataset<Row> features) throws IOException {
        Dataset<Row> rows = sendable(actionPlans, customers, features)
                .select(col(SEGMENT_ID), col(CUSTOMER_ID), col(FIRST_NAME), col(LANGUAGE), col(EMAIL), col(PHONE),
                        col(SEGMENT_NAME), col(ACTION), col(CHANNEL), col(SEND_ON), col(PRIORITY), col(OFFER_ID),
                        joined(PRODUCT_IDS).as(PRODUCT_IDS), joined(PRODUCT_NAMES).as(PRODUCT_NAMES), col(REASON),
                        col(REASON_CODE), col(REASON_ARGS))
                .orderBy(SEGMENT_ID, SEND_ON, CUSTOMER_ID);
        Map<Integer, String> fileNames = fileNames(segmentPlans);
        Messages run = languages.run();
        Map<String, Long> written = new LinkedHashMap<>(files.write(rows, r -> fileNames.get(r.<Integer>getAs(SEGMENT_ID)),
                f -> run.headers(HEADER), this::cells, List.of()));
        written.put(SUMMARY_FILE, writeSummary(segmentPlans));
        return written;
    }

    private List<String> cells(Row r) {
        Messages m = languages.of(r.getAs(LANGUAGE));
        // Dates in the run's format in every row, so that the spreadsheet reads the column as dates.
        return List.of(string(r, CUSTOMER_ID), string(r, FIRST_NAME), m.languageTag(), string(r, EMAIL),
                string(r, PHONE), m.segment(r.getAs(SEGMENT_NAME)), m.action(r.getAs(ACTION)), m.channel(r.getAs(CHANNEL)),
                date(languages.run(), r, SEND_ON), string(r, PRIORITY), string(r, OFFER_ID), string(r, PRODUCT_IDS),
                string(r, PRODUCT_NAMES), reason(m, r), string(r, SEGMENT_ID), string(r, ACTION), string(r, CHANNEL),
                string(r, REASON_CODE));
    }

    private long writeSummary(Dataset<Row> segmentPlans) throws IOException {
        Messages run = languages.run();
        List<List<String>> rows = new ArrayList<>();
        for (Row r : segmentPlans.select(SEGMENT_ID, SEGMENT_NAME, ACTION, CHANNEL, CUSTOMERS, FIRST_SEND_ON,
                LAST_SEND_ON).collectAsList()) {
            rows.add(List.of(string(r, SEGMENT_ID), run.segment(r.getAs(SEGMENT_NAME)), run.action(r.getAs(ACTION)),
                    run.channel(r.getAs(CHANNEL)), string(r, CUSTOMERS), date(run, r, FIRST_SEND_ON),
                    date(run, r, LAST_SEND_ON), string(r, ACTION), string(r, CHANNEL)));
        }
        return files.writeFile(SUMMARY_FILE, run.headers(SUMMARY_HEADER), rows);
    }

    /** segment_id to its file name: the segment name made safe, unique within the run. */
    static Map<Integer, String> fileNames(Dataset<Row> segmentPlans) {
        Map<Integer, String> names = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (Row r : segmentPlans.select(SEGMENT_ID, SEGMENT_NAME).distinct().orderBy(SEGMENT_ID).collectAsList()) {
            int id = r.getInt(0);
            String base = SpreadsheetSafe.fileName(r.getString(1), "segment-" + id);
            String name = used.contains(base) ? base + "-" + id : base;
            used.add(name);
            names.put(id, name + ".csv");
        }
        return names;
    }

}
