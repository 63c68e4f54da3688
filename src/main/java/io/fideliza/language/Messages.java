package io.fideliza.language;

import java.text.DecimalFormatSymbols;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Pattern;

/**
 * Every text a person reads, in one language: the message bundle ({@code fideliza/messages_LANG.properties}) and the
 * locale's numbers, dates and currency. Reasons are stored as codes with arguments ({@code reason_code},
 * {@code reason_args}) and rendered here, so one plan reads in each customer's language.
 */
public final class Messages {
    /** The languages with a complete bundle; any other falls back to the run's language. */
    public static final List<String> SUPPORTED = List.of("en", "es");
    public static final String ENGLISH = "en";
    static final String BUNDLE = "fideliza.messages";
    /** Joins the codes of one reason: {@code refill_due+held_by_cap}. */
    public static final String CODE_JOIN = "+";
    /** The reason codes whose arguments are terms of the data (recovery reasons, care queue reasons), translated. */
    private static final java.util.Set<String> TERM_CODES = java.util.Set.of("why_problem", "why_care_queue",
            "care_queue_until");
    private static final Pattern ABOUT_TICKET = Pattern.compile("ticket (.+) resolved on (\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern ABOUT_FIRST_ORDER = Pattern.compile("first order on (\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ResourceBundle bundle;
    private final Currency currency;

    private Messages(Locale locale, Currency currency) {
        this.locale = locale;
        this.currency = currency;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, Messages.class.getClassLoader(), NO_DEFAULT_LOCALE);
    }

    /** English, euros: the language of the plans' {@code reason} column and of logs. */
    public static Messages english() {
        return new Messages(Locale.forLanguageTag(ENGLISH), Currency.getInstance("EUR"));
    }

    /** The messages of {@code languageTag} (BCP 47) when it is supported, else of {@code fallbackTag}. */
    public static Messages of(String languageTag, String fallbackTag, String currencyCode) {
        String tag = supported(languageTag) ? languageTag : supported(fallbackTag) ? fallbackTag : ENGLISH;
        return new Messages(Locale.forLanguageTag(tag.trim()), Currency.getInstance(currencyCode));
    }

    /** Whether a BCP 47 tag names a language with a bundle ({@code es-MX} is Spanish). */
    public static boolean supported(String languageTag) {
        return languageTag != null && SUPPORTED.contains(primary(languageTag));
    }

    /** The primary language of a BCP 47 tag: {@code es} for {@code es-MX}; empty for none. */
    public static String primary(String languageTag) {
        return languageTag == null ? "" : Locale.forLanguageTag(languageTag.trim()).getLanguage();
    }

    public Locale locale() {
        return locale;
    }

    /** The BCP 47 tag these messages are in ({@code es-MX}). */
    public String languageTag() {
        return locale.toLanguageTag();
    }

    public String language() {
        return locale.getLanguage();
    }

    /** The message {@code key} with its arguments; the key itself when the bundle lacks it (a bug a test catches). */
    public String get(String key, Object... args) {
        String pattern = pattern(key);
        return pattern == null ? key : args.length == 0 ? pattern.replace("''", "'")
                : new MessageFormat(pattern, locale).format(args);
    }

    public boolean has(String key) {
        return pattern(key) != null;
    }

    private String pattern(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    /** A column's header in this language. */
    public String header(String column) {
        return has("column." + column) ? get("column." + column) : column;
    }

    public String[] headers(String... columns) {
        String[] out = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            out[i] = header(columns[i]);
        }
        return out;
    }

    /** An action's name for people ({@code win_back}: "Recuperar clientes"). */
    public String action(String code) {
        return code == null ? "" : has("action." + code) ? get("action." + code) : code;
    }

    public String channel(String code) {
        return code == null ? "" : has("channel." + code) ? get("channel." + code) : code;
    }

    /** A segment's name in this language: "Loyal 2" is "Fieles 2"; a name the bundle does not know stays. */
    public String segment(String name) {
        if (name == null) {
            return "";
        }
        String base = name.replaceAll("\\s+\\d+$", "");
        String key = "segment." + slug(base);
        return has(key) ? get(key) + name.substring(base.length()) : name;
    }

    /**
     * A plan's reason from its codes and arguments: each code ({@code reason.CODE} in the bundle) takes as many
     * arguments as its pattern has; arguments that are dates are written as this language writes dates, and those
     * of the codes that take terms of the data ({@code term.open_support_ticket}) are translated.
     */
    public String reason(String codes, List<String> args) {
        if (codes == null || codes.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        int next = 0;
        for (String code : codes.split(Pattern.quote(CODE_JOIN))) {
            String pattern = pattern("reason." + code);
            if (pattern == null) {
                text.append(code);
                continue;
            }
            int n = new MessageFormat(pattern, locale).getFormatsByArgumentIndex().length;
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String arg = next < args.size() ? args.get(next++) : "";
                values.add(TERM_CODES.contains(code) ? term(arg) : code.equals("feedback") && i == 1 ? about(arg)
                        : dateOrText(arg));
            }
            text.append(new MessageFormat(pattern, locale).format(values.toArray()));
        }
        return text.toString();
    }

    /** A code or phrase of the data in this language ({@code term.KEY}: "open support ticket", "replacement"). */
    public String term(String arg) {
        if (arg == null) {
            return "";
        }
        String key = "term." + slug(arg);
        return has(key) ? get(key) : arg;
    }

    /** What a satisfaction request follows, as the care status words it ("ticket T1 resolved on 2026-06-28"). */
    private String about(String arg) {
        java.util.regex.Matcher ticket = ABOUT_TICKET.matcher(arg);
        if (ticket.matches()) {
            return get("reason.about_ticket", ticket.group(1), dateOrText(ticket.group(2)));
        }
        java.util.regex.Matcher order = ABOUT_FIRST_ORDER.matcher(arg);
        return order.matches() ? get("reason.about_first_order", dateOrText(order.group(1))) : dateOrText(arg);
    }

    /** An argument that is a date (yyyy-MM-dd) in this language's format; any other as it is (a product's name). */
    private String dateOrText(String arg) {
        return arg != null && ISO_DATE.matcher(arg).matches() ? date(LocalDate.parse(arg)) : arg == null ? "" : arg;
    }

    /** A campaign's message text: the greeting (by first name when known), then the action's text with its products. */
    public String message(String action, String firstName, String products) {
        String greeting = firstName == null || firstName.isBlank() ? get("greeting.anonymous")
                : get("greeting.named", firstName.trim());
        String key = "message." + action;
        boolean none = products == null || products.isEmpty();
        String body = none && has(key + ".no_products") ? get(key + ".no_products") : get(key, none ? "" : products);
        return greeting + " " + body;
    }

    /** Names as a sentence lists them: "A, B and C" (es: "A, B y C"); empty for none. */
    public String list(List<String> names) {
        if (names == null || names.isEmpty()) {
            return "";
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + get("format.list_and")
                + names.get(names.size() - 1);
    }

    /** A date as a spreadsheet of this language reads it (es: 01/07/2026; en: 2026-07-01). */
    public String date(LocalDate d) {
        return d == null ? "" : DateTimeFormatter.ofPattern(get("format.date"), locale).format(d);
    }

    /** A date in words, for sentences (es: 1 de julio de 2026; en: 1 July 2026). */
    public String longDate(LocalDate d) {
        return d == null ? "" : DateTimeFormatter.ofPattern(get("format.date_long"), locale).format(d);
    }

    /** A whole number with this locale's grouping (es: 4.430; en: 4,430). */
    public String count(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    /** A number with {@code digits} decimals at most (es: 2,5; en: 2.5). */
    public String number(double x, int digits) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMaximumFractionDigits(digits);
        return f.format(x);
    }

    /** An amount of the run's currency (es: 1.000,00 €; en: €1,000.00). */
    public String money(double amount) {
        NumberFormat f = NumberFormat.getCurrencyInstance(locale);
        f.setCurrency(currency);
        return f.format(amount);
    }

    /** The delimiter a spreadsheet of this locale splits on: ";" where the decimal separator is a comma. */
    public char delimiter() {
        return DecimalFormatSymbols.getInstance(locale).getDecimalSeparator() == ',' ? ';' : ',';
    }

    /** A key part from free text: "At risk" is at_risk. */
    static String slug(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }
}
