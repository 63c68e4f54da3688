package io.fideliza.generate;

import io.fideliza.contract.OrderStatus;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Converts the UCI "Online Retail" file (InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice,
 * CustomerID, Country) into the contract's orders, products and customers, and counts what it leaves out:
 * guest lines (no CustomerID), stock codes that are not products (postage, fees, manual adjustments, gift
 * vouchers) and lines of quantity 0. Lines of a cancelled invoice (InvoiceNo "C...") keep their negative
 * quantity, a return in the contract, with status {@code returned}. Timestamps keep the file's UK wall-clock
 * time without an offset: read them with {@code --timezone Europe/London}.
 */
public final class OnlineRetailConverter {
    /** Real products have a five-digit stock code, sometimes with a letter suffix (85123A); the rest are not products. */
    static final Pattern PRODUCT_CODE = Pattern.compile("^\\d{5}.*");

    /** What was kept and left out, by reason. */
    public record Counts(long read, long ordersWritten, long returns, long zeroPrice, Map<String, Long> leftOut,
                         Map<String, Long> nonProductCodes, int products, int customers) {
        public String describe() {
            return String.format(Locale.ROOT,
                    "read %d lines; wrote %d order lines (%d returns: negative quantities, cancelled invoices; %d priced 0), "
                            + "%d products, %d customers; left out %s; non-product codes %s",
                    read, ordersWritten, returns, zeroPrice, products, customers, leftOut, nonProductCodes);
        }
    }

    private OnlineRetailConverter() {
    }

    public static Counts convert(Path source, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        long read = 0;
        long written = 0;
        long returns = 0;
        long zeroPrice = 0;
        Map<String, Long> leftOut = new LinkedHashMap<>();
        Map<String, Long> nonProduct = new TreeMap<>();
        Map<String, Map<String, Integer>> names = new HashMap<>();
        Map<String, Map<String, Integer>> prices = new HashMap<>();
        Map<String, Map<String, Integer>> countries = new TreeMap<>();
        CSVFormat in = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        CSVFormat out = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
        try (BufferedReader reader = open(source);
             Writer ordersFile = Files.newBufferedWriter(outDir.resolve("orders.csv"), StandardCharsets.UTF_8);
             CSVPrinter orders = new CSVPrinter(ordersFile, out)) {
            orders.printRecord("order_id", "customer_id", "product_id", "ordered_at", "quantity", "unit_price",
                    "channel", "status");
            for (CSVRecord r : in.parse(reader)) {
                read++;
                String invoice = r.get("InvoiceNo").trim();
                String code = r.get("StockCode").trim();
                String description = r.get("Description").trim();
                String price = r.get("UnitPrice").trim();
                if (!PRODUCT_CODE.matcher(code).matches()) {
                    count(leftOut, "non_product_code");
                    nonProduct.merge(code.startsWith("DCGS") ? "DCGS..." : code.startsWith("gift_0001_")
                            ? "gift_0001_..." : code, 1L, Long::sum);
                    continue;
                }
                // The catalogue learns from every product line, guests' included.
                if (!description.isEmpty()) {
                    names.computeIfAbsent(code, c -> new HashMap<>()).merge(description, 1, Integer::sum);
                }
                if (!price.isEmpty() && new java.math.BigDecimal(price).signum() > 0) {
                    prices.computeIfAbsent(code, c -> new HashMap<>()).merge(price, 1, Integer::sum);
                }
                String customer = customerId(r.get("CustomerID"));
                if (customer.isEmpty()) {
                    count(leftOut, "guest_order_line");
                    continue;
                }
                int quantity = Integer.parseInt(r.get("Quantity").trim());
                if (quantity == 0) {
                    count(leftOut, "zero_quantity");
                    continue;
                }
                if (price.isEmpty() || new java.math.BigDecimal(price).signum() < 0) {
                    count(leftOut, "negative_price");
                    continue;
                }
                boolean cancelled = invoice.startsWith("C");
                if (cancelled && quantity > 0) {
                    count(leftOut, "cancelled_positive_quantity");
                    continue;
                }
                countries.computeIfAbsent(customer, c -> new HashMap<>()).merge(r.get("Country").trim(), 1,
                        Integer::sum);
                // A negative quantity is a return in the contract; on a C invoice it is marked returned.
                String status = (quantity < 0 ? OrderStatus.RETURNED : OrderStatus.COMPLETED).code();
                returns += quantity < 0 ? 1 : 0;
                zeroPrice += new java.math.BigDecimal(price).signum() == 0 ? 1 : 0;
                orders.printRecord(invoice, customer, code, r.get("InvoiceDate").trim(), quantity, price, "web", status);
                written++;
            }
        }
        try (Writer f = Files.newBufferedWriter(outDir.resolve("products.csv"), StandardCharsets.UTF_8);
             CSVPrinter products = new CSVPrinter(f, out)) {
            products.printRecord("product_id", "name", "category", "price", "consumable", "replenish_days");
            Map<String, Boolean> codes = new TreeMap<>();
            names.keySet().forEach(c -> codes.put(c, true));
            prices.keySet().forEach(c -> codes.put(c, true));
            for (String code : codes.keySet()) {
                products.printRecord(code, mostFrequent(names.get(code)), "", mostFrequent(prices.get(code)),
                        "false", "");
            }
        }
        try (Writer f = Files.newBufferedWriter(outDir.resolve("customers.csv"), StandardCharsets.UTF_8);
             CSVPrinter customers = new CSVPrinter(f, out)) {
            customers.printRecord("customer_id", "country");
            for (Map.Entry<String, Map<String, Integer>> e : countries.entrySet()) {
                customers.printRecord(e.getKey(), mostFrequent(e.getValue()));
            }
        }
        int productCount = (int) java.util.stream.Stream.concat(names.keySet().stream(), prices.keySet().stream())
                .distinct().count();
        return new Counts(read, written, returns, zeroPrice, leftOut, nonProduct, productCount, countries.size());
    }

    /** "17850.0" becomes "17850"; empty stays empty. */
    static String customerId(String raw) {
        String s = raw.trim();
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static BufferedReader open(Path source) throws IOException {
        InputStream in = Files.newInputStream(source);
        if (source.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static void count(Map<String, Long> counts, String reason) {
        counts.merge(reason, 1L, Long::sum);
    }

    /** The most frequent value, ties to the smallest; empty when there is none. */
    private static String mostFrequent(Map<String, Integer> values) {
        if (values == null) {
            return "";
        }
        return values.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).findFirst().orElse("");
    }

    public static void main(String[] args) throws IOException {
        Path source = Path.of(args.length > 0 ? args[0] : "../shared/datasets/online-retail/online_retail.csv.gz");
        Path out = Path.of(args.length > 1 ? args[1] : "/tmp/online-retail");
        long t0 = System.nanoTime();
        Counts c = convert(source, out);
        System.out.println(c.describe());
        System.out.printf(Locale.ROOT, "wrote %s in %.1f s (read it with --timezone Europe/London)%n", out,
                (System.nanoTime() - t0) / 1e9);
    }

}
