package io.fideliza.generate;

import io.fideliza.config.Measurement.ControlPeriod;
import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.contract.Columns;
import io.fideliza.contract.ContactStatus;
import io.fideliza.contract.InputDataset;
import io.fideliza.contract.OrderStatus;
import io.fideliza.plan.ControlGroup;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Plants a win-back campaign with a known effect into a generated data set, for checking that outcomes recover
 * it: the customers a run on the campaign date would win back (opted in, an order, the last one 90 days or more
 * before) are split as the pipeline splits an action's first picks (ordered by the same hash of customer, action
 * and period, the control share of them held out, lowest first); the ones sent convert within the win-back window
 * at {@code treatedRate}, the held-out ones, and the lapsed who cannot be sent anything, at {@code controlRate}.
 * The emails sent go to {@code contacts.csv}, with their statuses. No other action gets a planted effect: measured
 * against its own control group, each should show none.
 *
 * @param campaignDate the run date of the plan the campaign follows; emails go out the day after
 * @param controlShare the win-back control share the pipeline will use (the playbook's, 0.10 by default)
 */
public record PlantedCampaign(LocalDate campaignDate, double treatedRate, double controlRate, double controlShare,
                              long seed) {
    static final int WIN_BACK_DAYS = 90;
    /** Planted purchases fall within this many days of the send: inside the default 30-day window. */
    static final int WITHIN_DAYS = 25;
    static final String OFFER = "win-back-10";
    static final String CAMPAIGN = "planted-win-back";

    /** What was planted, for the caller and tests ({@code treated} and {@code control}: of the opted-in lapsed). */
    public record Planted(int lapsed, int treated, int control, int treatedConverted, int controlConverted,
                          int contacts) {
    }

    /** Adds the campaign to the data set in {@code dir} (written as single CSV files, no parts). */
    public Planted plantInto(Path dir) throws IOException {
        Path ordersFile = dir.resolve(InputDataset.ORDERS.datasetName() + ".csv");
        if (!Files.isRegularFile(ordersFile)) {
            throw new IllegalArgumentException("a planted campaign needs single CSV files (no --parts): "
                    + ordersFile + " not found");
        }
        Map<String, Boolean> optIn = new TreeMap<>();
        for (CSVRecord r : read(dir.resolve(InputDataset.CUSTOMERS.datasetName() + ".csv"))) {
            optIn.put(r.get(Columns.CUSTOMER_ID), "true".equals(r.get(Columns.MARKETING_OPT_IN)));
        }
        List<String[]> products = new ArrayList<>();
        for (CSVRecord r : read(dir.resolve(InputDataset.PRODUCTS.datasetName() + ".csv"))) {
            if (!"false".equals(r.get(Columns.AVAILABLE))) {
                products.add(new String[] {r.get(Columns.PRODUCT_ID), r.get(Columns.PRICE)});
            }
        }
        // Each customer's last purchase on or before the campaign date (as the pipeline reads it, in UTC).
        Map<String, LocalDate> lastPurchase = new TreeMap<>();
        for (CSVRecord r : read(ordersFile)) {
            LocalDate day = OffsetDateTime.parse(r.get(Columns.ORDERED_AT)).toLocalDate();
            boolean purchase = OrderStatus.COMPLETED.code().equals(r.get(Columns.STATUS))
                    && Integer.parseInt(r.get(Columns.QUANTITY)) > 0;
            if (purchase && !day.isAfter(campaignDate)) {
                lastPurchase.merge(r.get(Columns.CUSTOMER_ID), day, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        String period = ControlPeriod.QUARTER.label(campaignDate);
        List<String> firstPicks = new ArrayList<>();
        for (Map.Entry<String, LocalDate> e : lastPurchase.entrySet()) {
            if (Boolean.TRUE.equals(optIn.get(e.getKey()))
                    && java.time.temporal.ChronoUnit.DAYS.between(e.getValue(), campaignDate) >= WIN_BACK_DAYS) {
                firstPicks.add(e.getKey());
            }
        }
        firstPicks.sort(java.util.Comparator.comparingDouble((String c) -> ControlGroup.draw(c, Action.WIN_BACK, period))
                .thenComparing(c -> c));
        java.util.Set<String> heldOut = new java.util.HashSet<>(
                firstPicks.subList(0, (int) Math.round(controlShare * firstPicks.size())));
        LocalDate sendOn = campaignDate.plusDays(1);
        int lapsed = 0;
        int treated = 0;
        int control = 0;
        int treatedConverted = 0;
        int controlConverted = 0;
        int contacts = 0;
        CSVFormat append = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
        try (Writer o = Files.newBufferedWriter(ordersFile, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
             CSVPrinter orders = new CSVPrinter(o, append);
             CSVPrinter sent = new CSVPrinter(Files.newBufferedWriter(dir.resolve(
                     InputDataset.CONTACT_HISTORY.datasetName() + ".csv"), StandardCharsets.UTF_8),
                     CSVFormat.RFC4180.builder().setHeader(InputDataset.CONTACT_HISTORY.columnNames()
                             .toArray(String[]::new)).setRecordSeparator("\n").get())) {
            for (Map.Entry<String, LocalDate> e : lastPurchase.entrySet()) {
                String customer = e.getKey();
                if (java.time.temporal.ChronoUnit.DAYS.between(e.getValue(), campaignDate) < WIN_BACK_DAYS) {
                    continue;
                }
                lapsed++;
                boolean sendable = Boolean.TRUE.equals(optIn.get(customer));
                boolean held = heldOut.contains(customer);
                // Its own stream per customer: the planted rows do not depend on the order customers come in.
                SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + customer.hashCode());
                boolean converts = random.nextDouble() < (held || !sendable ? controlRate : treatedRate);
                if (held) {
                    control++;
                    controlConverted += converts ? 1 : 0;
                } else if (sendable) {
                    treated++;
                    treatedConverted += converts ? 1 : 0;
                    double u = random.nextDouble();
                    String status = u < 0.05 ? ContactStatus.BOUNCED.code() : u < 0.60
                            ? ContactStatus.DELIVERED.code() : u < 0.90 ? ContactStatus.OPENED.code()
                            : ContactStatus.CLICKED.code();
                    sent.printRecord(customer, sendOn + "T09:00:00Z", Action.WIN_BACK.code(), Channel.EMAIL.code(),
                            OFFER, CAMPAIGN, status);
                    contacts++;
                }
                if (converts) {
                    String[] p = products.get(random.nextInt(products.size()));
                    LocalDate day = sendOn.plusDays(random.nextInt(WITHIN_DAYS));
                    orders.printRecord("O" + customer.substring(1) + "-WB", customer, p[0], day + "T15:00:00Z", 1, p[1],
                            "web", OrderStatus.COMPLETED.code());
                }
            }
        }
        return new Planted(lapsed, treated, control, treatedConverted, controlConverted, contacts);
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }
}
