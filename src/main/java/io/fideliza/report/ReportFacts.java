package io.fideliza.report;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.contract.InputDataset;
import io.fideliza.contract.RecommendationKind;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.manifest.InputCounts;
import io.fideliza.segment.SegmentModelStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the report shows, collected from a run's small outputs (one row per segment, per migration pair,
 * per segment plan) and its manifest into plain Java values, so that {@link HtmlReport} is pure.
 */
public record ReportFacts(
        LocalDate runDate,
        List<Segment> segments,
        List<Migration> migrations,
        Map<Integer, String> previousSegmentNames,
        List<PlanGroup> plans,
        long customersWithRecommendations,
        Map<String, Long> customersByRecommendationKind,
        List<InputQuality> inputs,
        long customersWithPersonalRecommendations,
        SegmentModelStatus segmentModel,
        RecommenderCheck recommender,
        Map<Integer, Long> onlyPopularBySegment) {

    /** Facts without the per-segment count of customers whose picks are all popular. */
    public ReportFacts(LocalDate runDate, List<Segment> segments, List<Migration> migrations,
                       Map<Integer, String> previousSegmentNames, List<PlanGroup> plans,
                       long customersWithRecommendations, Map<String, Long> customersByRecommendationKind,
                       List<InputQuality> inputs, long customersWithPersonalRecommendations,
                       SegmentModelStatus segmentModel, RecommenderCheck recommender) {
        this(runDate, segments, migrations, previousSegmentNames, plans, customersWithRecommendations,
                customersByRecommendationKind, inputs, customersWithPersonalRecommendations, segmentModel, recommender,
                Map.of());
    }

    /** Facts without the personal count (taken as none) and without the segment model's panel (null). */
    public ReportFacts(LocalDate runDate, List<Segment> segments, List<Migration> migrations,
                       Map<Integer, String> previousSegmentNames, List<PlanGroup> plans,
                       long customersWithRecommendations, Map<String, Long> customersByRecommendationKind,
                       List<InputQuality> inputs) {
        this(runDate, segments, migrations, previousSegmentNames, plans, customersWithRecommendations,
                customersByRecommendationKind, inputs, 0, null, null);
    }

    /** These facts with what the segment stage did with its model tonight. */
    public ReportFacts withSegmentModel(SegmentModelStatus status) {
        return new ReportFacts(runDate, segments, migrations, previousSegmentNames, plans, customersWithRecommendations,
                customersByRecommendationKind, inputs, customersWithPersonalRecommendations, status, recommender,
                onlyPopularBySegment);
    }

    /** These facts with how the night's recommender model did when it was tested. */
    public ReportFacts withRecommender(RecommenderCheck check) {
        return new ReportFacts(runDate, segments, migrations, previousSegmentNames, plans, customersWithRecommendations,
                customersByRecommendationKind, inputs, customersWithPersonalRecommendations, segmentModel, check,
                onlyPopularBySegment);
    }

    /** These facts with, per segment id, how many customers get only popular picks. */
    public ReportFacts withOnlyPopular(Map<Integer, Long> bySegment) {
        return new ReportFacts(runDate, segments, migrations, previousSegmentNames, plans, customersWithRecommendations,
                customersByRecommendationKind, inputs, customersWithPersonalRecommendations, segmentModel, recommender,
                bySegment);
    }

    /**
     * Per segment id, the customers whose recommendations are all popular products (nothing chosen from their own
     * history): recommendations and segments in the contract's schema.
     */
    public static Map<Integer, Long> onlyPopular(Dataset<Row> recommendations, Dataset<Row> segments) {
        Map<Integer, Long> out = new java.util.TreeMap<>();
        for (Row r : recommendations.groupBy(CUSTOMER_ID)
                .agg(min(when(col(KIND).equalTo(RecommendationKind.POPULAR.code()), 1).otherwise(0)).as("_only"))
                .filter(col("_only").equalTo(1))
                .join(segments.select(CUSTOMER_ID, SEGMENT_ID), CUSTOMER_ID)
                .groupBy(SEGMENT_ID).count().collectAsList()) {
            out.put(r.getInt(0), r.getLong(1));
        }
        return out;
    }

    /** The contract's KPIs of segment_profiles, in the order the report shows them. */
    public static final List<String> KPIS = KpiHeatmap.KPIS.stream().map(KpiHeatmap.Kpi::column).toList();

    /** One segment and its KPIs (a KPI is null when the segment has no data for it). */
    public record Segment(int id, String name, String description, long customers, Map<String, Double> kpis) {
    }

    /** Customers who were in {@code fromId} on the previous run (null: not there) and are in {@code toId} now. */
    public record Migration(Integer fromId, int toId, long customers) {
    }

    /** How many customers of a segment get an action on a channel. */
    public record PlanGroup(int segmentId, String action, String channel, long customers) {
    }

    /** Where one input's rows went, and the commonest reasons rows were quarantined. */
    public record InputQuality(String input, long read, long valid, long quarantined, long duplicates,
                               long afterRunDate, Map<String, Long> reasons) {
    }

    public long customers() {
        return segments.stream().mapToLong(Segment::customers).sum();
    }

    /** True when no customer has a previous segment: nothing to compare with yet. */
    public boolean firstRun() {
        return migrations.stream().allMatch(m -> m.fromId() == null);
    }

    /**
     * Collects the facts; every dataset is a run's output in the contract's schema; previousProfiles are the
     * segment_profiles of the run migrations count from, for the names segments had then (may be empty).
     */
    public static ReportFacts collect(LocalDate runDate, Dataset<Row> segmentProfiles, Dataset<Row> segmentMigrations,
                                      Optional<Dataset<Row>> previousProfiles, Dataset<Row> segmentPlans,
                                      Dataset<Row> recommendations, List<InputQuality> inputs) {
        List<String> columns = Arrays.asList(segmentProfiles.columns());
        List<Segment> segments = new ArrayList<>();
        for (Row r : segmentProfiles.orderBy(SEGMENT_ID).collectAsList()) {
            Map<String, Double> kpis = new LinkedHashMap<>();
            for (String kpi : KPIS) {
                Object v = columns.contains(kpi) ? r.get(r.fieldIndex(kpi)) : null;
                kpis.put(kpi, v == null ? null : ((Number) v).doubleValue());
            }
            String description = columns.contains(SEGMENT_DESCRIPTION) ? r.getAs(SEGMENT_DESCRIPTION) : null;
            segments.add(new Segment(((Number) r.getAs(SEGMENT_ID)).intValue(), r.getAs(SEGMENT_NAME), description,
                    ((Number) r.getAs(CUSTOMERS)).longValue(), kpis));
        }
        List<Migration> migrations = new ArrayList<>();
        for (Row r : segmentMigrations.orderBy(FROM_SEGMENT_ID, TO_SEGMENT_ID).collectAsList()) {
            Object from = r.getAs(FROM_SEGMENT_ID);
            migrations.add(new Migration(from == null ? null : ((Number) from).intValue(),
                    ((Number) r.getAs(TO_SEGMENT_ID)).intValue(), ((Number) r.getAs(CUSTOMERS)).longValue()));
        }
        Map<Integer, String> previousNames = new LinkedHashMap<>();
        if (previousProfiles.isPresent()) {
            for (Row r : previousProfiles.get().select(SEGMENT_ID, SEGMENT_NAME).collectAsList()) {
                previousNames.put(((Number) r.get(0)).intValue(), r.getString(1));
            }
        }
        List<PlanGroup> plans = new ArrayList<>();
        for (Row r : segmentPlans.orderBy(SEGMENT_ID, ACTION, CHANNEL).collectAsList()) {
            plans.add(new PlanGroup(((Number) r.getAs(SEGMENT_ID)).intValue(), r.getAs(ACTION), r.getAs(CHANNEL),
                    ((Number) r.getAs(CUSTOMERS)).longValue()));
        }
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (Row r : recommendations.groupBy(KIND).agg(countDistinct(CUSTOMER_ID)).orderBy(KIND).collectAsList()) {
            byKind.put(r.getString(0), r.getLong(1));
        }
        long withAny = recommendations.select(CUSTOMER_ID).distinct().count();
        // Personal: anything but the segment's popular products, which every customer can get.
        long personal = recommendations.filter(col(KIND).notEqual(RecommendationKind.POPULAR.code()))
                .select(CUSTOMER_ID).distinct().count();
        return new ReportFacts(runDate, segments, migrations, previousNames, plans, withAny, byKind, inputs, personal,
                null, null);
    }

    /** Where each input's rows went, with the commonest quarantine reasons first. */
    public static List<InputQuality> inputs(CleanInputs clean) {
        List<InputQuality> inputs = new ArrayList<>();
        for (InputDataset d : InputDataset.values()) {
            if (!clean.present().contains(d)) {
                continue;
            }
            InputCounts c = clean.counts().get(d);
            Map<String, Long> reasons = new LinkedHashMap<>();
            clean.quarantineReasons().getOrDefault(d, Map.of()).entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                    .forEach(x -> reasons.put(x.getKey(), x.getValue()));
            inputs.add(new InputQuality(d.datasetName(), c.read(), c.valid(), c.quarantined(), c.duplicates(),
                    c.afterRunDate(), reasons));
        }
        return inputs;
    }
}
