package io.fideliza.export;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig.ExportSettings;
import io.fideliza.contract.Channel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Export: one CSV per segment for marketers, the customers to contact with what, when and why, and a
 * summary of segment sizes and actions. Written with Commons CSV, safe to open in a spreadsheet:
 * formula-like cells neutralised, UTF-8 with an optional byte order mark, "," or ";" as delimiter.
 */
public final class SegmentExporter {
    public static final String SUMMARY_FILE = "_summary.csv";
    static final String[] HEADER = {CUSTOMER_ID, EMAIL, SEGMENT_NAME, ACTION, CHANNEL, SEND_ON, OFFER_ID,
        PRODUCT_IDS, PRODUCT_NAMES, REASON};
    static final String[] SUMMARY_HEADER = {SEGMENT_ID, SEGMENT_NAME, ACTION, CHANNEL, CUSTOMERS, FIRST_SEND_ON,
        LAST_SEND_ON};

    private final ExportSettings settings;

    public SegmentExporter(ExportSettings settings) {
        this.settings = settings;
    }

    /**
     * Writes the files into {@code folder}; returns file name to rows written. Customers with channel
     * none (no consent, held back, nothing to send) and control customers are not listed; emails only for
     * customers who may be contacted.
     */
    public Map<String, Long> write(Dataset<Row> actionPlans, Dataset<Row> segmentPlans, Dataset<Row> customers,
                                   Dataset<Row> features, FileSystem fs, Path folder) throws IOException {
        Dataset<Row> emails = customers.select(col(CUSTOMER_ID), col(EMAIL).as("_email"));
        // Control customers are planned but never sent: they are in no export.
        org.apache.spark.sql.Column control = java.util.Arrays.asList(actionPlans.columns()).contains(CONTROL)
                ? col(CONTROL) : lit(false);
        Dataset<Row> rows = actionPlans.filter(col(CHANNEL).notEqual(Channel.NONE.code()).and(not(control)))
                .join(emails, CUSTOMER_ID, "left")
                .join(features.select(col(CUSTOMER_ID), col(CONTACTABLE).as("_may_email")), CUSTOMER_ID, "left")
                .select(col(SEGMENT_ID), col(CUSTOMER_ID),
                        when(col("_may_email"), col("_email")).as(EMAIL), col(SEGMENT_NAME), col(ACTION), col(CHANNEL),
                        date_format(col(SEND_ON), "yyyy-MM-dd").as(SEND_ON), col(OFFER_ID),
                        array_join(col(PRODUCT_IDS), " | ").as(PRODUCT_IDS),
                        array_join(col(PRODUCT_NAMES), " | ").as(PRODUCT_NAMES), col(REASON))
                .orderBy(SEGMENT_ID, SEND_ON, CUSTOMER_ID);
        Map<String, Long> written = new LinkedHashMap<>();
        Map<Integer, String> fileNames = fileNames(segmentPlans);
        CSVPrinter printer = null;
        Integer current = null;
        long count = 0;
        try {
            Iterator<Row> it = rows.toLocalIterator();
            while (it.hasNext()) {
                Row r = it.next();
                int segment = r.getInt(0);
                if (current == null || current != segment) {
                    if (printer != null) {
                        printer.close(true);
                        written.put(fileNames.get(current), count);
                    }
                    current = segment;
                    count = 0;
                    printer = open(fs, new Path(folder, fileNames.get(segment)), HEADER);
                }
                List<String> values = new ArrayList<>();
                for (int i = 1; i < r.size(); i++) {
                    values.add(SpreadsheetSafe.cell(r.isNullAt(i) ? "" : String.valueOf(r.get(i))));
                }
                printer.printRecord(values);
                count++;
            }
        } finally {
            if (printer != null) {
                printer.close(true);
                written.put(fileNames.get(current), count);
            }
        }
        written.put(SUMMARY_FILE, writeSummary(segmentPlans, fs, new Path(folder, SUMMARY_FILE)));
        return written;
    }

    private long writeSummary(Dataset<Row> segmentPlans, FileSystem fs, Path file) throws IOException {
        long n = 0;
        try (CSVPrinter p = open(fs, file, SUMMARY_HEADER)) {
            for (Row r : segmentPlans.select(SUMMARY_HEADER[0], java.util.Arrays.copyOfRange(SUMMARY_HEADER, 1,
                    SUMMARY_HEADER.length)).collectAsList()) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < r.size(); i++) {
                    values.add(SpreadsheetSafe.cell(r.isNullAt(i) ? "" : String.valueOf(r.get(i))));
                }
                p.printRecord(values);
                n++;
            }
        }
        return n;
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

    private CSVPrinter open(FileSystem fs, Path file, String[] header) throws IOException {
        OutputStream out = fs.create(file, true);
        if (settings.utf8Bom()) {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        return new CSVPrinter(w, CSVFormat.RFC4180.builder().setDelimiter(settings.delimiter()).setHeader(header)
                .setRecordSeparator("\r\n").get());
    }
}
