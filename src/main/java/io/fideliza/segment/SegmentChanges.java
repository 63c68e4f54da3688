package io.fideliza.segment;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.segment.SegmentModelChoice.Night;
import io.fideliza.segment.SegmentModelInfo.SegmentInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Who changed segment since the previous run and why (segments.segment_change, segment_migrations), and on a refit
 * night how the refit moved customers (segment_refit_migrations), from each customer's segment last run and the
 * segment the model before the refit gives them tonight.
 */
final class SegmentChanges {
    static final String NEW = "new";
    static final String SAME = "same";
    static final String BEHAVIOUR = "behaviour";
    static final String REFIT = "refit";
    static final String BEHAVIOUR_AND_REFIT = "behaviour_and_refit";
    /** The segment the model in place before tonight gives a customer tonight (working column). */
    static final String OLD = "_old_segment_id";
    private static final String COUNT = "count";

    private SegmentChanges() {
    }

    /** Customers with {@link #OLD}, and the names of the segments it holds. */
    record Before(Dataset<Row> rows, Map<Integer, String> names) {
    }

    /**
     * Adds {@link #OLD} to {@code rows} (customers with previous_segment_id): on a night that assigns, the segment
     * itself; after a refit, the model before it applied to {@code features}; for a first model, last run's segment.
     */
    static Before withSegmentBefore(Dataset<Row> rows, Night night, Dataset<Row> features,
                                    Optional<Dataset<Row>> previousSegments) {
        Map<Integer, String> oldNames = new HashMap<>();
        if (!night.refitted()) {
            return new Before(rows.withColumn(OLD, col(SEGMENT_ID)), oldNames);
        }
        if (night.before().isPresent()) {
            night.before().get().info().segments().forEach(s -> oldNames.put(s.segmentId(), s.name()));
            return new Before(rows.join(night.before().get().assign(features).select(col(CUSTOMER_ID),
                    col(SEGMENT_ID).as(OLD)), CUSTOMER_ID, "left"), oldNames);
        }
        // The first model after runs without one: last run's segments are what it changes.
        previousSegments.ifPresent(p -> p.select(SEGMENT_ID, SEGMENT_NAME).distinct().collectAsList()
                .forEach(r -> oldNames.put(r.<Integer>getAs(SEGMENT_ID), r.<String>getAs(SEGMENT_NAME))));
        return new Before(rows.withColumn(OLD, col(PREVIOUS_SEGMENT_ID)), oldNames);
    }

    /**
     * Why a customer's segment differs from the previous run's: new (no previous segment), same, behaviour (the
     * model in place before tonight moves them too: their own data changed), refit (that model would have kept
     * them: tonight's refit moved them), or both.
     */
    static Column change() {
        Column previous = col(PREVIOUS_SEGMENT_ID);
        Column now = col(SEGMENT_ID);
        Column old = col(OLD);
        return when(previous.isNull(), lit(NEW))
                .when(previous.equalTo(now), lit(SAME))
                .when(old.isNull().or(old.equalTo(now)), lit(BEHAVIOUR))
                .when(old.equalTo(previous), lit(REFIT))
                .otherwise(lit(BEHAVIOUR_AND_REFIT));
    }

    /** Customers per (previous segment, current segment) pair, and how many of the moves each cause explains. */
    static Dataset<Row> migrations(Dataset<Row> segments) {
        Column change = col(SEGMENT_CHANGE);
        return segments.groupBy(col(PREVIOUS_SEGMENT_ID).as(FROM_SEGMENT_ID), col(SEGMENT_ID).as(TO_SEGMENT_ID))
                .agg(count(lit(1)).as(CUSTOMERS),
                        sum(when(change.isin(BEHAVIOUR, BEHAVIOUR_AND_REFIT), 1L).otherwise(0L)).as(MOVED_BY_BEHAVIOUR),
                        sum(when(change.isin(REFIT, BEHAVIOUR_AND_REFIT), 1L).otherwise(0L)).as(MOVED_BY_REFIT))
                .transform(d -> inOrder(d, FROM_SEGMENT_ID, TO_SEGMENT_ID));
    }

    /**
     * A small output (a row per segment or pair of segments) in one file, in order of its first columns: sorted in
     * one task, without the sampling job a global orderBy runs first.
     */
    static Dataset<Row> inOrder(Dataset<Row> small, String first, String... then) {
        return small.coalesce(1).sortWithinPartitions(first, then);
    }

    /**
     * A row of segment_refit_migrations: customers from a segment of the model before the refit (null: a customer
     * new tonight) to a segment of the new one, labelled, with the cause of a move ({@link RefitCarryOver.Cause}).
     */
    record RefitMove(Integer fromVersion, Integer fromSegmentId, String fromName, int toVersion, int toSegmentId,
                     String toName, long customers, String change, String cause) {
        Row asRow() {
            return RowFactory.create(fromVersion, fromSegmentId, fromName, toVersion, toSegmentId, toName, customers,
                    change, cause);
        }
    }

    /** The refit's own migration table: customers per (segment before the refit, segment after), labelled. */
    static List<RefitMove> refitMigrations(Dataset<Row> joined, Map<Integer, String> oldNames,
                                           Optional<SegmentModel> before, SegmentModelInfo info) {
        Set<Integer> carried = new HashSet<>();
        Map<Integer, String> names = new HashMap<>();
        Set<Integer> created = new HashSet<>();
        for (SegmentInfo s : info.segments()) {
            names.put(s.segmentId(), s.name());
            if (s.carriedFrom() != null) {
                carried.add(s.carriedFrom());
            } else {
                created.add(s.segmentId());
            }
        }
        Integer fromVersion = before.map(b -> b.info().version()).orElse(null);
        List<RefitMove> out = new ArrayList<>();
        for (Row r : joined.groupBy(OLD, SEGMENT_ID).count().orderBy(OLD, SEGMENT_ID).collectAsList()) {
            Integer from = r.getAs(OLD);
            int to = r.<Integer>getAs(SEGMENT_ID);
            String change = from == null ? "new_customer" : from == to ? "stayed"
                    : !carried.contains(from) ? "from_retired_segment" : created.contains(to) ? "to_new_segment"
                    : "moved";
            String cause = from == null || from == to ? null
                    : RefitCarryOver.cause(from, created.contains(to) ? null : to, carried).code();
            out.add(new RefitMove(from == null ? null : fromVersion, from, from == null ? null : oldNames.get(from),
                    info.version(), to, names.get(to), r.<Long>getAs(COUNT), change, cause));
        }
        return out;
    }

    /** The share of the customers known to the model before the refit that it left in the same segment (or null). */
    static Double keptShare(List<RefitMove> moves) {
        long stayed = 0;
        long known = 0;
        for (RefitMove m : moves) {
            if (m.fromSegmentId() != null) {
                known += m.customers();
                stayed += m.fromSegmentId() == m.toSegmentId() ? m.customers() : 0;
            }
        }
        return known == 0 ? null : stayed / (double) known;
    }
}
