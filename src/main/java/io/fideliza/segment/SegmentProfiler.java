package io.fideliza.segment;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.contract.NpsGroup;
import io.fideliza.contract.SurveyKind;
import io.fideliza.features.SupportMeasures;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.segment.SegmentModelInfo.SegmentInfo;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Segment profiles: size, share and the contract's KPIs per segment, measured over the segment's
 * customers, their tickets and their survey answers.
 */
public final class SegmentProfiler {
    /** Columns of the rows aggregated: 1 on a customer's row; the hours of a ticket; a survey's CSAT answer. */
    private static final String MEMBER = "_member";
    private static final String FIRST_RESPONSE_HOURS = "_first_response_hours";
    private static final String RESOLUTION_HOURS = "_resolution_hours";
    private static final String SURVEY_CSAT = "_survey_csat";
    private final SparkSession spark;

    public SegmentProfiler(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Per segment of the model (every one, with 0 customers when none is in it tonight).
     *
     * @param members each customer's segment_id beside their features
     * @param total   all customers
     */
    public Dataset<Row> profile(Dataset<Row> members, CleanInputs in, List<SegmentInfo> segments, long total) {
        // One aggregation over three kinds of rows, each with its own columns (null in the others): customers,
        // their tickets and their survey answers. One shuffle and no joins between per-segment results, where an
        // aggregation each costs three shuffles and three broadcasts for a handful of rows.
        Dataset<Row> ids = members.select(CUSTOMER_ID, SEGMENT_ID);
        // NPS over each customer's latest answer (the feature nps_score): % promoters minus % detractors.
        Dataset<Row> customerRows = members.select(col(SEGMENT_ID), lit(1).as(MEMBER),
                when(col(REPEAT_CUSTOMER), 1.0).otherwise(0.0).as(REPEAT_CUSTOMER), col(ORDERS), col(MONETARY),
                col(SUPPORT_CONTACTS), col(SESSIONS), col(RECENCY_DAYS),
                when(col(CONTACTABLE), 1.0).otherwise(0.0).as(CONTACTABLE), NpsGroup.points(col(NPS_SCORE)).as(NPS));
        Dataset<Row> ticketRows = in.support().join(ids, CUSTOMER_ID).select(col(SEGMENT_ID),
                SupportMeasures.firstResponseHours().as(FIRST_RESPONSE_HOURS),
                SupportMeasures.resolutionHours().as(RESOLUTION_HOURS),
                SupportMeasures.resolvedAtFirstContact().as(FIRST_CONTACT_RESOLUTION_RATE), col(CONTACTS), col(COST),
                col(CSAT));
        Dataset<Row> answerRows = in.surveys().join(ids, CUSTOMER_ID).select(col(SEGMENT_ID),
                when(col(KIND).equalTo(SurveyKind.CES.code()), col(SCORE)).as(CES_AVG),
                when(col(KIND).equalTo(SurveyKind.CSAT.code()), col(SCORE)).as(SURVEY_CSAT));
        Dataset<Row> bySegment = customerRows.unionByName(ticketRows, true).unionByName(answerRows, true)
                .groupBy(SEGMENT_ID).agg(
                        count(col(MEMBER)).as(CUSTOMERS),
                        avg(REPEAT_CUSTOMER).as(REPEAT_PURCHASE_RATE),
                        avg(ORDERS).as(ORDERS_PER_CUSTOMER),
                        when(sum(ORDERS).gt(0), sum(MONETARY).divide(sum(ORDERS))).as(AVG_ORDER_VALUE),
                        avg(SUPPORT_CONTACTS).as(SUPPORT_CONTACTS_PER_CUSTOMER),
                        avg(SESSIONS).as(SESSIONS_PER_CUSTOMER),
                        avg(RECENCY_DAYS).as("avg_recency_days"),
                        avg(MONETARY).as("avg_monetary"),
                        avg(CONTACTABLE).as("contactable_share"),
                        round(avg(NPS), 1).as(NPS),
                        SupportMeasures.medianHours(col(FIRST_RESPONSE_HOURS)).as(MEDIAN_FIRST_RESPONSE_HOURS),
                        SupportMeasures.medianHours(col(RESOLUTION_HOURS)).as(MEDIAN_RESOLUTION_HOURS),
                        avg(FIRST_CONTACT_RESOLUTION_RATE).as(FIRST_CONTACT_RESOLUTION_RATE),
                        when(sum(CONTACTS).gt(0), sum(COST).cast("double").divide(sum(CONTACTS))).as(COST_PER_CONTACT),
                        sum(col(CSAT)).as("_csat_sum"), count(col(CSAT)).as("_csat_n"),
                        avg(CES_AVG).as(CES_AVG),
                        sum(SURVEY_CSAT).as("_survey_csat_sum"), count(SURVEY_CSAT).as("_survey_csat_n"));
        Dataset<Row> names = spark.createDataFrame(segments.stream()
                        .map(s -> RowFactory.create(s.segmentId(), s.name(), s.description())).toList(),
                new StructType().add(SEGMENT_ID, DataTypes.IntegerType).add(SEGMENT_NAME, DataTypes.StringType)
                        .add(SEGMENT_DESCRIPTION, DataTypes.StringType));
        Column csatSum = coalesce(col("_csat_sum"), lit(0L)).plus(coalesce(col("_survey_csat_sum"), lit(0L)));
        Column csatN = coalesce(col("_csat_n"), lit(0L)).plus(coalesce(col("_survey_csat_n"), lit(0L)));
        // A row per segment: sent whole to the names rather than both sides shuffled and sorted.
        return names.join(broadcast(bySegment), SEGMENT_ID, "left")
                .withColumn(CUSTOMERS, coalesce(col(CUSTOMERS), lit(0L)))
                .withColumn(SHARE, col(CUSTOMERS).divide((double) Math.max(1, total)))
                .withColumn(CSAT_AVG, when(csatN.gt(0), csatSum.divide(csatN)))
                .select(col(SEGMENT_ID), col(SEGMENT_NAME), col(CUSTOMERS), col(SHARE), col(REPEAT_PURCHASE_RATE),
                        col(ORDERS_PER_CUSTOMER), col(AVG_ORDER_VALUE), col(SUPPORT_CONTACTS_PER_CUSTOMER),
                        col(MEDIAN_FIRST_RESPONSE_HOURS), col(MEDIAN_RESOLUTION_HOURS), col(FIRST_CONTACT_RESOLUTION_RATE),
                        col(COST_PER_CONTACT), col(CSAT_AVG), col(NPS), col(CES_AVG), col(SESSIONS_PER_CUSTOMER),
                        col("avg_recency_days"), col("avg_monetary"), col("contactable_share"), col(SEGMENT_DESCRIPTION));
    }

    /** segment_profiles' columns on the model: training share, distances, unfit share, the name's rule and hold. */
    Dataset<Row> modelColumns(SegmentModelInfo info, SegmentDrift drift) {
        List<Row> rows = new java.util.ArrayList<>();
        for (SegmentInfo s : info.segments()) {
            SegmentDrift.SegmentNight n = drift.segments().get(s.segmentId());
            rows.add(RowFactory.create(s.segmentId(), s.share(), n.meanDistance(), s.meanDistance(), n.unfitShare(),
                    SegmentModelStatus.ruleText(s, info), n.nameHolds(), info.version()));
        }
        return spark.createDataFrame(rows, new StructType().add(SEGMENT_ID, DataTypes.IntegerType)
                .add(TRAINING_SHARE, DataTypes.DoubleType).add(MEAN_CENTROID_DISTANCE, DataTypes.DoubleType)
                .add(TRAINING_MEAN_CENTROID_DISTANCE, DataTypes.DoubleType).add(UNFIT_SHARE, DataTypes.DoubleType)
                .add(NAME_RULE, DataTypes.StringType).add(NAME_HOLDS_SHARE, DataTypes.DoubleType)
                .add(MODEL_VERSION, DataTypes.IntegerType));
    }
}
