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
        // NPS over each customer's latest answer (the feature nps_score): % promoters minus % detractors.
        Dataset<Row> customers = members.groupBy(SEGMENT_ID).agg(
                count(lit(1)).as(CUSTOMERS),
                avg(when(col(REPEAT_CUSTOMER), 1.0).otherwise(0.0)).as(REPEAT_PURCHASE_RATE),
                avg(ORDERS).as(ORDERS_PER_CUSTOMER),
                when(sum(ORDERS).gt(0), sum(MONETARY).divide(sum(ORDERS))).as(AVG_ORDER_VALUE),
                avg(SUPPORT_CONTACTS).as(SUPPORT_CONTACTS_PER_CUSTOMER),
                avg(SESSIONS).as(SESSIONS_PER_CUSTOMER),
                avg(RECENCY_DAYS).as("avg_recency_days"),
                avg(MONETARY).as("avg_monetary"),
                avg(when(col(CONTACTABLE), 1.0).otherwise(0.0)).as("contactable_share"),
                round(avg(NpsGroup.points(col(NPS_SCORE))), 1).as(NPS));
        Dataset<Row> ids = members.select(CUSTOMER_ID, SEGMENT_ID);
        Dataset<Row> tickets = in.support().join(ids, CUSTOMER_ID).groupBy(SEGMENT_ID).agg(
                SupportMeasures.medianHours(SupportMeasures.firstResponseHours()).as(MEDIAN_FIRST_RESPONSE_HOURS),
                SupportMeasures.medianHours(SupportMeasures.resolutionHours()).as(MEDIAN_RESOLUTION_HOURS),
                avg(SupportMeasures.resolvedAtFirstContact()).as(FIRST_CONTACT_RESOLUTION_RATE),
                when(sum(CONTACTS).gt(0), sum(COST).cast("double").divide(sum(CONTACTS))).as(COST_PER_CONTACT),
                sum(col(CSAT)).as("_csat_sum"), count(col(CSAT)).as("_csat_n"));
        Dataset<Row> answers = in.surveys().join(ids, CUSTOMER_ID);
        Dataset<Row> surveyScores = answers.groupBy(SEGMENT_ID).agg(
                avg(when(col(KIND).equalTo(SurveyKind.CES.code()), col(SCORE))).as(CES_AVG),
                sum(when(col(KIND).equalTo(SurveyKind.CSAT.code()), col(SCORE))).as("_survey_csat_sum"),
                count(when(col(KIND).equalTo(SurveyKind.CSAT.code()), col(SCORE))).as("_survey_csat_n"));
        Dataset<Row> names = spark.createDataFrame(segments.stream()
                        .map(s -> RowFactory.create(s.segmentId(), s.name(), s.description())).toList(),
                new StructType().add(SEGMENT_ID, DataTypes.IntegerType).add(SEGMENT_NAME, DataTypes.StringType)
                        .add(SEGMENT_DESCRIPTION, DataTypes.StringType));
        Column csatSum = coalesce(col("_csat_sum"), lit(0L)).plus(coalesce(col("_survey_csat_sum"), lit(0L)));
        Column csatN = coalesce(col("_csat_n"), lit(0L)).plus(coalesce(col("_survey_csat_n"), lit(0L)));
        return names.join(customers, SEGMENT_ID, "left")
                .join(tickets, SEGMENT_ID, "left")
                .join(surveyScores, SEGMENT_ID, "left")
                .withColumn(CUSTOMERS, coalesce(col(CUSTOMERS), lit(0L)))
                .withColumn(SHARE, col(CUSTOMERS).divide((double) Math.max(1, total)))
                .withColumn(CSAT_AVG, when(csatN.gt(0), csatSum.divide(csatN)))
                .select(col(SEGMENT_ID), col(SEGMENT_NAME), col(CUSTOMERS), col(SHARE), col(REPEAT_PURCHASE_RATE),
                        col(ORDERS_PER_CUSTOMER), col(AVG_ORDER_VALUE), col(SUPPORT_CONTACTS_PER_CUSTOMER),
                        col(MEDIAN_FIRST_RESPONSE_HOURS), col(MEDIAN_RESOLUTION_HOURS), col(FIRST_CONTACT_RESOLUTION_RATE),
                        col(COST_PER_CONTACT), col(CSAT_AVG), col(NPS), col(CES_AVG), col(SESSIONS_PER_CUSTOMER),
                        col("avg_recency_days"), col("avg_monetary"), col("contactable_share"), col(SEGMENT_DESCRIPTION));
    }
}
