package io.fideliza.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The one CSV writer of the exports (segments, campaigns, care): rows keyed by the file they go to, written with
 * Commons CSV, every cell made safe for spreadsheets ({@link SpreadsheetSafe}), UTF-8 with an optional byte order
 * mark, the run's delimiter, CRLF line ends.
 */
final class CsvFiles {
    private final FileSystem fs;
    private final Path folder;
    private final boolean utf8Bom;
    private final char delimiter;

    CsvFiles(FileSystem fs, Path folder, boolean utf8Bom, char delimiter) {
        this.fs = fs;
        this.folder = folder;
        this.utf8Bom = utf8Bom;
        this.delimiter = delimiter;
    }

    char delimiter() {
        return delimiter;
    }

    /**
     * Writes {@code rows}, ordered by their file, each to the file (a path under the folder) {@code file} names, under
     * {@code header}'s header for that file, its cells as {@code cells} makes them; files of {@code always} that got no
     * row are written with their header alone. Returns file to rows written, in the order written.
     */
    Map<String, Long> write(Dataset<Row> rows, Function<Row, String> file, Function<String, String[]> header,
                            Function<Row, List<String>> cells, Collection<String> always) throws IOException {
        Map<String, Long> written = new LinkedHashMap<>();
        CSVPrinter printer = null;
        String current = null;
        long count = 0;
        try {
            Iterator<Row> it = rows.toLocalIterator();
            while (it.hasNext()) {
                Row r = it.next();
                String name = file.apply(r);
                if (!name.equals(current)) {
                    if (printer != null) {
                        printer.close(true);
                        written.merge(current, count, Long::sum);
                    }
                    if (written.containsKey(name)) {
                        throw new IllegalStateException("rows of " + name + " are not together: order them by file");
                    }
                    current = name;
                    count = 0;
                    printer = open(name, header.apply(name));
                }
                printer.printRecord(safe(cells.apply(r)));
                count++;
            }
        } finally {
            if (printer != null) {
                printer.close(true);
                written.merge(current, count, Long::sum);
            }
        }
        for (String name : always) {
            if (!written.containsKey(name)) {
                writeFile(name, header.apply(name), List.of());
                written.put(name, 0L);
            }
        }
        return written;
    }

    /** Writes one small file from rows already at hand (a summary); returns the rows written. */
    long writeFile(String name, String[] header, List<List<String>> rows) throws IOException {
        try (CSVPrinter p = open(name, header)) {
            for (List<String> r : rows) {
                p.printRecord(safe(r));
            }
        }
        return rows.size();
    }

    /** The cells of columns {@code from} to the end of {@code r}, as text (null as empty). */
    static List<String> texts(Row r, int from) {
        List<String> values = new ArrayList<>();
        for (int i = from; i < r.size(); i++) {
            values.add(r.isNullAt(i) ? "" : String.valueOf(r.get(i)));
        }
        return values;
    }

    private static List<String> safe(List<String> cells) {
        List<String> out = new ArrayList<>(cells.size());
        for (String c : cells) {
            out.add(SpreadsheetSafe.cell(c == null ? "" : c));
        }
        return out;
    }

    private CSVPrinter open(String name, String[] header) throws IOException {
        OutputStream out = fs.create(new Path(folder, name), true);
        if (utf8Bom) {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        return new CSVPrinter(w, CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader(header)
                .setRecordSeparator("\r\n").get());
    }
}
