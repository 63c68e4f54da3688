package io.fideliza.ingest;

import io.fideliza.manifest.ManifestJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import static io.fideliza.contract.Columns.OCCURRED_AT;
import static io.fideliza.contract.Columns.ORDERED_AT;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.fideliza.config.JobConfig.Guards;
import io.fideliza.config.JobConfig.IngestSettings;
import io.fideliza.contract.InputDataset;
import io.fideliza.contract.InputRefused;
import io.fideliza.contract.QuarantineReason;
import io.fideliza.manifest.InputCounts;
import io.fideliza.manifest.Manifest;
import io.fideliza.manifest.PreviousRun;
import io.fideliza.run.Outputs;
import io.fideliza.run.RunContext;
import io.fideliza.run.Stage;
import io.fideliza.run.StageResult;
import io.fideliza.run.StageResults;
import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses inputs that look like a broken extract before anything is computed from them, so that a bad
 * night never replaces good outputs: a required input without valid rows, too large a share quarantined, a
 * sharp fall in rows against the last succeeded run, data much older than the run date. Each guard can be
 * overridden for one run ({@code --accept NAME}); every guard's figures go to the manifest.
 */
public final class InputCheckStage implements Stage<CleanInputs, InputCheckStage.Accepted> {

    /** One guard on one input: whether it held, the figures, and whether the user accepted a failure. */
    public record Verdict(String guard, String input, boolean held, boolean accepted, String figures) {
        ObjectNode asManifest() {
            ObjectNode m = ManifestJson.object();
            m.put("guard", guard);
            m.put("input", input);
            m.put("held", held);
            if (accepted) {
                m.put("accepted", true);
            }
            m.put("figures", figures);
            return m;
        }
    }

    /** The inputs passed every guard, or the user accepted the ones that did not. */
    public record Accepted(List<Verdict> verdicts, String consent) implements StageResult {
        @Override
        public String summary() {
            List<String> overridden = verdicts.stream().filter(v -> !v.held()).map(v -> v.guard() + " (" + v.input() + ")")
                    .distinct().toList();
            return "inputs accepted" + (overridden.isEmpty() ? "" : ", overridden by --accept: "
                    + String.join(", ", overridden)) + "; consent: " + consent;
        }

        @Override
        public void record(Manifest manifest) {
            manifest.detail("guards", ManifestJson.array(verdicts, Verdict::asManifest));
        }
    }

    private final RunContext run;
    private final IngestSettings settings;

    public InputCheckStage(RunContext run, IngestSettings settings) {
        this.run = run;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "check";
    }

    @Override
    public CleanInputs input(StageResults earlier) {
        return earlier.get(CleanInputs.class);
    }

    @Override
    public Accepted run(CleanInputs clean, Outputs outputs) {
        Guards guards = settings.guards();
        Optional<PreviousRun> previous = outputs.lastSucceededRun();
        List<Verdict> verdicts = new ArrayList<>();
        for (InputDataset d : InputDataset.values()) {
            if (!clean.present().contains(d) && !d.isRequired()) {
                continue;
            }
            InputCounts c = clean.counts().get(d);
            String name = d.datasetName();
            if (d.isRequired()) {
                verdicts.add(verdict(Guards.EMPTY_INPUT, name, c.valid() > 0, emptyFigures(c)));
            }
            verdicts.add(verdict(Guards.QUARANTINE_SHARE, name, c.quarantineShare() <= settings.maxQuarantineShare(),
                    quarantineFigures(clean, d, c)));
            previous.map(p -> p.inputs().get(name)).filter(p -> p.valid() > 0).ifPresent(p -> verdicts.add(verdict(
                    Guards.VOLUME_DROP, name, c.valid() >= (1 - guards.maxVolumeDrop()) * p.valid(),
                    String.format(Locale.ROOT, "%d valid rows, %d in the run of %s: %s (ingest.guards.max_volume_drop "
                                    + "%.0f%%)", c.valid(), p.valid(), previous.get().runDate(),
                            change(c.valid(), p.valid()), 100 * guards.maxVolumeDrop()))));
        }
        newestDay(clean.orders(), ORDERED_AT).ifPresent(d -> verdicts.add(freshness(InputDataset.ORDERS, "order", d)));
        newestDay(clean.events(), OCCURRED_AT).ifPresent(d -> verdicts.add(freshness(InputDataset.EVENTS, "event", d)));

        List<Verdict> refused = verdicts.stream().filter(v -> !v.held() && !v.accepted()).toList();
        if (!refused.isEmpty()) {
            Verdict first = refused.get(0);
            throw new InputRefused(first.input() + ": " + first.figures() + "; nothing was published (the guard "
                    + first.guard() + ": --accept " + first.guard() + " runs anyway)"
                    + (refused.size() > 1 ? "; " + (refused.size() - 1) + " more in the failed run's manifest" : ""),
                    ManifestJson.array(verdicts, Verdict::asManifest));
        }
        return new Accepted(verdicts, clean.consent().description());
    }

    private Verdict verdict(String guard, String input, boolean held, String figures) {
        return new Verdict(guard, input, held, !held && settings.guards().accepted(guard), figures);
    }

    private static String emptyFigures(InputCounts c) {
        if (c.read() == 0) {
            return "no rows at all: an empty or truncated extract?";
        }
        if (c.valid() == 0 && c.afterRunDate() > 0 && c.afterRunDate() + c.duplicates() + c.quarantined() == c.read()) {
            return String.format(Locale.ROOT, "no valid rows before the run date: all %d usable rows are dated after it "
                    + "(a run date before the data?)", c.afterRunDate());
        }
        return String.format(Locale.ROOT, "no valid rows (%d read: %d quarantined, %d duplicates, %d after the run date)",
                c.read(), c.quarantined(), c.duplicates(), c.afterRunDate());
    }

    /** The quarantine share; an order's unknown product whose product row was itself quarantined names that cause. */
    private String quarantineFigures(CleanInputs clean, InputDataset d, InputCounts c) {
        String figures = String.format(Locale.ROOT, "%.1f%% of %d rows quarantined (limit %.1f%%, "
                        + "ingest.max_quarantine_share); reasons: %s", 100 * c.quarantineShare(), c.read(),
                100 * settings.maxQuarantineShare(), clean.quarantineReasons().getOrDefault(d, Map.of()));
        long unknownProducts = clean.quarantineReasons().getOrDefault(d, Map.of())
                .getOrDefault(QuarantineReason.UNKNOWN_PRODUCT.code(), 0L);
        InputCounts products = clean.counts().get(InputDataset.PRODUCTS);
        if (d == InputDataset.ORDERS && unknownProducts > 0 && products.quarantined() > 0) {
            figures += String.format(Locale.ROOT, "; products had %d rows quarantined (%s), so their orders are"
                    + " unknown_product: fix products first", products.quarantined(),
                    clean.quarantineReasons().get(InputDataset.PRODUCTS));
            if (clean.quarantineReasons().get(InputDataset.PRODUCTS).containsKey(QuarantineReason.INVALID_UTF8.code())) {
                figures += " (not UTF-8? set ingest.encoding.products, e.g. windows-1252)";
            }
        }
        return figures;
    }

    private Verdict freshness(InputDataset d, String what, LocalDate newest) {
        long age = ChronoUnit.DAYS.between(newest, run.runDate());
        int limit = settings.guards().maxDataAgeDays();
        return verdict(Guards.STALE_DATA, d.datasetName(), age <= limit, String.format(Locale.ROOT,
                "the newest %s is of %s, %d days before the run date %s (ingest.guards.max_data_age_days %d): "
                        + "a stale extract, or a run date beyond the data?", what, newest, age, run.runDate(), limit));
    }

    /** The day, in the run's zone, of the latest valid row. */
    private Optional<LocalDate> newestDay(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows, String at) {
        org.apache.spark.sql.Row r = rows.agg(max(run.day(col(at)))).first();
        return r.isNullAt(0) ? Optional.empty() : Optional.of(((Date) r.get(0)).toLocalDate());
    }

    private static String change(long now, long before) {
        return String.format(Locale.ROOT, "%+.0f%%", 100.0 * (now - before) / before);
    }
}
