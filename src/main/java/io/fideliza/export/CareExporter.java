package io.fideliza.export;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig.ExportSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The care team's files ({@code exports/run_date=D/care/CHANNEL.csv}): the care queue, one file per support channel
 * the tickets came in on, ordered by priority, with the phone number or email the agent needs. Written like the
 * marketers' files: Commons CSV, formula-like cells neutralised, UTF-8 with an optional byte order mark.
 */
public final class CareExporter {
    public static final String FOLDER = "care";
    static final String[] HEADER = {PRIORITY, TICKET_ID, CUSTOMER_ID, CONTACT_BY, CONTACT, OPENED_AT, AGE_HOURS, TOPIC,
        QUEUE_REASON, BREACHED, NIGHTS_IN_QUEUE, CUSTOMER_VALUE, SEGMENT_NAME, SUGGESTED_GESTURE};

    private final ExportSettings settings;

    public CareExporter(ExportSettings settings) {
        this.settings = settings;
    }

    /** Writes the files into {@code folder}/care; returns "care/CHANNEL.csv" to rows written. */
    public Map<String, Long> write(Dataset<Row> queue, FileSystem fs, Path folder) throws IOException {
        Dataset<Row> rows = queue.select(coalesce(col(CHANNEL), lit("other")).as("_file"), col(PRIORITY),
                        col(TICKET_ID), col(CUSTOMER_ID), col(CONTACT_BY), col(CONTACT),
                        date_format(col(OPENED_AT), "yyyy-MM-dd HH:mm").as(OPENED_AT), col(AGE_HOURS), col(TOPIC),
                        col(QUEUE_REASON), col(BREACHED), col(NIGHTS_IN_QUEUE), col(CUSTOMER_VALUE), col(SEGMENT_NAME),
                        col(SUGGESTED_GESTURE))
                .orderBy(col("_file"), col(PRIORITY));
        Map<String, Long> written = new LinkedHashMap<>();
        CSVPrinter printer = null;
        String current = null;
        long count = 0;
        try {
            Iterator<Row> it = rows.toLocalIterator();
            while (it.hasNext()) {
                Row r = it.next();
                String file = FOLDER + "/" + SpreadsheetSafe.fileName(r.getString(0), "other") + ".csv";
                if (!file.equals(current)) {
                    if (printer != null) {
                        printer.close(true);
                        written.merge(current, count, Long::sum);
                    }
                    current = file;
                    count = 0;
                    printer = open(fs, new Path(folder, file));
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
                written.merge(current, count, Long::sum);
            }
        }
        return written;
    }

    private CSVPrinter open(FileSystem fs, Path file) throws IOException {
        OutputStream out = fs.create(file, true);
        if (settings.utf8Bom()) {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        return new CSVPrinter(w, CSVFormat.RFC4180.builder().setDelimiter(settings.delimiter()).setHeader(HEADER)
                .setRecordSeparator("\r\n").get());
    }
}
