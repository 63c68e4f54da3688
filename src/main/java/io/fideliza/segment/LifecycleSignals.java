package io.fideliza.segment;

import static io.fideliza.contract.Columns.SEGMENT_ID;
import static io.fideliza.contract.FeatureColumns.ORDERS;
import static io.fideliza.contract.FeatureColumns.RECENCY_DAYS;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.SegmentModelSettings;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * A customer's lifecycle inside their segment ({@code segments.lifecycle}), for the playbook to target: a
 * segment says what its members typically do, the lifecycle says where one member stands. Lapsing: no order
 * for {@code segment.lapsing_days} and for {@code lapsing_factor} times the segment's typical recency (a loyal
 * customer silent for 90 days is lapsing; a hibernating one is not news). Then RFM: at risk (At risk, Can't lose
 * them), champion (Champions); active otherwise; prospect without an order.
 */
final class LifecycleSignals {
    static final String PROSPECT = "prospect";
    static final String LAPSING = "lapsing";
    static final String AT_RISK = "at_risk";
    static final String CHAMPION = "champion";
    static final String ACTIVE = "active";
    static final List<String> ALL = List.of(CHAMPION, ACTIVE, AT_RISK, LAPSING, PROSPECT);

    private LifecycleSignals() {
    }

    /** Over columns orders, recency_days, segment_id and rfm_segment; typical recency by segment id (may be null). */
    static Column lifecycle(SegmentModelSettings settings, Map<Integer, Double> typicalRecency) {
        Column typical = lit(null).cast("double");
        for (Map.Entry<Integer, Double> e : typicalRecency.entrySet()) {
            if (e.getValue() != null) {
                typical = when(col(SEGMENT_ID).equalTo(e.getKey()), lit(e.getValue())).otherwise(typical);
            }
        }
        Column lapsingAfter = greatest(lit((double) settings.lapsingDays()),
                coalesce(typical.multiply(settings.lapsingFactor()), lit(0.0)));
        Column rfm = col(RfmScorer.RFM_SEGMENT);
        return when(coalesce(col(ORDERS), lit(0L)).equalTo(0).or(col(RECENCY_DAYS).isNull()), lit(PROSPECT))
                .when(col(RECENCY_DAYS).geq(lapsingAfter), lit(LAPSING))
                .when(rfm.isin("At risk", "Can't lose them"), lit(AT_RISK))
                .when(rfm.equalTo("Champions"), lit(CHAMPION))
                .otherwise(lit(ACTIVE));
    }
}
