package io.fideliza.spark;

import static io.fideliza.contract.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fideliza.contract.InputDataset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class CsvFileParserTest {
    private static List<Row> parse(byte[] bytes, String name) throws Exception {
        List<Row> rows = new ArrayList<>();
        CsvFileParser.rows(new ByteArrayInputStream(bytes), name, InputDataset.PRODUCTS).forEachRemaining(rows::add);
        return rows;
    }

    private static int idx(String column) {
        return InputDataset.PRODUCTS.rawSchema().fieldIndex(column);
    }

    @Test
    void quotedFieldsBomCrlfAndColumnOrderAreHandled() throws Exception {
        String text = "\uFEFFname,PRODUCT_ID,extra\r\n"
                + "\"Ink, black \"\"XL\"\"\",P1,x\r\n"
                + "\"Two\r\nlines\",P2,y\r\n"
                + "Plain,P3,z\r\n";
        List<Row> rows = parse(text.getBytes(StandardCharsets.UTF_8), "products.csv");
        assertEquals(3, rows.size());
        assertEquals("P1", rows.get(0).getString(idx(PRODUCT_ID)));
        assertEquals("Ink, black \"XL\"", rows.get(0).getString(idx(NAME)));
        assertEquals("Two\r\nlines", rows.get(1).getString(idx(NAME)));
        assertEquals(List.of(2L, 3L, 5L), rows.stream().map(r -> r.getLong(idx(LINE))).toList(),
                "each record's first line, counting the header as line 1");
        assertNull(rows.get(0).get(idx(CATEGORY)), "an absent optional column is null");
        assertNull(rows.get(0).get(idx(PARSE_ERROR)));
    }

    @Test
    void gzippedFilesAndInvalidBytesAndShortRecords() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write("product_id,name\nP1,Caf\u00e9\nP2\n".getBytes(StandardCharsets.UTF_8));
            gz.write(new byte[] {'P', '3', ',', (byte) 0xC3, (byte) 0x28, '\n'});
        }
        List<Row> rows = parse(buf.toByteArray(), "products.csv.gz");
        assertEquals("Caf\u00e9", rows.get(0).getString(idx(NAME)));
        assertEquals("wrong_field_count:1 fields, the header has 2", rows.get(1).getStruct(idx(PARSE_ERROR)).mkString(":"));
        assertEquals("invalid_utf8:the record holds bytes that are not UTF-8", rows.get(2).getStruct(idx(PARSE_ERROR)).mkString(":"));
    }

    /** Each row as "line ok product_id|record" or "line reason|record", for exact expectations. */
    private static List<String> described(List<Row> rows) {
        return rows.stream().map(r -> {
            Row error = r.getStruct(idx(PARSE_ERROR));
            return r.getLong(idx(LINE)) + " " + (error == null ? "ok " + r.getString(idx(PRODUCT_ID))
                    : error.getString(0)) + "|" + r.getString(idx(RECORD));
        }).toList();
    }

    private static List<String> parsed(String text) throws Exception {
        return described(parse(text.getBytes(StandardCharsets.UTF_8), "products.csv"));
    }

    private static final String HEADER = "product_id,name,category,price\n";

    @Test
    void aStrayQuoteCostsOnlyItsOwnLine() throws Exception {
        List<Row> rows = parse((HEADER + "P1,Ink,supplies,20\nP2,\"Toner,supplies,30\nP3,Paper,supplies,5\n"
                + "P4,Cable,supplies,7\n").getBytes(StandardCharsets.UTF_8), "products.csv");
        assertEquals(List.of("2 ok P1|P1,Ink,supplies,20", "3 malformed_csv|P2,\"Toner,supplies,30",
                "4 ok P3|P3,Paper,supplies,5", "5 ok P4|P4,Cable,supplies,7"), described(rows));
        assertEquals("malformed_csv:the quote opened on line 3 is never closed; each line up to the next well-formed"
                + " record is set aside", rows.get(1).getStruct(idx(PARSE_ERROR)).mkString(":"));
        assertNull(rows.get(1).get(idx(PRODUCT_ID)), "a malformed line has no values");
    }

    @Test
    void anUnclosedQuoteAtTheVeryEnd() throws Exception {
        List<String> expected = List.of("2 ok P1|P1,Ink,supplies,20", "3 malformed_csv|P2,\"Toner,supplies,30");
        assertEquals(expected, parsed(HEADER + "P1,Ink,supplies,20\nP2,\"Toner,supplies,30\n"));
        assertEquals(expected, parsed(HEADER + "P1,Ink,supplies,20\nP2,\"Toner,supplies,30"), "no final line break");
        assertEquals(List.of("2 ok P1|P1,Ink,supplies,20", "3 malformed_csv|P2,\"Toner", "4 malformed_csv|and more,",
                        "6 malformed_csv|still, more"),
                parsed(HEADER + "P1,Ink,supplies,20\nP2,\"Toner\nand more,\n\nstill, more\n"),
                "every line up to the end is set aside on its own; an empty line is no record");
    }

    @Test
    void aStrayQuoteIsCutWhereTheFilePlainlyGoesOn() throws Exception {
        assertEquals(List.of("2 malformed_csv|P2,\"Toner", "3 malformed_csv|two, fields", "4 ok P3|P3,Paper,supplies,5",
                        "5 ok P4|P4,Cable,supplies,7"),
                parsed(HEADER + "P2,\"Toner\ntwo, fields\nP3,Paper,supplies,5\nP4,Cable,supplies,7\n"),
                "the lines after a stray quote that are no record of the header's width go with it");
        // Closed by a later stray quote into a record of the header's width: the lines in between are each a
        // well-formed record, so this is no quoted field with line breaks.
        assertEquals(List.of("2 ok P1|P1,Ink,supplies,20", "3 malformed_csv|P2,\"Toner,supplies,30",
                        "4 ok P3|P3,Paper,supplies,5", "5 ok P4|P4,Cable,supplies,7",
                        "6 ok P5|P5,\"Drum\"\"\",supplies,9"),
                parsed(HEADER + "P1,Ink,supplies,20\nP2,\"Toner,supplies,30\nP3,Paper,supplies,5\n"
                        + "P4,Cable,supplies,7\nP5,Drum\",supplies,9\n"));
        // Closed into a record of another width that swallowed a well-formed record.
        assertEquals(List.of("2 malformed_csv|P2,\"Toner,supplies,30", "3 ok P3|P3,Paper,supplies,5",
                        "4 wrong_field_count|P4,\"Cable 5\"\"\",7"),
                parsed(HEADER + "P2,\"Toner,supplies,30\nP3,Paper,supplies,5\nP4,Cable 5\",7\n"));
        // Text after the closing quote of a field that opened lines earlier.
        assertEquals(List.of("2 malformed_csv|P2,\"Toner,supplies,30", "3 ok P3|P3,Paper,supplies,5",
                        "4 malformed_csv|P4,\"Cable\" 5,supplies,7", "5 ok P5|P5,Drum,supplies,9"),
                parsed(HEADER + "P2,\"Toner,supplies,30\nP3,Paper,supplies,5\nP4,\"Cable\" 5,supplies,7\n"
                        + "P5,Drum,supplies,9\n"));
    }

    @Test
    void quotedFieldsWithLineBreaksStayOneValidRecord() throws Exception {
        List<Row> rows = parse((HEADER + "P1,\"Ink, black \"\"XL\"\"\",supplies,20\n"
                + "P2,\"A long\ndescription, over\n\nfour lines\",supplies,5\n"
                + "P3,\"Two\nlines\",supplies,1,extra\n"
                + "P4,Plain,supplies,1\n").getBytes(StandardCharsets.UTF_8), "products.csv");
        assertEquals(List.of("2 ok P1|P1,\"Ink, black \"\"XL\"\"\",supplies,20",
                "3 ok P2|P2,\"A long\ndescription, over\n\nfour lines\",supplies,5",
                "7 wrong_field_count|P3,\"Two\nlines\",supplies,1,extra", "9 ok P4|P4,Plain,supplies,1"), described(rows),
                "a record of another width that swallowed no well-formed line is one record, as RFC 4180 reads it");
        assertEquals("A long\ndescription, over\n\nfour lines", rows.get(1).getString(idx(NAME)));
    }

    @Test
    void aQuotedFieldMaySpanUpToTheLimitOfLines() throws Exception {
        int limit = CsvRecords.MAX_QUOTED_LINES;
        String within = HEADER + "P1,\"start\n" + "x\n".repeat(limit - 2) + "end\",supplies,5\nP2,Paper,supplies,5\n";
        List<Row> rows = parse(within.getBytes(StandardCharsets.UTF_8), "products.csv");
        assertEquals(2, rows.size());
        assertEquals(List.of(2L, 2L + limit), rows.stream().map(r -> r.getLong(idx(LINE))).toList());
        assertNull(rows.get(0).get(idx(PARSE_ERROR)));
        assertEquals(limit - 1, rows.get(0).getString(idx(NAME)).chars().filter(c -> c == '\n').count());

        String beyond = HEADER + "P1,\"start\n" + "x\n".repeat(limit - 1) + "end\",supplies,5\nP2,Paper,supplies,5\n";
        rows = parse(beyond.getBytes(StandardCharsets.UTF_8), "products.csv");
        assertEquals(limit + 2, rows.size(), "each of the record's lines is set aside on its own, then P2");
        assertEquals("malformed_csv:the quote opened on line 2 is not closed within 10,000 lines; each line up to the"
                + " next well-formed record is set aside", rows.get(0).getStruct(idx(PARSE_ERROR)).mkString(":"));
        assertEquals(limit + 1, rows.stream().filter(r -> r.get(idx(PARSE_ERROR)) != null).count());
        assertEquals("P2", rows.get(limit + 1).getString(idx(PRODUCT_ID)));
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsAnOrdinaryCharacter() throws Exception {
        List<Row> rows = parse((HEADER + "P1,24\" screen,supplies,20\nP2,\"Ink\" black,supplies,5\n"
                + "P3,\"Ink\"  ,supplies,5\n").getBytes(StandardCharsets.UTF_8), "products.csv");
        assertEquals(List.of("2 ok P1|P1,\"24\"\" screen\",supplies,20", "3 malformed_csv|P2,\"Ink\" black,supplies,5",
                "4 ok P3|P3,Ink,supplies,5"), described(rows), "as Commons CSV reads them; text after a closing"
                + " quote is malformed, spaces are not");
        assertEquals("24\" screen", rows.get(0).getString(idx(NAME)));
        assertEquals("malformed_csv:text follows a closing quote on line 3 (a quote inside a quoted field must be"
                + " doubled); each line up to the next well-formed record is set aside",
                rows.get(1).getStruct(idx(PARSE_ERROR)).mkString(":"));
    }

    @Test
    void aStrayQuoteInACrlfFileWithAByteOrderMark() throws Exception {
        String text = "\uFEFF" + HEADER.replace("\n", "\r\n") + "P1,Ink,supplies,20\r\nP2,\"Toner,supplies,30\r\n"
                + "P3,\"Two\r\nlines\",supplies,5\r\nP4,Cable,supplies,7\rP5,Drum,supplies,9\r\n";
        List<Row> rows = parse(text.getBytes(StandardCharsets.UTF_8), "products.csv");
        assertEquals(List.of("2 ok P1|P1,Ink,supplies,20", "3 malformed_csv|P2,\"Toner,supplies,30",
                "4 ok P3|P3,\"Two\r\nlines\",supplies,5", "6 ok P4|P4,Cable,supplies,7", "7 ok P5|P5,Drum,supplies,9"),
                described(rows), "a lone CR ends a line too, as Commons CSV counts lines");
        assertEquals("Two\r\nlines", rows.get(2).getString(idx(NAME)));
    }

    @Test
    void aStrayQuoteInAGzippedFile() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write((HEADER + "P1,Ink,supplies,20\nP2,\"Toner,supplies,30\nP3,Caf\u00e9,supplies,5\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of("2 ok P1|P1,Ink,supplies,20", "3 malformed_csv|P2,\"Toner,supplies,30",
                "4 ok P3|P3,Caf\u00e9,supplies,5"), described(parse(buf.toByteArray(), "products.csv.gz")));
    }

    @Test
    void emptyLinesAreNoRecordsAndLinesAreCountedAsInTheFile() throws Exception {
        assertEquals(List.of("4 ok P1|P1,Ink,supplies,20", "6 ok P2|P2,Paper,supplies,5"),
                parsed("\n" + HEADER + "\nP1,Ink,supplies,20\n\nP2,Paper,supplies,5\n\n"));
    }

    @Test
    void aMalformedHeaderStopsTheFile() {
        io.fideliza.contract.InputError e = org.junit.jupiter.api.Assertions.assertThrows(
                io.fideliza.contract.InputError.class, () -> CsvFileParser.header(new ByteArrayInputStream(
                        "product_id,\"name\nP1,x\n".getBytes(StandardCharsets.UTF_8)), "products.csv"));
        assertEquals("products.csv: cannot read the CSV header: the quote opened on line 1 is never closed",
                e.getMessage());
    }

    /** Well-formed files of random records (commas, quotes, line breaks in values) read as Commons CSV reads them. */
    @Test
    void wellFormedFilesReadAsCommonsCsvReadsThem() throws Exception {
        String[] values = {"P1", "", "Caf\u00e9", "a b", "two\nlines", "x,y", "say \"hi\"", " lead", "trail ",
                "a\r\nb", "\n\nblank", "p,q\nr\ns,t", "=SUM(A1)", "\"", ","};
        org.apache.commons.csv.CSVFormat printer = org.apache.commons.csv.CSVFormat.RFC4180;
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 300; n++) {
            int width = 2 + random.nextInt(4);
            StringBuilder file = new StringBuilder("product_id");
            for (int i = 1; i < width; i++) {
                file.append(",c").append(i);
            }
            file.append("\r\n");
            for (int r = 0; r < 1 + random.nextInt(8); r++) {
                Object[] record = new Object[width];
                for (int i = 0; i < width; i++) {
                    record[i] = values[random.nextInt(values.length)];
                }
                file.append(printer.format(record)).append(random.nextBoolean() ? "\r\n" : "\n");
            }
            List<String> expected = new ArrayList<>();
            try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVFormat.RFC4180.builder()
                    .setIgnoreEmptyLines(true).get().parse(new java.io.StringReader(file.toString()))) {
                boolean header = true;
                for (org.apache.commons.csv.CSVRecord record : parser) {
                    if (!header) {
                        expected.add(CsvRowLayout.recordText(record.values()));
                    }
                    header = false;
                }
            }
            List<Row> rows = parse(file.toString().getBytes(StandardCharsets.UTF_8), "products.csv");
            assertEquals(expected, rows.stream().map(r -> r.getString(idx(RECORD))).toList(), file.toString());
            for (Row r : rows) {
                assertNull(r.get(idx(PARSE_ERROR)), file.toString());
            }
        }
    }

    @Test
    void emptyAndHeaderOnlyFilesHaveNoRows() throws Exception {
        assertEquals(0, parse(new byte[0], "products.csv").size());
        assertEquals(0, parse("product_id,name\n".getBytes(StandardCharsets.UTF_8), "products.csv").size());
    }

    @Test
    void theRecordTextIsWhatCommonsCsvPrints() throws Exception {
        String[] values = {"P1", "", "Caf\u00e9", "a b", "two\nlines", "x,y", "say \"hi\"", " lead", "trail ",
                "#1", "-5", "2026-01-31T10:00:00Z", "3.50", "\u00e9t\u00e9", "a\tb", "=SUM(A1)"};
        org.apache.commons.csv.CSVFormat printer = org.apache.commons.csv.CSVFormat.RFC4180.builder()
                .setRecordSeparator("").get();
        java.util.Random random = new java.util.Random(5);
        for (int n = 0; n < 2000; n++) {
            String[] record = new String[1 + random.nextInt(5)];
            for (int i = 0; i < record.length; i++) {
                record[i] = values[random.nextInt(values.length)];
            }
            String line = printer.format((Object[]) record);
            try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVFormat.RFC4180
                    .parse(new java.io.StringReader(line + "\r\n"))) {
                org.apache.commons.csv.CSVRecord parsed = parser.iterator().next();
                assertEquals(line, CsvRowLayout.recordText(parsed.values()), String.join("|", record));
            }
        }
    }
}
