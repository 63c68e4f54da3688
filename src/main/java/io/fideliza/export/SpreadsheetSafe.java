package io.fideliza.export;

import java.text.Normalizer;
import java.util.Locale;

/** Cell and file-name hygiene for files that people open in spreadsheets. */
public final class SpreadsheetSafe {
    private SpreadsheetSafe() {
    }

    /**
     * A cell a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage return)
     * gets a leading apostrophe, which spreadsheets show as text (OWASP CSV injection advice).
     */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + value;
        }
        return value;
    }

    /** A file name from free text (a segment name): ASCII letters, digits and dashes only, never empty. */
    public static String fileName(String text, String fallback) {
        String ascii = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? fallback : slug;
    }
}
