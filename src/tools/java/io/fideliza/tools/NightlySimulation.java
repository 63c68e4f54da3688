package io.fideliza.tools;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.LAST_ABANDONED_CART_DATE;
import static io.fideliza.contract.FeatureColumns.RECOVERY_SINCE;
import static org.apache.spark.sql.functions.col;

import io.fideliza.config.ContactPolicy;
import io.fideliza.config.ContactPolicy.Cap;
import io.fideliza.config.ContactPolicy.Cooldown;
import io.fideliza.config.JobConfig;
import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.generate.SampleDataGenerator;
import io.fideliza.outcomes.Uplift;
import io.fideliza.pipeline.Pipeline;
import io.fideliza.run.Progress;
import io.fideliza.run.RunContext;
import io.fideliza.spark.SparkSessions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Consecutive nightly runs over a growing generated history (one data set generated up to the last night; each
 * night reads what happened up to its date), then checks what a marketer and a data engineer rely on: no
 * customer over a cap, no action repeated inside its cooldown, no recovery call repeated about the same
 * problem, each action's control share near the setting, no control customer in an export, outcomes and KPI
 * trends in the last report. Prints each figure and whether it held or fell short; exits 0 only when all held.
 * Usage: NightlySimulation OUTPUT_DIR [CUSTOMERS=1500] [NIGHTS=30] [FIRST_NIGHT=2026-06-01] [SEED=42]
 * (scripts/nightly-simulation). A night already published in OUTPUT_DIR is not run again.
 */
public final class NightlySimulation {
    /** How far the measured control share may be from the setting (the 2 points). */
    static final double SHARE_TOLERANCE = 0.02;

    private final SparkSession spark;
    private final Path out;
    private final JobConfig config = JobConfig.defaults();
    private final List<String> verdicts = new ArrayList<>();
    private boolean allHeld = true;

    NightlySimulation(SparkSession spark, Path out) {
        this.spark = spark;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int customers = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
        int nights = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        LocalDate first = args.length > 3 ? LocalDate.parse(args[3]) : LocalDate.of(2026, 6, 1);
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        LocalDate last = first.plusDays(nights - 1);
        Path input = out.resolve("_input");
        if (!Files.exists(input.resolve("orders.csv"))) {
            // One history up to the last night: each night ignores (and counts) the rows after its date.
            new SampleDataGenerator(new SampleDataGenerator.Spec(customers,
                    SampleDataGenerator.Spec.of(customers, seed).products(), seed, last, 540, 1, true)).writeTo(input);
        }
        SparkSession spark = SparkSessions.create("local[*]", 4, "UTC");
        boolean held;
        try {
            NightlySimulation sim = new NightlySimulation(spark, out.resolve("output"));
            sim.runNights(input, first, nights);
            held = sim.check(first, last, customers);
        } finally {
            spark.stop();
        }
        System.exit(held ? 0 : 1);
    }

    void runNights(Path input, LocalDate first, int nights) {
        Progress quiet = new Progress(new PrintStream(java.io.OutputStream.nullOutputStream(), true,
                StandardCharsets.UTF_8));
        for (int i = 0; i < nights; i++) {
            LocalDate night = first.plusDays(i);
            if (Files.exists(out.resolve("_manifests/" + night + ".json"))) {
                System.out.printf("night %2d  %s  already published%n", i + 1, night);
                continue;
            }
            long t0 = System.nanoTime();
            Pipeline.Outcome o = new Pipeline(spark, config, new RunContext(night, ZoneOffset.UTC), quiet)
                    .run(input.toString(), out.toString());
            Object plan = o.manifest().outputs().get("exports");
            System.out.printf(Locale.ROOT, "night %2d  %s  %s exported  %.0f s%n", i + 1, night, plan,
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    /** One planned send: what the tools would send, on which day (control and channel none are not sends). */
    record Send(String customer, String action, LocalDate day, LocalDate runDate) {
    }

    boolean check(LocalDate first, LocalDate last, int customers) throws Exception {
        Dataset<Row> plans = spark.read().option("mergeSchema", "true").parquet(out.resolve("action_plans").toString())
                .filter(col(RUN_DATE).between(java.sql.Date.valueOf(first), java.sql.Date.valueOf(last)));
        List<Send> sends = new ArrayList<>();
        for (Row r : plans.filter(col(CHANNEL).notEqual(Channel.NONE.code()).and(col(CONTROL).equalTo(false)))
                .select(CUSTOMER_ID, ACTION, SEND_ON, RUN_DATE).collectAsList()) {
            sends.add(new Send(r.getString(0), r.getString(1), r.getDate(2).toLocalDate(), r.getDate(3).toLocalDate()));
        }
        System.out.printf("%n%d nights %s to %s, %d customers, %d messages planned to be sent%n",
                ChronoUnit.DAYS.between(first, last) + 1, first, last, customers, sends.size());
        ContactPolicy policy = config.playbook().contactPolicy();
        checkCaps(sends, policy);
        checkCooldowns(sends, policy);
        checkServiceRecovery(sends);
        checkControlShares(plans);
        checkExports(plans, first, last);
        checkReport(last, first);
        System.out.println();
        verdicts.forEach(System.out::println);
        System.out.println(allHeld ? "ALL HELD" : "SOME FELL SHORT");
        return allHeld;
    }

    private void verdict(boolean held, String what) {
        allHeld &= held;
        verdicts.add((held ? "held       " : "FELL SHORT ") + what);
    }

    private static Map<String, List<LocalDate>> byCustomer(List<Send> sends, java.util.function.Predicate<Send> which) {
        Map<String, List<LocalDate>> m = new TreeMap<>();
        for (Send s : sends) {
            if (which.test(s)) {
                m.computeIfAbsent(s.customer(), c -> new ArrayList<>()).add(s.day());
            }
        }
        m.values().forEach(l -> l.sort(null));
        return m;
    }

    private void checkCaps(List<Send> sends, ContactPolicy policy) {
        Map<String, List<LocalDate>> marketing = byCustomer(sends, s -> Action.fromCode(s.action()).isMarketing());
        for (Cap cap : policy.caps()) {
            int worst = 0;
            int over = 0;
            for (List<LocalDate> days : marketing.values()) {
                int customerWorst = 0;
                for (LocalDate start : days) {
                    LocalDate end = start.plusDays(cap.days() - 1);
                    int n = (int) days.stream().filter(d -> !d.isBefore(start) && !d.isAfter(end)).count();
                    customerWorst = Math.max(customerWorst, n);
                }
                worst = Math.max(worst, customerWorst);
                over += customerWorst > cap.contacts() ? 1 : 0;
            }
            verdict(over == 0, String.format(Locale.ROOT, "cap %d per %d days: %d customers over it; the most any "
                    + "customer got in %d days: %d", cap.contacts(), cap.days(), over, cap.days(), worst));
        }
    }

    private void checkCooldowns(List<Send> sends, ContactPolicy policy) {
        Dataset<Row> features = spark.read().option("mergeSchema", "true")
                .parquet(out.resolve("customer_features").toString())
                .select(CUSTOMER_ID, RUN_DATE, LAST_ABANDONED_CART_DATE);
        Map<String, LocalDate> lastCart = new HashMap<>();
        for (Row r : features.filter(col(LAST_ABANDONED_CART_DATE).isNotNull()).collectAsList()) {
            lastCart.put(r.getString(0) + "|" + r.getDate(1).toLocalDate(), r.getDate(2).toLocalDate());
        }
        for (Action a : Action.values()) {
            if (!a.isMarketing()) {
                continue;
            }
            Cooldown cd = policy.cooldown(a);
            List<Send> mine = sends.stream().filter(s -> s.action().equals(a.code()))
                    .sorted(java.util.Comparator.comparing(Send::customer).thenComparing(Send::day)).toList();
            int repeats = 0;
            int inside = 0;
            long minGap = Long.MAX_VALUE;
            for (int i = 1; i < mine.size(); i++) {
                Send prev = mine.get(i - 1);
                Send s = mine.get(i);
                if (!prev.customer().equals(s.customer())) {
                    continue;
                }
                repeats++;
                long gap = ChronoUnit.DAYS.between(prev.day(), s.day());
                minGap = Math.min(minGap, gap);
                boolean ok = switch (cd.kind()) {
                    case DAYS -> gap >= cd.days();
                    case ONCE -> false;
                    case NEW_CART -> {
                        LocalDate cart = lastCart.get(s.customer() + "|" + s.runDate());
                        yield cart != null && cart.isAfter(prev.day());
                    }
                };
                inside += ok ? 0 : 1;
            }
            verdict(inside == 0, String.format(Locale.ROOT, "%s cooldown (%s): %d sends, %d to a customer again, "
                    + "%d inside the cooldown%s", a.code(), cd.describe(), mine.size(), repeats, inside,
                    repeats == 0 ? "" : "; shortest gap " + minGap + " days"));
        }
    }

    private void checkServiceRecovery(List<Send> sends) {
        Dataset<Row> since = spark.read().option("mergeSchema", "true").parquet(out.resolve("customer_features")
                .toString()).select(CUSTOMER_ID, RUN_DATE, RECOVERY_SINCE).filter(col(RECOVERY_SINCE).isNotNull());
        Map<String, LocalDate> problem = new HashMap<>();
        for (Row r : since.collectAsList()) {
            problem.put(r.getString(0) + "|" + r.getDate(1).toLocalDate(), r.getDate(2).toLocalDate());
        }
        Map<String, List<Send>> calls = new TreeMap<>();
        for (Send s : sends) {
            if (s.action().equals(Action.SERVICE_RECOVERY.code())) {
                calls.computeIfAbsent(s.customer(), c -> new ArrayList<>()).add(s);
            }
        }
        int total = 0;
        int repeated = 0;
        for (List<Send> l : calls.values()) {
            l.sort(java.util.Comparator.comparing(Send::day));
            for (int i = 0; i < l.size(); i++) {
                total++;
                LocalDate p = problem.get(l.get(i).customer() + "|" + l.get(i).runDate());
                for (int j = 0; j < i && p != null; j++) {
                    LocalDate earlier = problem.get(l.get(j).customer() + "|" + l.get(j).runDate());
                    // An earlier call made after this problem arose, or planned for the very same problem.
                    if (!l.get(j).day().isBefore(p) || p.equals(earlier)) {
                        repeated++;
                        break;
                    }
                }
            }
        }
        verdict(repeated == 0, String.format(Locale.ROOT, "service recovery: %d calls to %d customers, %d about a "
                + "problem already called about", total, calls.size(), repeated));
    }

    private void checkControlShares(Dataset<Row> plans) {
        Map<String, long[]> byAction = new TreeMap<>();
        for (Row r : plans.filter(col(CHANNEL).notEqual(Channel.NONE.code()))
                .groupBy(col(ACTION), col(CONTROL)).count().collectAsList()) {
            byAction.computeIfAbsent(r.getString(0), a -> new long[2])[r.getBoolean(1) ? 1 : 0] += r.getLong(2);
        }
        Map<String, long[]> customers = new TreeMap<>();
        for (Row r : plans.filter(col(CHANNEL).notEqual(Channel.NONE.code()))
                .select(col(ACTION), col(CONTROL), col(CUSTOMER_ID)).distinct()
                .groupBy(col(ACTION), col(CONTROL)).count().collectAsList()) {
            customers.computeIfAbsent(r.getString(0), a -> new long[2])[r.getBoolean(1) ? 1 : 0] += r.getLong(2);
        }
        for (Map.Entry<String, long[]> e : byAction.entrySet()) {
            Action a = Action.fromCode(e.getKey());
            double setting = config.playbook().measurement().controlShare(a);
            long[] n = e.getValue();
            long all = n[0] + n[1];
            double share = (double) n[1] / all;
            long[] c = customers.get(e.getKey());
            // For comparison: how far an independent draw per customer would stray by chance alone.
            long distinct = c[0] + c[1];
            double twoSe = 2 * Math.sqrt(setting * (1 - setting) / Math.max(1, distinct));
            boolean within = Math.abs(share - setting) <= SHARE_TOLERANCE;
            verdict(within, String.format(Locale.ROOT, "control share of %s: %.1f%% of %d plans (setting %.0f%%); "
                    + "%.1f%% of %d customers (an independent draw per customer: +/- %.1f points)", a.code(),
                    100 * share, all, 100 * setting, 100.0 * c[1] / distinct, distinct, 100 * twoSe));
        }
    }

    private void checkExports(Dataset<Row> plans, LocalDate first, LocalDate last) throws Exception {
        Set<String> control = new HashSet<>();
        for (Row r : plans.filter(col(CONTROL)).select(CUSTOMER_ID, RUN_DATE).collectAsList()) {
            control.add(r.getString(0) + "|" + r.getDate(1).toLocalDate());
        }
        long rows = 0;
        long leaked = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            Path dir = out.resolve("exports/run_date=" + d);
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(p -> !p.getFileName().toString().startsWith("_")).toList()) {
                    String text = Files.readString(f, StandardCharsets.UTF_8).replace("\uFEFF", "");
                    // The run's language names the headers and picks the delimiter: the customer is the first column.
                    String header = text.substring(0, Math.max(0, text.indexOf('\n')));
                    char delimiter = header.indexOf(';') >= 0 ? ';' : ',';
                    for (CSVRecord rec : CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader()
                            .setSkipHeaderRecord(true).get().parse(new java.io.StringReader(text))) {
                        rows++;
                        leaked += control.contains(rec.get(0).replaceFirst("^'", "") + "|" + d) ? 1 : 0;
                    }
                }
            }
        }
        verdict(leaked == 0 && !control.isEmpty(), String.format(Locale.ROOT, "exports: %d rows over the nights, "
                + "%d of a control customer (%d control plans)", rows, leaked, control.size()));
    }

    private void checkReport(LocalDate last, LocalDate first) throws Exception {
        String html = Files.readString(out.resolve("report/run_date=" + last + "/index.html"), StandardCharsets.UTF_8);
        Dataset<Row> outcomes = spark.read().parquet(out.resolve("action_outcomes/run_date=" + last).toString());
        Map<String, long[]> pooled = new TreeMap<>();
        for (Row r : outcomes.collectAsList()) {
            long[] n = pooled.computeIfAbsent(r.getAs(ACTION), a -> new long[4]);
            n[0] += r.<Long>getAs(TREATED);
            n[1] += r.<Long>getAs(CONTROL);
            n[2] += r.<Long>getAs(TREATED_CONVERTED);
            n[3] += r.<Long>getAs(CONTROL_CONVERTED);
        }
        List<String> lines = new ArrayList<>();
        pooled.forEach((a, n) -> {
            Uplift u = Uplift.of(n[0], n[2], n[1], n[3]);
            lines.add(String.format(Locale.ROOT, "%s %d/%d vs %d/%d%s", a, n[2], n[0], n[3], n[1],
                    u.uplift() == null ? "" : String.format(Locale.ROOT, " %+.1f pts [%+.1f, %+.1f]",
                            100 * u.uplift(), 100 * u.low(), 100 * u.high())));
        });
        boolean shown = html.contains("<h2>Did it work?</h2>") && !html.contains("Nothing to measure yet")
                && outcomes.count() > 0;
        verdict(shown, "the last report shows outcomes: " + outcomes.count() + " groups; " + String.join("; ", lines));
        int points = 0;
        for (LocalDate d = first; d.isBefore(last); d = d.plusDays(1)) {
            String m = Files.readString(out.resolve("_manifests/" + d + ".json"), StandardCharsets.UTF_8);
            points += m.contains("\"kpis\"") ? 1 : 0;
        }
        boolean trend = html.contains("<h2>How our key measures move</h2>") && points == ChronoUnit.DAYS.between(first,
                last);
        verdict(trend, "the last report draws the KPI trend over " + (points + 1) + " run dates");
    }
}
