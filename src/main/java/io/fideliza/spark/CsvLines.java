package io.fideliza.spark;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * The physical lines of one CSV file, numbered from 1 exactly as Commons CSV counts them (a line ends at LF,
 * CRLF or a lone CR), read on demand and held from the oldest line not yet released: the look-ahead of an
 * open quote holds at most {@link CsvRecords#MAX_QUOTED_LINES} of them.
 */
final class CsvLines {

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

    private final Reader reader;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private Line[] held = new Line[64];
    private long first = 1; // number of held[head]
    private int head;
    private int count;

    CsvLines(Reader reader) {
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
