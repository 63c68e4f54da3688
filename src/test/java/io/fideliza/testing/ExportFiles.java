package io.fideliza.testing;

import io.fideliza.language.Messages;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an export CSV as tests need it, whatever the run's language: the delimiter from its header, each cell by
 * its column's code ({@code customer_id} whether the header says customer_id or cliente).
 */
public final class ExportFiles {
    private static final Map<String, String> CODES = codes();

    private ExportFiles() {
    }

    /** The rows of an export file, each as column code to cell (cells as written: guarded ones keep their '). */
    public static List<Map<String, String>> rows(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\uFEFF", "");
        int eol = text.indexOf('\n');
        String header = eol < 0 ? text : text.substring(0, eol);
        char delimiter = header.chars().filter(c -> c == ';').count() > header.chars().filter(c -> c == ',').count()
                ? ';' : ',';
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> names = null;
        for (CSVRecord rec : CSVFormat.RFC4180.builder().setDelimiter(delimiter).get().parse(new StringReader(text))) {
            if (names == null) {
                names = rec.toList().stream().map(h -> CODES.getOrDefault(h, h)).toList();
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < names.size() && i < rec.size(); i++) {
                row.put(names.get(i), rec.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, String> codes() {
        Map<String, String> codes = new HashMap<>();
        for (String language : Messages.SUPPORTED) {
            ResourceBundle b = ResourceBundle.getBundle("fideliza.messages", java.util.Locale.forLanguageTag(language),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            for (String key : b.keySet()) {
                if (key.startsWith("column.")) {
                    codes.put(b.getString(key), key.substring("column.".length()));
                }
            }
        }
        return codes;
    }
}
