package io.fideliza.generate;

/** Made-up phone numbers for generated customers, from the customer id alone (no draw from the random streams). */
final class Phones {
    private Phones() {
    }

    /** A Spanish-looking mobile number, the same for the same id: "+34 600 000 042" for C0000042. */
    static String of(String customerId) {
        long n = Math.abs(Long.parseLong("0" + customerId.replaceAll("[^0-9]", "")) % 100_000_000L);
        return String.format(java.util.Locale.ROOT, "+34 6%02d %03d %03d", n / 1_000_000, n / 1000 % 1000, n % 1000);
    }
}
