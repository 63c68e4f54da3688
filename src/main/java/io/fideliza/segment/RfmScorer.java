package io.fideliza.segment;

import static io.fideliza.contract.Columns.CUSTOMER_ID;
import static io.fideliza.contract.FeatureColumns.*;
import static org.apache.spark.sql.functions.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The classic RFM view beside the behavioural segments: recency, frequency and monetary scores 1-5
 * (quintiles over customers who ordered; 5 is best) and the usual RFM label.
 */
public final class RfmScorer {
    public static final String R_SCORE = "r_score";
    public static final String F_SCORE = "f_score";
    public static final String M_SCORE = "m_score";
    public static final String RFM_SEGMENT = "rfm_segment";
    private static final String BUYER = "_buyer";

    private RfmScorer() {
    }

    /** customer_id and the RFM columns of every customer (null scores and "Prospect" for those who never ordered). */
    public static Dataset<Row> score(Dataset<Row> features) {
        return withScores(features.select(CUSTOMER_ID, ORDERS, RECENCY_DAYS, MONETARY))
                .select(CUSTOMER_ID, R_SCORE, F_SCORE, M_SCORE, RFM_SEGMENT);
    }

    /** The rows with the RFM columns added (rows need customer_id, orders, recency_days and monetary). */
    public static Dataset<Row> withScores(Dataset<Row> rows) {
        // Quintiles over buyers only: the window's partition is "has ordered", and only buyers keep the score.
        // A column rather than an expression: Spark gives each window its own copy of an expression to partition
        // by, and so a shuffle each; on one column the three windows share one.
        Column buyer = col(BUYER);
        Map<String, Column> scores = new LinkedHashMap<>();
        scores.put(R_SCORE, when(buyer, ntile(5).over(Window.partitionBy(buyer)
                .orderBy(col(RECENCY_DAYS).desc(), col(CUSTOMER_ID)))));
        scores.put(F_SCORE, when(buyer, ntile(5).over(Window.partitionBy(buyer).orderBy(col(ORDERS), col(CUSTOMER_ID)))));
        scores.put(M_SCORE, when(buyer, ntile(5).over(Window.partitionBy(buyer).orderBy(col(MONETARY), col(CUSTOMER_ID)))));
        Dataset<Row> scored = rows.withColumn(BUYER, col(ORDERS).gt(0)).withColumns(scores);
        Column r = col(R_SCORE);
        Column f = col(F_SCORE);
        Column m = col(M_SCORE);
        Column label = when(r.isNull(), lit("Prospect"))
                .when(r.geq(4).and(f.geq(4)).and(m.geq(4)), lit("Champions"))
                .when(r.leq(2).and(f.geq(4)).and(m.geq(4)), lit("Can't lose them"))
                .when(r.leq(2).and(f.geq(3)), lit("At risk"))
                .when(r.geq(3).and(f.geq(4)), lit("Loyal customers"))
                .when(r.geq(4).and(f.leq(1)), lit("New customers"))
                .when(r.geq(4).and(f.leq(3)), lit("Potential loyalists"))
                .when(r.leq(2).and(f.leq(2)), lit("Hibernating"))
                .otherwise(lit("Need attention"));
        return scored.withColumn(RFM_SEGMENT, label).drop(BUYER);
    }
}
