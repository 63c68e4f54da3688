package io.fideliza.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** One dataset's CSV writer: a single NAME.csv, or NAME/part-NNNNN.csv.gz when parts > 1. */
final class CsvSink implements AutoCloseable {
    private final CSVPrinter[] printers;
    long count;

    CsvSink(Path dir, String name, int parts, boolean gzip, List<String> header) throws IOException {
        Files.createDirectories(dir);
        printers = new CSVPrinter[parts];
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new))
                .setRecordSeparator("\n").get();
        for (int i = 0; i < parts; i++) {
            Path file;
            if (parts == 1 && !gzip) {
                file = dir.resolve(name + ".csv");
            } else {
                Files.createDirectories(dir.resolve(name));
                file = dir.resolve(name).resolve(String.format("part-%05d.csv%s", i, gzip ? ".gz" : ""));
            }
            OutputStream out = Files.newOutputStream(file);
            if (gzip) {
                // Fastest compression: generating large data sets is bound by deflate otherwise.
                out = new GZIPOutputStream(out, 1 << 16) {
                    {
                        def.setLevel(java.util.zip.Deflater.BEST_SPEED);
                    }
                };
            }
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            printers[i] = new CSVPrinter(w, format);
        }
    }

    void row(int part, Object... values) throws IOException {
        printers[part].printRecord(values);
        count++;
    }

    @Override
    public void close() throws IOException {
        for (CSVPrinter p : printers) {
            p.close(true);
        }
    }
}
