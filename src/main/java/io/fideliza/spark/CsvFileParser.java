package io.fideliza.spark;


import io.fideliza.contract.InputDataset;
import io.fideliza.contract.InputError;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Parses one CSV file of the contract (UTF-8, header row, RFC 4180) into raw rows that keep the
 * source file, the line where each record starts and the record itself, so that a rejected row can
 * be traced. Columns are matched by header name, so their order and extra columns do not matter.
 */
public final class CsvFileParser {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(true)
            .get();
    private static final CSVFormat RECORD_FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("").get();

    private CsvFileParser() {
    }

    /** Opens a file for reading: gunzips .gz, drops a UTF-8 byte order mark, marks invalid bytes. */
    static Reader open(InputStream raw, String fileName) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    /** The header of a file, lower-cased and trimmed; empty for an empty file. */
    public static List<String> header(InputStream raw, String fileName) {
        try (Reader reader = open(raw, fileName); CSVParser parser = FORMAT.parse(reader)) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (String h : it.next()) {
                names.add(h.trim().toLowerCase(Locale.ROOT));
            }
            return names;
        } catch (IOException | UncheckedIOException e) {
            throw new InputError(fileName + ": cannot read the CSV header: " + rootMessage(e), e);
        }
    }

    /** Raw rows of one file, in the layout of {@link InputDataset#rawSchema()}, read lazily. */
    public static Iterator<Row> rows(InputStream raw, String fileName, InputDataset dataset) {
        CSVParser parser;
        Iterator<CSVRecord> records;
        CSVRecord headerRecord;
        try {
            parser = FORMAT.parse(open(raw, fileName));
            records = parser.iterator();
            if (!records.hasNext()) {
                parser.close();
                return List.<Row>of().iterator();
            }
            headerRecord = records.next();
        } catch (IOException | UncheckedIOException e) {
            throw new InputError(fileName + ": cannot read: " + rootMessage(e), e);
        }
        List<String> header = new ArrayList<>();
        for (String h : headerRecord) {
            header.add(h.trim().toLowerCase(Locale.ROOT));
        }
        List<String> columns = dataset.columnNames();
        int[] positions = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            positions[i] = header.indexOf(columns.get(i));
        }
        return new Iterator<>() {
            private Row next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    advance();
                }
                return next != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row r = next;
                next = null;
                return r;
            }

            private void advance() {
                long startLine = parser.getCurrentLineNumber() + 1;
                try {
                    if (!records.hasNext()) {
                        finish();
                        return;
                    }
                    next = toRow(records.next(), startLine);
                } catch (UncheckedIOException e) {
                    if (!(e.getCause() instanceof CSVException)) {
                        // Not a CSV problem but an unreadable file (a truncated .gz, a read error): stop the run.
                        finish();
                        throw new InputError(fileName + ": cannot read: " + rootMessage(e), e);
                    }
                    // A broken quote swallows the rest of the file: account for it as one quarantined record.
                    next = brokenTail(startLine, e.getCause());
                    finish();
                } catch (IllegalStateException e) {
                    next = brokenTail(startLine, e);
                    finish();
                }
            }

            private Row toRow(CSVRecord record, long startLine) {
                Object[] values = new Object[columns.size() + 4];
                for (int i = 0; i < positions.length; i++) {
                    int pos = positions[i];
                    String v = pos >= 0 && pos < record.size() ? record.get(pos).trim() : null;
                    values[i] = v == null || v.isEmpty() ? null : v;
                }
                String text = recordText(record);
                String error = null;
                if (record.size() != header.size()) {
                    error = "wrong_field_count:" + record.size() + " fields, the header has " + header.size();
                } else if (text.indexOf('\uFFFD') >= 0) {
                    error = "invalid_utf8:the record holds bytes that are not UTF-8";
                }
                values[columns.size()] = fileName;
                values[columns.size() + 1] = startLine;
                values[columns.size() + 2] = text;
                values[columns.size() + 3] = error;
                return RowFactory.create(values);
            }

            private Row brokenTail(long startLine, Throwable e) {
                Object[] values = new Object[columns.size() + 4];
                values[columns.size()] = fileName;
                values[columns.size() + 1] = startLine;
                values[columns.size() + 2] = "";
                values[columns.size() + 3] = "malformed_csv:" + String.valueOf(e.getMessage()).lines().findFirst()
                        .orElse("unbalanced quotes");
                return RowFactory.create(values);
            }

            private void finish() {
                done = true;
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // Reading is over; a failure to close changes nothing we report.
                }
            }
        };
    }

    /**
     * The record as one line of RFC 4180 text, exactly as Commons CSV prints it. Most records need no quotes:
     * those are joined directly, which is several times faster than the printer.
     */
    static String recordText(CSVRecord record) {
        StringBuilder text = new StringBuilder(128);
        for (int i = 0; i < record.size(); i++) {
            String value = record.get(i);
            if (!printsBare(value, i == 0)) {
                return RECORD_FORMAT.format((Object[]) record.values());
            }
            if (i > 0) {
                text.append(',');
            }
            text.append(value);
        }
        return text.toString();
    }

    /**
     * Whether the printer leaves a value unquoted wherever it stands: an ASCII letter or digit at both ends
     * and no comma, quote or line break. An empty value is quoted only as the first of a record.
     */
    private static boolean printsBare(String value, boolean first) {
        int n = value.length();
        if (n == 0) {
            return !first;
        }
        if (!isAsciiLetterOrDigit(value.charAt(0)) || !isAsciiLetterOrDigit(value.charAt(n - 1))) {
            return false;
        }
        for (int i = 1; i < n - 1; i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /** The innermost message of a failure, which names what actually went wrong. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
