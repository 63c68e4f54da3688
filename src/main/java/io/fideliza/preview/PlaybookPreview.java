package io.fideliza.preview;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.RECENT_ABANDONED_PRODUCT_IDS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.fideliza.config.Playbook;
import io.fideliza.contract.InputError;
import io.fideliza.contract.OutputDataset;
import io.fideliza.plan.ActionPlanner;
import io.fideliza.run.RunContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code fideliza preview}: what an edited playbook would change on a published run date, before a night runs it.
 * Both the playbook in use and the edited one are applied by the planner itself to the date's published features,
 * segments and recommendations, read-only and alike (no contact history, no care queue, product ids for names), so
 * the difference is the edit's alone: customers per action, channel and segment, to contact and held out.
 */
public final class PlaybookPreview {
    /** Customers of one action, channel and segment under each playbook. */
    public record Change(String action, String channel, String segment, long before, long after, long controlBefore,
                         long controlAfter) {
        public long change() {
            return after - before;
        }
    }

    private final SparkSession spark;
    private final String outputDir;
    private final RunContext run;
    private final int contactCapDays;

    public PlaybookPreview(SparkSession spark, String outputDir, RunContext run, int contactCapDays) {
        this.spark = spark;
        this.outputDir = outputDir;
        this.run = run;
        this.contactCapDays = contactCapDays;
    }

    /** Every action, channel and segment either playbook plans, with its counts under each, the changed first. */
    public List<Change> compare(Playbook current, Playbook edited) {
        Dataset<Row> features = published(OutputDataset.CUSTOMER_FEATURES);
        Dataset<Row> segments = published(OutputDataset.SEGMENTS);
        Dataset<Row> recommendations = published(OutputDataset.RECOMMENDATIONS);
        // The planner names products; the published outputs hold their ids, which stand in for the names.
        Dataset<Row> ids = recommendations.select(col(PRODUCT_ID))
                .union(features.select(explode(col(RECENT_ABANDONED_PRODUCT_IDS)).as(PRODUCT_ID))).distinct();
        Dataset<Row> products = ids.select(col(PRODUCT_ID), col(PRODUCT_ID).as(NAME), lit(true).as(AVAILABLE));
        Map<List<String>, long[]> counts = new TreeMap<>(java.util.Comparator.comparing(List::toString));
        int side = 0;
        for (Playbook playbook : List.of(current, edited)) {
            Dataset<Row> plans = new ActionPlanner(spark, run, playbook, contactCapDays)
                    .plan(features, segments, recommendations, products, Optional.empty());
            for (Row r : plans.groupBy(ACTION, CHANNEL, SEGMENT_NAME)
                    .agg(count(when(col(CONTROL).equalTo(false), 1)), count(when(col(CONTROL), 1))).collectAsList()) {
                long[] c = counts.computeIfAbsent(List.of(r.getString(0), r.getString(1), r.getString(2)),
                        k -> new long[4]);
                c[side] = r.getLong(3);
                c[side + 2] = r.getLong(4);
            }
            side = 1;
        }
        List<Change> out = new ArrayList<>();
        counts.forEach((k, c) -> out.add(new Change(k.get(0), k.get(1), k.get(2), c[0], c[1], c[2], c[3])));
        out.sort(java.util.Comparator.comparing((Change c) -> c.change() == 0 && c.controlBefore() == c.controlAfter())
                .thenComparing(Change::action).thenComparing(Change::channel).thenComparing(Change::segment));
        return out;
    }

    /** The comparison as printed: the changed rows, then how many stayed the same. */
    public static List<String> lines(List<Change> changes) {
        List<String> out = new ArrayList<>();
        List<Change> changed = changes.stream().filter(c -> c.change() != 0 || c.controlBefore() != c.controlAfter())
                .toList();
        if (changed.isEmpty()) {
            out.add("no change: the edited playbook plans every customer as the current one does");
            return out;
        }
        out.add("action, channel, segment: customers to contact now -> with the edit (held out as control)");
        for (Change c : changed) {
            out.add(String.format(Locale.ROOT, "  %s, %s, %s: %d -> %d (%+d)%s", c.action(), c.channel(), c.segment(),
                    c.before(), c.after(), c.change(), c.controlBefore() == c.controlAfter() ? ""
                            : String.format(Locale.ROOT, "; control %d -> %d", c.controlBefore(), c.controlAfter())));
        }
        out.add((changes.size() - changed.size()) + " other action, channel and segment combinations unchanged");
        return out;
    }

    /** Writes every row to {@code file} (CSV), which must not be inside the output folder. */
    public void write(List<Change> changes, java.nio.file.Path file) {
        java.nio.file.Path output = java.nio.file.Path.of(outputDir).toAbsolutePath().normalize();
        if (file.toAbsolutePath().normalize().startsWith(output)) {
            throw new InputError("preview writes nothing into the run's outputs: --to " + file.getParent()
                    + " is inside " + output);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(ACTION, CHANNEL,
                         SEGMENT_NAME, "customers_now", "customers_with_edit", "change", "control_now",
                         "control_with_edit").get())) {
                for (Change c : changes) {
                    csv.printRecord(c.action(), c.channel(), c.segment(), c.before(), c.after(), c.change(),
                            c.controlBefore(), c.controlAfter());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private Dataset<Row> published(OutputDataset d) {
        java.nio.file.Path p = java.nio.file.Path.of(outputDir, d.folder(), "run_date=" + run.runDate());
        java.nio.file.Path manifest = java.nio.file.Path.of(outputDir, OutputDataset.MANIFESTS.folder(),
                run.runDate() + ".json");
        if (!Files.exists(manifest)) {
            throw new InputError("run date " + run.runDate() + " is not published in " + outputDir + " (no "
                    + manifest + ")");
        }
        if (!Files.isDirectory(p)) {
            throw new InputError("no " + p + ": preview needs the date's features, segments and recommendations");
        }
        return spark.read().parquet(p.toString());
    }
}
