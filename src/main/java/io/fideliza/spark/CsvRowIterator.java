package io.fideliza.spark;

import io.fideliza.contract.InputError;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * The raw rows of one file, read lazily record by record. Malformed CSV costs only the broken lines: from a
 * record that cannot be read (see {@link CsvRecords}), each physical line up to the next line that starts a
 * well-formed record (strict RFC 4180, the header's field count) is set aside on its own as
 * {@code malformed_csv}, with its text and line number, and reading resumes there.
 */
final class CsvRowIterator implements Iterator<Row> {
    private final String fileName;
    private final Reader reader;
    private final CsvRecords records;
    private final CsvRowLayout layout;
    private long cursor;
    /** The first line of the malformed record being set aside line by line, or 0. */
    private long brokenFrom;
    private String brokenWhy;
    private Row next;
    private boolean done;

    CsvRowIterator(String fileName, Reader reader, CsvRecords records, CsvRowLayout layout) {
        this.fileName = fileName;
        this.reader = reader;
        this.records = records;
        this.layout = layout;
        this.cursor = records.afterHeader;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                advance();
            } catch (UncheckedIOException e) {
                // Not a CSV problem but an unreadable file (a truncated .gz, a read error): stop the run.
                finish();
                throw new InputError(fileName + ": cannot read: " + CsvFileParser.rootMessage(e), e);
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

    /** Reads on to the next row, or to the end of the file. */
    private void advance() {
        CsvLines lines = records.lines;
        while (true) {
            lines.release(cursor);
            CsvLines.Line line = lines.get(cursor);
            if (line == null) {
                finish();
                return;
            }
            if (line.text.isEmpty()) {
                cursor++;
                continue;
            }
            if (brokenFrom > 0) {
                if (!records.startsWellFormedRecord(cursor, layout.width)) {
                    next = layout.malformedRow(line, "line " + line.number + " follows the malformed record of line "
                            + brokenFrom + " and is not a well-formed record of " + layout.width
                            + " fields on its own (" + brokenWhy + ")");
                    cursor++;
                    return;
                }
                brokenFrom = 0; // the file plainly goes on: read it as usual from here
            }
            if (line.text.indexOf('"') < 0) {
                next = layout.plainRow(line);
                cursor++;
                return;
            }
            CsvRecords.Attempt a = records.read(cursor);
            String why = a.problem;
            if (why == null) {
                if (a.last == a.first) {
                    next = layout.recordRow(a);
                    cursor = a.last + 1;
                    return;
                }
                why = records.strayQuote(a, layout.width);
                if (why == null) {
                    next = layout.recordRow(a); // a multi-line record, well-formed or not (its field count says)
                    cursor = a.last + 1;
                    return;
                }
            }
            brokenFrom = cursor;
            brokenWhy = why;
            next = layout.malformedRow(line, why + "; each line up to the next well-formed record is set aside");
            cursor++;
            return;
        }
    }

    private void finish() {
        done = true;
        CsvFileParser.closeQuietly(reader);
    }
}
