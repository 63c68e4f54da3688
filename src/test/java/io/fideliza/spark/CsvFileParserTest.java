package io.fideliza.spark;

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
        assertEquals("P1", rows.get(0).getString(idx("product_id")));
        assertEquals("Ink, black \"XL\"", rows.get(0).getString(idx("name")));
        assertEquals("Two\r\nlines", rows.get(1).getString(idx("name")));
        assertEquals(List.of(2L, 3L, 5L), rows.stream().map(r -> r.getLong(idx("line"))).toList(),
                "each record's first line, counting the header as line 1");
        assertNull(rows.get(0).get(idx("category")), "an absent optional column is null");
        assertNull(rows.get(0).get(idx("parse_error")));
    }

    @Test
    void gzippedFilesAndInvalidBytesAndShortRecords() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write("product_id,name\nP1,Caf\u00e9\nP2\n".getBytes(StandardCharsets.UTF_8));
            gz.write(new byte[] {'P', '3', ',', (byte) 0xC3, (byte) 0x28, '\n'});
        }
        List<Row> rows = parse(buf.toByteArray(), "products.csv.gz");
        assertEquals("Caf\u00e9", rows.get(0).getString(idx("name")));
        assertEquals("wrong_field_count:1 fields, the header has 2", rows.get(1).getString(idx("parse_error")));
        assertEquals("invalid_utf8:the record holds bytes that are not UTF-8", rows.get(2).getString(idx("parse_error")));
    }

    @Test
    void anUnbalancedQuoteEndsTheFileAsOneBrokenRecord() throws Exception {
        List<Row> rows = parse("product_id,name\nP1,ok\nP2,\"never closed\nP3,x\n".getBytes(StandardCharsets.UTF_8),
                "products.csv");
        assertEquals(2, rows.size());
        assertEquals(3L, rows.get(1).getLong(idx("line")));
        assertEquals("malformed_csv", rows.get(1).getString(idx("parse_error")).split(":")[0]);
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
                assertEquals(line, CsvFileParser.recordText(parsed), String.join("|", record));
            }
        }
    }
}
