package io.fideliza.tools;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig;
import io.fideliza.features.CustomerFeatures;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.ingest.IngestStage;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.DiscardedOutputs;
import io.fideliza.run.RunContext;
import io.fideliza.segment.RefitCarryOver;
import io.fideliza.segment.SegmentDrift;
import io.fideliza.segment.SegmentModelInfo;
import io.fideliza.segment.SegmentStage;
import io.fideliza.segment.SegmentStage.Segmentation;
import io.fideliza.spark.OutputStore;
import io.fideliza.spark.SparkSessions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Segments week after week (issue 16): weekly runs over a growing history, the segment stage run as a night runs
 * it (features of the history up to the run date, then segment, staged and published). Per week: the model used,
 * whether it refitted and why, who kept their segment, every move and its cause; overall, whether any segment's
 * name ever changed and how many unchanged customers each refit kept. The input is read once, then cut at each
 * run date as ingest would (rows after it ignored, support answers and resolutions after it not yet known).
 * Usage: SegmentWeeks INPUT OUTPUT FIRST_RUN_DATE WEEKS [CONFIG] (scripts/segment-weeks)
 */
public final class SegmentWeeks {
    /**
     * One weekly run. {@code unchangedKept}: on a refit week, of the customers the model in place would have left
     * where they were, the share the refit left there too.
     */
    public record Week(int week, LocalDate runDate, int version, boolean refitted, String reason, String decision,
                       int segments, long customers, long inBoth, long keptIdAndName, long moved, long byBehaviour,
                       long byRefit, long byBoth, long unexplained, Double unchangedKept, long refitTableMoves,
                       long migrationRefitMoves, SegmentDrift drift, RefitCarryOver.Moves refitMoves,
                       SegmentModelInfo.Refused refused, List<String> names) {
    }

    /** Every week, and every name each segment id had (one each when names never flip). */
    public record Report(List<Week> weeks, Map<Integer, TreeSet<String>> namesById,
                         Map<String, TreeSet<Integer>> idsByName) {
        public boolean namesNeverFlipped() {
            return namesById.values().stream().allMatch(s -> s.size() == 1)
                    && idsByName.values().stream().allMatch(s -> s.size() == 1);
        }

        public List<Week> refits() {
            return weeks.stream().filter(w -> w.week() > 1 && w.refitted()).toList();
        }
    }

    private SegmentWeeks() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSessions.create("local[*]", 4, "UTC");
        try {
            Report r = run(spark, Path.of(args[0]), Path.of(args[1]), LocalDate.parse(args[2]),
                    Integer.parseInt(args[3]), args.length > 4 ? JobConfig.load(Path.of(args[4])) : JobConfig.defaults());
            print(r);
        } finally {
            spark.stop();
        }
    }

    public static Report run(SparkSession spark, Path input, Path output, LocalDate first, int weeks, JobConfig config) {
        LocalDate last = first.plusWeeks(weeks - 1);
        RunContext lastRun = new RunContext(last, ZoneOffset.UTC);
        CleanInputs all = new IngestStage(spark, lastRun, config.ingest(), input.toString())
                .run(input.toString(), new DiscardedOutputs());
        List<Week> out = new ArrayList<>();
        Map<Integer, TreeSet<String>> namesById = new TreeMap<>();
        Map<String, TreeSet<Integer>> idsByName = new TreeMap<>();
        for (int w = 1; w <= weeks; w++) {
            LocalDate day = first.plusWeeks(w - 1);
            RunContext run = new RunContext(day, ZoneOffset.UTC);
            Dataset<Row> features = new CustomerFeatures(run, config.features()).compute(cut(all, run))
                    .localCheckpoint(true);
            Manifest manifest = new Manifest(day);
            OutputStore store = new OutputStore(spark, output.toString(), day, manifest);
            Segmentation s = new SegmentStage(spark, run, config.segment())
                    .run(new SegmentStage.Input(all, features), store);
            store.publish();
            out.add(week(spark, output, w, day, s));
            for (Row r : read(spark, output, "segments", day).select(SEGMENT_ID, SEGMENT_NAME).distinct().collectAsList()) {
                namesById.computeIfAbsent(r.getInt(0), k -> new TreeSet<>()).add(r.getString(1));
                idsByName.computeIfAbsent(r.getString(1), k -> new TreeSet<>()).add(r.getInt(0));
            }
        }
        return new Report(out, namesById, idsByName);
    }

    /** The inputs as a run of {@code run}'s date sees them. */
    static CleanInputs cut(CleanInputs all, RunContext run) {
        Column end = lit(run.runEnd());
        Dataset<Row> support = all.support().filter(col(OPENED_AT).lt(end))
                .withColumn(FIRST_RESPONSE_AT, when(col(FIRST_RESPONSE_AT).lt(end), col(FIRST_RESPONSE_AT)))
                .withColumn(RESOLVED_AT, when(col(RESOLVED_AT).lt(end), col(RESOLVED_AT)))
                .withColumn(CSAT, when(col(RESOLVED_AT).isNotNull(), col(CSAT)));
        return new CleanInputs(all.products(),
                all.customers().filter(col(SIGNUP_DATE).isNull().or(col(SIGNUP_DATE).leq(lit(run.runDateSql())))),
                all.orders().filter(col(ORDERED_AT).lt(end)), all.events().filter(col(OCCURRED_AT).lt(end)), support,
                all.surveys().filter(col(ANSWERED_AT).lt(end)), all.quarantine(), all.counts(), all.quarantineReasons(),
                all.present(), all.consent());
    }

    private static Week week(SparkSession spark, Path output, int w, LocalDate day, Segmentation s) {
        Dataset<Row> now = read(spark, output, "segments", day);
        Map<String, Long> byChange = new HashMap<>();
        for (Row r : now.groupBy(SEGMENT_CHANGE).count().collectAsList()) {
            byChange.put(r.getString(0), r.getLong(1));
        }
        long moved = now.filter(col(PREVIOUS_SEGMENT_ID).isNotNull().and(col(PREVIOUS_SEGMENT_ID).notEqual(col(SEGMENT_ID))))
                .count();
        long byBehaviour = byChange.getOrDefault("behaviour", 0L);
        long byRefit = byChange.getOrDefault("refit", 0L);
        long byBoth = byChange.getOrDefault("behaviour_and_refit", 0L);
        long inBoth = 0;
        long kept = 0;
        if (w > 1) {
            Dataset<Row> before = read(spark, output, "segments", day.minusWeeks(1))
                    .select(col(CUSTOMER_ID), col(SEGMENT_ID).as("_id"), col(SEGMENT_NAME).as("_name"));
            Dataset<Row> both = now.join(before, CUSTOMER_ID);
            inBoth = both.count();
            kept = both.filter(col("_id").equalTo(col(SEGMENT_ID)).and(col("_name").equalTo(col(SEGMENT_NAME)))).count();
        }
        Double unchangedKept = null;
        long refitTable = 0;
        if (s.model().refittedTonight() && w > 1) {
            long same = byChange.getOrDefault("same", 0L);
            unchangedKept = same + byRefit == 0 ? null : same / (double) (same + byRefit);
            refitTable = read(spark, output, "segment_refit_migrations", day)
                    .filter(col(FROM_SEGMENT_ID).isNotNull().and(col(FROM_SEGMENT_ID).notEqual(col(TO_SEGMENT_ID))))
                    .agg(coalesce(sum(CUSTOMERS), lit(0L))).first().getLong(0);
        }
        List<String> names = now.select(SEGMENT_ID, SEGMENT_NAME).distinct().orderBy(SEGMENT_ID).collectAsList()
                .stream().map(r -> r.getInt(0) + " " + r.getString(1)).toList();
        long migrationRefit = read(spark, output, "segment_migrations", day).agg(coalesce(sum(MOVED_BY_REFIT), lit(0L)))
                .first().getLong(0);
        return new Week(w, day, s.model().version(), s.model().refittedTonight(), s.model().reason(),
                s.model().decision(), s.model().segments().size(), s.customers(), inBoth, kept, moved, byBehaviour,
                byRefit, byBoth, moved - byBehaviour - byRefit - byBoth, unchangedKept, refitTable, migrationRefit,
                s.model().drift(), s.model().refitMoves(), s.model().refused(), names);
    }

    private static Dataset<Row> read(SparkSession spark, Path output, String dataset, LocalDate day) {
        return spark.read().parquet(output.resolve(dataset).resolve("run_date=" + day).toString());
    }

    public static void print(Report r) {
        System.out.println("week  run date    customers  model  k  refit  kept id+name  moved  behaviour  refit  both  "
                + "unexplained  drift sizes/unfit/distance");
        for (Week w : r.weeks()) {
            System.out.printf(Locale.ROOT, "%4d  %s  %9d  %5d  %d  %-5s  %12s  %5d  %9d  %5d  %4d  %11d  %.3f / %.3f / %.2f%n",
                    w.week(), w.runDate(), w.customers(), w.version(), w.segments(), w.refitted() ? "yes" : "no",
                    w.week() == 1 ? "-" : String.format(Locale.ROOT, "%.2f%%", 100.0 * w.keptIdAndName() / w.inBoth()),
                    w.moved(), w.byBehaviour(), w.byRefit(), w.byBoth(), w.unexplained(), w.drift().sizeShift(),
                    w.drift().unfitShare(), w.drift().distanceRatio());
        }
        for (Week w : r.weeks()) {
            System.out.printf(Locale.ROOT, "week %d segments: %s%n", w.week(), String.join(", ", w.names()));
        }
        for (Week w : r.weeks()) {
            if (w.refitted()) {
                System.out.printf(Locale.ROOT, "week %d refit: %s; %s%n", w.week(), w.reason(), w.decision());
                if (w.week() > 1) {
                    System.out.printf(Locale.ROOT, "  unchanged customers kept in their segment: %.2f%%; refit moved %d "
                                    + "(segment_refit_migrations), %d of them counted in segment_migrations.moved_by_refit%n",
                            100 * w.unchangedKept(), w.refitTableMoves(), w.migrationRefitMoves());
                }
                if (w.refitMoves() != null) {
                    RefitCarryOver.Moves m = w.refitMoves();
                    System.out.printf(Locale.ROOT, "  the refit moved %d of the last run's %d customers (%.2f%%): "
                                    + "new data %d, new kind %d, retired segment %d%n", m.moved(), m.customers(),
                            100 * m.share(), m.newData(), m.newKind(), m.retiredSegment());
                }
                if (w.refused() != null) {
                    System.out.printf(Locale.ROOT, "  refused %s k=%d (silhouette %.3f): %s%n", w.refused().algorithm(),
                            w.refused().k(), w.refused().silhouette(), w.refused().why());
                }
            }
        }
        for (int i = 1; i < r.weeks().size(); i++) {
            Week before = r.weeks().get(i - 1);
            Week w = r.weeks().get(i);
            if (w.segments() != before.segments()) {
                System.out.printf(Locale.ROOT, "k changed in week %d: %d to %d (%s)%n", w.week(), before.segments(),
                        w.segments(), w.decision());
            }
        }
        System.out.printf(Locale.ROOT, "lowest share keeping their segment from one week to the next: %.2f%%%n",
                r.weeks().stream().filter(w -> w.week() > 1).mapToDouble(w -> 100.0 * w.keptIdAndName() / w.inBoth())
                        .min().orElse(100));
        System.out.println("names by segment id: " + r.namesById());
        System.out.println("names never flipped: " + (r.namesNeverFlipped() ? "yes" : "NO"));
        System.out.println("moves without a cause: " + r.weeks().stream().mapToLong(Week::unexplained).sum());
    }
}
