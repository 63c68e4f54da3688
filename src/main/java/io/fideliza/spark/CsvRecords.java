package io.fideliza.spark;

import io.fideliza.contract.InputError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RFC 4180 records over the physical lines of a file, the way Commons CSV's RFC 4180 format reads them, and the
 * rule that tells a quoted field with line breaks from a stray quote: a record that opens a quote is a
 * legitimate multi-line record when the quote closes within {@link #MAX_QUOTED_LINES} lines into a record of
 * the header's field count, and the lines it swallows are not, every one of them, well-formed records of their
 * own.
 */
final class CsvRecords {
    /**
     * The most physical lines one record may span. Far more than any text people put in a cell (a chat
     * transcript of a few hundred messages; a spreadsheet cell holds at most 32,767 characters), and few
     * enough that deciding about an unclosed quote holds and reads at most this many lines ahead.
     */
    static final int MAX_QUOTED_LINES = 10_000;

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

    final CsvLines lines;
    long afterHeader = 1;

    CsvRecords(CsvLines lines) {
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
        CsvLines.Line line = lines.get(n);
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
                        CsvLines.Line following = lines.get(n + 1);
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
