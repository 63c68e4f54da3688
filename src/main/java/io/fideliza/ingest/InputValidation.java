package io.fideliza.ingest;

import static io.fideliza.contract.Columns.LINE;
import static io.fideliza.contract.Columns.REASON;
import static io.fideliza.contract.Columns.REASON_COLUMN;
import static io.fideliza.contract.Columns.SOURCE_FILE;
import static org.apache.spark.sql.functions.col;

import io.fideliza.config.JobConfig.IngestSettings;
import io.fideliza.contract.InputDataset;
import io.fideliza.contract.InputRefused;
import io.fideliza.manifest.InputCounts;
import io.fideliza.run.DiscardedOutputs;
import io.fideliza.run.RunContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code fideliza validate}: the ingest stage and its guards over an input folder, publishing nothing (no output
 * folder is opened, work stays in memory): per input where every row went, the first rows set aside with their
 * file, line and reason, and the guards' verdict. The raw records are never shown: they may hold personal data.
 */
public final class InputValidation {
    private InputValidation() {
    }

    /** One quarantined row: its input, file (relative to the input folder), line, reason and column. */
    public record Quarantined(String input, String file, long line, String reason, String column) {
        String text() {
            return "  " + file + ":" + line + " " + reason + (column == null ? "" : " (" + column + ")");
        }
    }

    /**
     * What validation found.
     *
     * @param refusal the guard's one line when the inputs were refused (exit 3), else null
     */
    public record Report(Map<InputDataset, InputCounts> counts, List<Quarantined> firstQuarantined,
                         long quarantined, String refusal) {
        /** The report as printed: a table of counts, the accounting, the first quarantined rows, the verdict. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add(String.format(Locale.ROOT, "%-10s %10s %10s %12s %11s %15s", "input", "read", "valid",
                    "quarantined", "duplicates", "after_run_date"));
            List<String> unbalanced = new ArrayList<>();
            counts.forEach((d, c) -> {
                out.add(String.format(Locale.ROOT, "%-10s %10d %10d %12d %11d %15d", d.datasetName(), c.read(),
                        c.valid(), c.quarantined(), c.duplicates(), c.afterRunDate()));
                if (!c.balances()) {
                    unbalanced.add(d.datasetName());
                }
            });
            out.add(unbalanced.isEmpty() ? "accounting: read = valid + quarantined + duplicates + after_run_date for "
                    + "every input" : "accounting does not add up for " + String.join(", ", unbalanced));
            if (quarantined > 0) {
                out.add("quarantined rows (the first " + firstQuarantined.size() + " of " + quarantined + "):");
                firstQuarantined.forEach(q -> out.add(q.text()));
            }
            out.add(refusal == null ? "guards: the inputs are fit to use" : "refused: " + refusal);
            out.add("nothing was published");
            return out;
        }
    }

    /** Validates the inputs in {@code inputDir} as the run of {@code run} would; shows up to {@code examples} rows. */
    public static Report validate(SparkSession spark, RunContext run, IngestSettings settings, String inputDir,
                                  int examples) {
        DiscardedOutputs nowhere = new DiscardedOutputs();
        CleanInputs clean = new IngestStage(spark, run, settings, inputDir).run(inputDir, nowhere);
        String refusal = null;
        try {
            // Without an output folder there is no earlier run: the volume_drop guard is not checked.
            new InputCheckStage(run, settings).run(clean, nowhere);
        } catch (InputRefused e) {
            refusal = e.getMessage().replace("; nothing was published", "");
        }
        Map<InputDataset, InputCounts> counts = new java.util.LinkedHashMap<>();
        List<Quarantined> first = new ArrayList<>();
        long quarantined = 0;
        for (InputDataset d : InputDataset.values()) {
            if (!clean.present().contains(d)) {
                continue;
            }
            InputCounts c = clean.counts().get(d);
            counts.put(d, c);
            quarantined += c.quarantined();
            if (c.quarantined() > 0 && first.size() < examples) {
                for (Row r : clean.quarantine().get(d).select(SOURCE_FILE, LINE, REASON, REASON_COLUMN)
                        .orderBy(col(SOURCE_FILE), col(LINE)).limit(examples - first.size()).collectAsList()) {
                    first.add(new Quarantined(d.datasetName(), relative(r.getString(0), inputDir), r.getLong(1),
                            r.getString(2), r.getString(3)));
                }
            }
        }
        return new Report(counts, List.copyOf(first), quarantined, refusal);
    }

    /** A source file as the user named it: relative to the input folder. */
    static String relative(String file, String inputDir) {
        String dir = java.nio.file.Path.of(inputDir).toAbsolutePath().normalize().toString();
        String f = file.replaceFirst("^file:(//)?", "");
        int at = f.indexOf(dir + "/");
        return at >= 0 ? f.substring(at + dir.length() + 1) : f;
    }
}
