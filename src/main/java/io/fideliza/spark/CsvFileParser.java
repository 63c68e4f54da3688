package io.fideliza.spark;


import io.fideliza.contract.InputDataset;
import io.fideliza.contract.InputError;
import io.fideliza.contract.QuarantineReason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Parses one CSV file of the contract (UTF-8, header row, RFC 4180) into raw rows that keep the
 * source file, the line where each record starts and the record itself, so that a rejected row can
 * be traced. Columns are matched by header name, so their order and extra columns do not matter.
 *
 * <p>The file is read as physical lines (a line ends at LF, CRLF or a lone CR, as Commons CSV counts them;
 * empty lines are skipped) and records are assembled as RFC 4180 says, the way Commons CSV's RFC 4180
 * format reads them: a field that starts with a quote may hold commas, doubled quotes and line breaks; a
 * quote inside an unquoted field ({@code 24" screen}) is an ordinary character. A line without any quote
 * is one record, split at its commas (the fast path).
 *
 * <p>Malformed CSV costs only the broken lines. A record that opens a quote is a legitimate multi-line
 * record when the quote closes within {@link #MAX_QUOTED_LINES} lines into a record of the header's field
 * count, and the lines it swallows are not, every one of them, well-formed records of their own (that is
 * a stray quote closed by another stray quote). Otherwise (the quote never closes, or not within the limit;
 * text follows a closing quote; the record it closes has another field count and swallowed a well-formed
 * line) each physical line from the record's first up to the next line that starts a well-formed record
 * (strict RFC 4180, the header's field count) is quarantined on its own as {@code malformed_csv}, with its
 * text and line number, and reading resumes there.
 */
public final class CsvFileParser {
    /**
     * The most physical lines one record may span. Far more than any text people put in a cell (a chat
     * transcript of a few hundred messages; a spreadsheet cell holds at most 32,767 characters), and few
     * enough that deciding about an unclosed quote holds and reads at most this many lines ahead.
     */
    static final int MAX_QUOTED_LINES = 10_000;
    private static final CSVFormat RECORD_FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("").get();

    private CsvFileParser() {
    }

    /**
     * Opens a file for reading in {@code charset}: gunzips .gz, drops a UTF-8 byte order mark, marks bytes that
     * are not text in that encoding (they become U+FFFD, and their record is quarantined).
     */
    static Reader open(InputStream raw, String fileName, Charset charset) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        if (charset.equals(StandardCharsets.UTF_8)) {
            in.mark(3);
            byte[] bom = in.readNBytes(3);
            if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
                in.reset();
            }
        }
        return new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    static Reader open(InputStream raw, String fileName) throws IOException {
        return open(raw, fileName, StandardCharsets.UTF_8);
    }

    /** The header of a file, lower-cased and trimmed; empty for an empty file. */
    public static List<String> header(InputStream raw, String fileName) {
        return header(raw, fileName, StandardCharsets.UTF_8);
    }

    public static List<String> header(InputStream raw, String fileName, Charset charset) {
        try (Reader reader = open(raw, fileName, charset)) {
            Records records = new Records(new Lines(reader));
            return records.header(fileName);
        } catch (IOException | UncheckedIOException e) {
            throw new InputError(fileName + ": cannot read the CSV header: " + rootMessage(e), e);
        }
    }

    /** Raw rows of one UTF-8 file, in the layout of {@link InputDataset#rawSchema()}, read lazily. */
    public static Iterator<Row> rows(InputStream raw, String fileName, InputDataset dataset) {
        return rows(raw, fileName, dataset, StandardCharsets.UTF_8);
    }

    /** Raw rows of one file in {@code charset}, in the layout of {@link InputDataset#rawSchema()}, read lazily. */
    public static Iterator<Row> rows(InputStream raw, String fileName, InputDataset dataset, Charset charset) {
        Reader reader;
        Records records;
        List<String> header;
        String notText = QuarantineReason.INVALID_UTF8.code() + ":the record holds bytes that are not "
                + (charset.equals(StandardCharsets.UTF_8) ? "UTF-8" : charset.name() + " text");
        try {
            reader = open(raw, fileName, charset);
            records = new Records(new Lines(reader));
            header = records.header(fileName);
        } catch (IOException | UncheckedIOException e) {
            throw new InputError(fileName + ": cannot read: " + rootMessage(e), e);
        }
        if (header.isEmpty()) {
            closeQuietly(reader);
            return List.<Row>of().iterator();
        }
        List<String> columns = dataset.columnNames();
        int[] positions = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            positions[i] = header.indexOf(columns.get(i));
        }
        int width = header.size();
        return new Iterator<>() {
            private final Lines lines = records.lines;
            private long cursor = records.afterHeader;
            /** The first line of the malformed record being set aside line by line, or 0. */
            private long brokenFrom;
            private String brokenWhy;
            private int[] commas = new int[16];
            private Row next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        advance();
                    } catch (UncheckedIOException e) {
                        // Not a CSV problem but an unreadable file (a truncated .gz, a read error): stop the run.
                        finish();
                        throw new InputError(fileName + ": cannot read: " + rootMessage(e), e);
                    }
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
                while (true) {
                    lines.release(cursor);
                    Line line = lines.get(cursor);
                    if (line == null) {
                        finish();
                        return;
                    }
                    if (line.text.isEmpty()) {
                        cursor++;
                        continue;
                    }
                    if (brokenFrom > 0) {
                        if (!records.startsWellFormedRecord(cursor, width)) {
                            next = malformed(line, "line " + line.number + " follows the malformed record of line "
                                    + brokenFrom + " and is not a well-formed record of " + width
                                    + " fields on its own (" + brokenWhy + ")");
                            cursor++;
                            return;
                        }
                        brokenFrom = 0; // the file plainly goes on: read it as usual from here
                    }
                    if (line.text.indexOf('"') < 0) {
                        next = plainRow(line);
                        cursor++;
                        return;
                    }
                    Attempt a = records.read(cursor);
                    String why = a.problem;
                    if (why == null) {
                        if (a.last == a.first) {
                            next = toRow(a);
                            cursor = a.last + 1;
                            return;
                        }
                        why = records.strayQuote(a, width);
                        if (why == null) {
                            next = toRow(a); // a multi-line record, well-formed or not (its field count says)
                            cursor = a.last + 1;
                            return;
                        }
                    }
                    brokenFrom = cursor;
                    brokenWhy = why;
                    next = malformed(line, why + "; each line up to the next well-formed record is set aside");
                    cursor++;
                    return;
                }
            }

            /** A line without quotes: one record, split at its commas. */
            private Row plainRow(Line line) {
                String s = line.text;
                int n = 0;
                for (int c = s.indexOf(','); c >= 0; c = s.indexOf(',', c + 1)) {
                    if (n == commas.length) {
                        commas = Arrays.copyOf(commas, n * 2);
                    }
                    commas[n++] = c;
                }
                int fields = n + 1;
                Object[] values = new Object[columns.size() + 4];
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
                return row(values, line.number, text, error(fields, text));
            }

            private Row toRow(Attempt a) {
                Object[] values = new Object[columns.size() + 4];
                for (int i = 0; i < positions.length; i++) {
                    int pos = positions[i];
                    String v = pos >= 0 && pos < a.fields.size() ? a.fields.get(pos).trim() : null;
                    values[i] = v == null || v.isEmpty() ? null : v;
                }
                String text = recordText(a.fields.toArray(String[]::new));
                return row(values, a.first, text, error(a.fields.size(), text));
            }

            private String error(int fields, String text) {
                if (fields != width) {
                    return QuarantineReason.WRONG_FIELD_COUNT.code() + ":" + fields + " fields, the header has " + width;
                } else if (text.indexOf('\uFFFD') >= 0) {
                    return notText;
                }
                return null;
            }

            /** One physical line of a malformed record: no values, its own text and line. */
            private Row malformed(Line line, String detail) {
                return row(new Object[columns.size() + 4], line.number, line.text, QuarantineReason.MALFORMED_CSV.code() + ":" + detail);
            }

            private Row row(Object[] values, long lineNumber, String text, String error) {
                values[columns.size()] = fileName;
                values[columns.size() + 1] = lineNumber;
                values[columns.size() + 2] = text;
                values[columns.size() + 3] = error;
                return RowFactory.create(values);
            }

            private void finish() {
                done = true;
                closeQuietly(reader);
            }
        };
    }

    private static void closeQuietly(Reader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // Reading is over; a failure to close changes nothing we report.
        }
    }

    /** A physical line: its text without the line break, the break itself ("" at the end of the file), its number. */
    static final class Line {
        final String text;
        final String eol;
        final long number;

        Line(String text, String eol, long number) {
            this.text = text;
            this.eol = eol;
            this.number = number;
        }
    }

    /**
     * The physical lines of a file, numbered from 1, read on demand and held from the oldest line not yet
     * released: the look-ahead of an open quote holds at most {@link #MAX_QUOTED_LINES} of them.
     */
    static final class Lines {
        private final Reader reader;
        private final char[] buf = new char[1 << 16];
        private int pos;
        private int limit;
        private boolean eof;
        private Line[] held = new Line[64];
        private long first = 1; // number of held[head]
        private int head;
        private int count;

        Lines(Reader reader) {
            this.reader = reader;
        }

        /** Line {@code number}, or null past the end of the file. Lines before the first held one are gone. */
        Line get(long number) {
            while (first + count <= number) {
                Line l = readLine(first + count);
                if (l == null) {
                    return null;
                }
                if (count == held.length) {
                    Line[] bigger = new Line[held.length * 2];
                    for (int i = 0; i < count; i++) {
                        bigger[i] = held[(head + i) % held.length];
                    }
                    held = bigger;
                    head = 0;
                }
                held[(head + count) % held.length] = l;
                count++;
            }
            if (number < first) {
                throw new IllegalStateException("line " + number + " was already released");
            }
            return held[(int) ((head + (number - first)) % held.length)];
        }

        /** Forgets the lines before {@code number}. */
        void release(long number) {
            while (count > 0 && first < number) {
                held[head] = null;
                head = (head + 1) % held.length;
                count--;
                first++;
            }
            if (count == 0 && first < number) {
                throw new IllegalStateException("released line " + number + " before reading it");
            }
        }

        private boolean fill() {
            if (eof) {
                return false;
            }
            try {
                int n;
                do {
                    n = reader.read(buf, 0, buf.length);
                } while (n == 0);
                if (n < 0) {
                    eof = true;
                    return false;
                }
                pos = 0;
                limit = n;
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Line readLine(long number) {
            StringBuilder spill = null;
            int start = pos;
            while (true) {
                if (pos >= limit) {
                    if (pos > start) {
                        if (spill == null) {
                            spill = new StringBuilder(Math.max(64, 2 * (pos - start)));
                        }
                        spill.append(buf, start, pos - start);
                    }
                    if (!fill()) {
                        return spill == null || spill.length() == 0 ? null : new Line(spill.toString(), "", number);
                    }
                    start = 0;
                    continue;
                }
                char c = buf[pos];
                if (c == '\n' || c == '\r') {
                    String text = spill == null ? new String(buf, start, pos - start)
                            : spill.append(buf, start, pos - start).toString();
                    pos++;
                    if (c == '\n') {
                        return new Line(text, "\n", number);
                    }
                    if ((pos < limit || fill()) && buf[pos] == '\n') {
                        pos++;
                        return new Line(text, "\r\n", number);
                    }
                    return new Line(text, "\r", number);
                }
                pos++;
            }
        }
    }

    /** A record read from its first line on: its fields and last line, or the problem that stopped it. */
    static final class Attempt {
        final long first;
        long last;
        final List<String> fields = new ArrayList<>();
        /** No quote inside an unquoted field: well-formed by RFC 4180's letter, not only by Commons CSV's reading. */
        boolean strict = true;
        /** Why the record cannot be read, or null. */
        String problem;

        Attempt(long first) {
            this.first = first;
        }
    }

    /** RFC 4180 records over the physical lines of a file. */
    static final class Records {
        final Lines lines;
        long afterHeader = 1;

        Records(Lines lines) {
            this.lines = lines;
        }

        /** The header record, lower-cased and trimmed; empty when the file has no line. */
        List<String> header(String fileName) {
            long n = 1;
            while (lines.get(n) != null && lines.get(n).text.isEmpty()) {
                n++;
            }
            if (lines.get(n) == null) {
                return List.of();
            }
            Attempt a = read(n);
            if (a.problem != null) {
                throw new InputError(fileName + ": cannot read the CSV header: " + a.problem);
            }
            afterHeader = a.last + 1;
            List<String> names = new ArrayList<>();
            for (String h : a.fields) {
                names.add(h.trim().toLowerCase(Locale.ROOT));
            }
            return names;
        }

        /** Reads one record from line {@code first}, which is not empty. */
        Attempt read(long first) {
            Attempt a = new Attempt(first);
            long n = first;
            Line line = lines.get(n);
            String s = line.text;
            int p = 0;
            while (true) {
                if (p < s.length() && s.charAt(p) == '"') {
                    StringBuilder v = new StringBuilder();
                    p++;
                    while (true) {
                        int q = s.indexOf('"', p);
                        if (q < 0) {
                            v.append(s, p, s.length());
                            Line following = lines.get(n + 1);
                            if (following == null || n + 1 - first >= MAX_QUOTED_LINES) {
                                a.last = n;
                                a.problem = following == null
                                        ? "the quote opened on line " + first + " is never closed"
                                        : String.format(Locale.ROOT, "the quote opened on line %d is not closed within "
                                                + "%,d lines", first, MAX_QUOTED_LINES);
                                return a;
                            }
                            v.append(line.eol);
                            n++;
                            line = following;
                            s = line.text;
                            p = 0;
                            continue;
                        }
                        v.append(s, p, q);
                        if (q + 1 < s.length() && s.charAt(q + 1) == '"') {
                            v.append('"');
                            p = q + 2;
                            continue;
                        }
                        p = q + 1;
                        break;
                    }
                    a.fields.add(v.toString());
                    while (p < s.length() && s.charAt(p) != ',') {
                        if (!Character.isWhitespace(s.charAt(p))) {
                            a.last = n;
                            a.problem = (n == first ? "" : "the quote opened on line " + first + " closes on line "
                                    + n + ", and ") + "text follows a closing quote on line " + n
                                    + " (a quote inside a quoted field must be doubled)";
                            return a;
                        }
                        p++; // spaces after a closing quote are allowed, as Commons CSV allows them
                    }
                } else {
                    int c = s.indexOf(',', p);
                    int end = c < 0 ? s.length() : c;
                    String v = s.substring(p, end);
                    if (a.strict && v.indexOf('"') >= 0) {
                        a.strict = false;
                    }
                    a.fields.add(v);
                    p = end;
                }
                if (p >= s.length()) {
                    a.last = n;
                    return a;
                }
                p++; // past the comma; a comma at the end of the line leaves one empty field
            }
        }

        /**
         * Whether line {@code n} (not empty) starts a record that is well-formed by the letter of RFC 4180
         * (quotes balanced, none inside an unquoted field, nothing after a closing quote) with
         * {@code width} fields: where the file plainly goes on after a malformed record.
         */
        boolean startsWellFormedRecord(long n, int width) {
            String s = lines.get(n).text;
            if (s.indexOf('"') < 0) {
                return commas(s) + 1 == width;
            }
            Attempt a = read(n);
            return a.problem == null && a.strict && a.fields.size() == width
                    && (a.last == n || strayQuote(a, width) == null);
        }

        /** Whether line {@code n} (not empty) is a well-formed record of {@code width} fields on its own. */
        private boolean wellFormedLine(long n, int width) {
            String s = lines.get(n).text;
            if (s.indexOf('"') < 0) {
                return commas(s) + 1 == width;
            }
            Attempt a = read(n);
            return a.problem == null && a.strict && a.last == n && a.fields.size() == width;
        }

        /**
         * Why a record that spans lines is a stray quote rather than a quoted field with line breaks, or null.
         * With the header's field count it is a stray quote only when every line strictly inside it is a
         * well-formed record of its own (then the file plainly went on); with another field count, as soon as
         * one of the lines it swallowed starts a well-formed record.
         */
        String strayQuote(Attempt a, int width) {
            if (a.fields.size() == width) {
                boolean inner = false;
                for (long n = a.first + 1; n < a.last; n++) {
                    if (lines.get(n).text.isEmpty()) {
                        continue;
                    }
                    if (!wellFormedLine(n, width)) {
                        return null;
                    }
                    inner = true;
                }
                return inner ? "the quote opened on line " + a.first + " closes only on line " + a.last
                        + ", swallowing the well-formed records in between" : null;
            }
            for (long n = a.first + 1; n <= a.last; n++) {
                if (!lines.get(n).text.isEmpty() && startsWellFormedRecord(n, width)) {
                    return "the quote opened on line " + a.first + " closes only on line " + a.last
                            + ", in a record of " + a.fields.size() + " fields (the header has " + width
                            + ") that swallows well-formed records";
                }
            }
            return null;
        }

        private static int commas(String s) {
            int n = 0;
            for (int c = s.indexOf(','); c >= 0; c = s.indexOf(',', c + 1)) {
                n++;
            }
            return n;
        }
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

    /** The innermost message of a failure, which names what actually went wrong. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
