package io.fideliza.generate;

import java.util.List;
import java.util.Locale;

/** Made-up first names and languages for generated customers, from the id and country alone (no random draw). */
final class FirstNames {
    private static final List<String> NAMES = List.of("Lucía", "Martín", "Sofía", "Mateo", "Valentina", "Hugo",
            "Camila", "Diego", "Elena", "Pablo", "Ana", "Joaquín", "Inés", "Tomás", "Carmen", "Álvaro", "Marie", "Jonas",
            "Beatriz", "Emma");

    private FirstNames() {
    }

    /** The same name for the same id: "Sofía" for C0000002. */
    static String of(String customerId) {
        long n = Long.parseLong("0" + customerId.replaceAll("[^0-9]", ""));
        return NAMES.get((int) (n % NAMES.size()));
    }

    /** The language customers of a country write in, BCP 47: es in Spain, es-MX in Mexico, the country's otherwise. */
    static String language(String country) {
        return switch (country.toUpperCase(Locale.ROOT)) {
            case "ES" -> "es";
            case "MX" -> "es-MX";
            case "AR" -> "es-AR";
            case "PT" -> "pt";
            case "FR" -> "fr";
            case "DE" -> "de";
            default -> "en";
        };
    }
}
