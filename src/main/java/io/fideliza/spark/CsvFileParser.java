package io.fideliza.spark;

import io.fideliza.contract.InputDataset;
import io.fideliza.contract.InputError;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Row;

/**
 * Parses one CSV file of the contract (UTF-8, header row, RFC 4180) into raw rows that keep the
 * source file, the line where each record starts and the record itself, so that a rejected row can
 * be traced. Columns are matched by header name, so their order and extra columns do not matter.
 *
 * <p>The pieces: {@link CsvLines} reads physical lines with their exact numbers (a line ends at LF, CRLF or a
 * lone CR, as Commons CSV counts them; empty lines are skipped); {@link CsvRecords} assembles RFC 4180 records
 * from them, the way Commons CSV's RFC 4180 format reads them (a field that starts with a quote may hold
 * commas, doubled quotes and line breaks; a quote inside an unquoted field, {@code 24" screen}, is an ordinary
 * character), and tells a multi-line field from a stray or unclosed quote; {@link CsvRowLayout} checks each
 * record and lays it out as a raw row, its problem as a {@link io.fideliza.contract.ParseError};
 * {@link CsvRowIterator} walks the file and sets aside, line by line, what follows a malformed record up to
 * the next well-formed one.
 */
public final class CsvFileParser {
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
            CsvRecords records = new CsvRecords(new CsvLines(reader));
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
        CsvRecords records;
        List<String> header;
        try {
            reader = open(raw, fileName, charset);
            records = new CsvRecords(new CsvLines(reader));
            header = records.header(fileName);
        } catch (IOException | UncheckedIOException e) {
            throw new InputError(fileName + ": cannot read: " + rootMessage(e), e);
        }
        if (header.isEmpty()) {
            closeQuietly(reader);
            return List.<Row>of().iterator();
        }
        return new CsvRowIterator(fileName, reader, records, new CsvRowLayout(fileName, dataset, header, charset));
    }

    static void closeQuietly(Reader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // Reading is over; a failure to close changes nothing we report.
        }
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
