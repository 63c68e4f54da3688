package io.fideliza.spark;

import io.fideliza.contract.InputDataset;
import io.fideliza.contract.ParseError;
import io.fideliza.contract.QuarantineReason;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Turns the records of one file into raw rows of {@link InputDataset#rawSchema()}: the dataset's columns found
 * by header name, the source file and line, the record's text, and the record check (field count, bytes that
 * are not text) as a {@link ParseError}.
 */
final class CsvRowLayout {
    private static final CSVFormat RECORD_FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("").get();

    private final String fileName;
    private final int columns;
    /** Per dataset column, its field in the file's records, or -1. */
    private final int[] positions;
    /** The header's field count: what every record must have. */
    final int width;
    private final String notText;
    private int[] commas = new int[16];

    CsvRowLayout(String fileName, InputDataset dataset, List<String> header, Charset charset) {
        this.fileName = fileName;
        List<String> names = dataset.columnNames();
        this.columns = names.size();
        this.positions = new int[columns];
        for (int i = 0; i < columns; i++) {
            positions[i] = header.indexOf(names.get(i));
        }
        this.width = header.size();
        this.notText = "the record holds bytes that are not "
                + (charset.equals(StandardCharsets.UTF_8) ? "UTF-8" : charset.name() + " text");
    }

    /** A line without quotes: one record, split at its commas. */
    Row plainRow(CsvLines.Line line) {
        String s = line.text;
        int n = 0;
        for (int c = s.indexOf(','); c >= 0; c = s.indexOf(',', c + 1)) {
            if (n == commas.length) {
                commas = Arrays.copyOf(commas, n * 2);
            }
            commas[n++] = c;
        }
        int fields = n + 1;
        Object[] values = new Object[columns + 4];
        for (int i = 0; i < positions.length; i++) {
            int pos = positions[i];
            if (pos >= 0 && pos < fields) {
                int from = pos == 0 ? 0 : commas[pos - 1] + 1;
                int to = pos == n ? s.length() : commas[pos];
                String v = s.substring(from, to).trim();
                values[i] = v.isEmpty() ? null : v;
            }
        }
        String text = s;
        for (int f = 0; f < fields; f++) {
            int from = f == 0 ? 0 : commas[f - 1] + 1;
            int to = f == n ? s.length() : commas[f];
            if (!printsBare(s, from, to, f == 0)) {
                String[] all = new String[fields];
                for (int g = 0; g < fields; g++) {
                    all[g] = s.substring(g == 0 ? 0 : commas[g - 1] + 1, g == n ? s.length() : commas[g]);
                }
                text = RECORD_FORMAT.format((Object[]) all);
                break;
            }
        }
        return row(values, line.number, text, check(fields, text, line.number));
    }

    /** A record read by {@link CsvRecords#read}, on one line or several. */
    Row recordRow(CsvRecords.Attempt a) {
        Object[] values = new Object[columns + 4];
        for (int i = 0; i < positions.length; i++) {
            int pos = positions[i];
            String v = pos >= 0 && pos < a.fields.size() ? a.fields.get(pos).trim() : null;
            values[i] = v == null || v.isEmpty() ? null : v;
        }
        String text = recordText(a.fields.toArray(String[]::new));
        return row(values, a.first, text, check(a.fields.size(), text, a.first));
    }

    /** One physical line of a malformed record: no values, its own text and line. */
    Row malformedRow(CsvLines.Line line, String detail) {
        return row(new Object[columns + 4], line.number, line.text,
                new ParseError(QuarantineReason.MALFORMED_CSV, detail, fileName, line.number));
    }

    /** The record check: the header's field count, then text only (bytes that were not became U+FFFD). */
    private ParseError check(int fields, String text, long lineNumber) {
        if (fields != width) {
            return new ParseError(QuarantineReason.WRONG_FIELD_COUNT, fields + " fields, the header has " + width,
                    fileName, lineNumber);
        } else if (text.indexOf('\uFFFD') >= 0) {
            return new ParseError(QuarantineReason.INVALID_UTF8, notText, fileName, lineNumber);
        }
        return null;
    }

    private Row row(Object[] values, long lineNumber, String text, ParseError error) {
        values[columns] = fileName;
        values[columns + 1] = lineNumber;
        values[columns + 2] = text;
        values[columns + 3] = error == null ? null : error.asColumnValue();
        return RowFactory.create(values);
    }

    /**
     * The record as one line of RFC 4180 text, exactly as Commons CSV prints it. Most records need no quotes:
     * those are joined directly, which is several times faster than the printer.
     */
    static String recordText(String[] values) {
        StringBuilder text = new StringBuilder(128);
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            if (!printsBare(value, 0, value.length(), i == 0)) {
                return RECORD_FORMAT.format((Object[]) values);
            }
            if (i > 0) {
                text.append(',');
            }
            text.append(value);
        }
        return text.toString();
    }

    /**
     * Whether the printer leaves the value {@code s[from, to)} unquoted wherever it stands: an ASCII letter or
     * digit at both ends and no comma, quote or line break. An empty value is quoted only as the first of a record.
     */
    private static boolean printsBare(String s, int from, int to, boolean first) {
        if (to == from) {
            return !first;
        }
        if (!isAsciiLetterOrDigit(s.charAt(from)) || !isAsciiLetterOrDigit(s.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
