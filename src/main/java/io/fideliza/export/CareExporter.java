package io.fideliza.export;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.language.Messages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The care team's files ({@code exports/run_date=D/care/CHANNEL.csv}): the care queue, one file per support channel
 * the tickets came in on, ordered by priority, with the phone number or email the agent needs. Written like the
 * marketers' files ({@link CsvFiles}), headers, segment names and the customer's value in the run's language.
 */
public final class CareExporter {
    public static final String FOLDER = "care";
    static final String[] HEADER = {PRIORITY, TICKET_ID, CUSTOMER_ID, CONTACT_BY, CONTACT, OPENED_AT, AGE_HOURS, TOPIC,
        QUEUE_REASON, BREACHED, NIGHTS_IN_QUEUE, CUSTOMER_VALUE, SEGMENT_NAME, SUGGESTED_GESTURE};

    private final CsvFiles files;
    private final Messages run;

    CareExporter(CsvFiles files, Messages run) {
        this.files = files;
        this.run = run;
    }

    /** Writes the files into care/; returns "care/CHANNEL.csv" to rows written. */
    public Map<String, Long> write(Dataset<Row> queue) throws IOException {
        Dataset<Row> rows = queue.select(coalesce(col(CHANNEL), lit("other")).as(PlanRows.FILE_KEY), col(PRIORITY),
                        col(TICKET_ID), col(CUSTOMER_ID), col(CONTACT_BY), col(CONTACT),
                        date_format(col(OPENED_AT), "yyyy-MM-dd HH:mm").as(OPENED_AT), col(AGE_HOURS), col(TOPIC),
                        col(QUEUE_REASON), col(BREACHED), col(NIGHTS_IN_QUEUE), col(CUSTOMER_VALUE), col(SEGMENT_NAME),
                        col(SUGGESTED_GESTURE))
                .orderBy(col(PlanRows.FILE_KEY), col(PRIORITY));
        String[] header = run.headers(HEADER);
        return files.write(rows, r -> FOLDER + "/" + SpreadsheetSafe.fileName(r.getString(0), "other") + ".csv",
                f -> header, this::cells, List.of());
    }

    private List<String> cells(Row r) {
        List<String> c = new ArrayList<>(CsvFiles.texts(r, 1));
        Object value = r.getAs(CUSTOMER_VALUE);
        c.set(java.util.Arrays.asList(HEADER).indexOf(CUSTOMER_VALUE),
                value == null ? "" : run.money(((Number) value).doubleValue()));
        c.set(java.util.Arrays.asList(HEADER).indexOf(SEGMENT_NAME), run.segment(r.getAs(SEGMENT_NAME)));
        // The care queue's codes in words: the topic, how to reach the customer, why and which targets, the gesture.
        for (String coded : List.of(TOPIC, CONTACT_BY, QUEUE_REASON)) {
            int i = java.util.Arrays.asList(HEADER).indexOf(coded);
            c.set(i, run.term(c.get(i)));
        }
        int breached = java.util.Arrays.asList(HEADER).indexOf(BREACHED);
        c.set(breached, words(c.get(breached), ",", ", "));
        int gesture = java.util.Arrays.asList(HEADER).indexOf(SUGGESTED_GESTURE);
        c.set(gesture, words(c.get(gesture), " + ", " + "));
        return c;
    }

    /** Each code of a list ("first_response,resolution") in words, joined again with {@code join}. */
    private String words(String codes, String separator, String join) {
        if (codes.isEmpty()) {
            return codes;
        }
        List<String> out = new ArrayList<>();
        for (String code : codes.split(java.util.regex.Pattern.quote(separator))) {
            out.add(run.term(code.trim()));
        }
        return String.join(join, out);
    }
}
