package io.fideliza.outcomes;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.care.ServiceTargets;
import io.fideliza.contract.NpsGroup;
import io.fideliza.contract.SurveyKind;
import io.fideliza.features.SupportMeasures;
import io.fideliza.ingest.CleanInputs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The seed KPIs over all customers as of the run date, measured as segment profiles measure them per segment:
 * repeat-purchase rate, support contacts per customer, median resolution hours, NPS, CSAT and effort (CES), and
 * our contacts (messages and calls) per customer in the last 30 days; and the care team's: first-contact resolution,
 * cost per contact, median first reply hours, the share of tickets meeting the service targets, and the mean
 * repurchase intention (0 to 10). Kept in the manifest, so the report draws their trend over the run dates from the
 * manifests.
 */
public final class Kpis {
    public static final String CONTACTS_PER_CUSTOMER_30_DAYS = "contacts_per_customer_30_days";
    /** The KPIs in the order the report shows them. */
    public static final List<String> ALL = List.of(REPEAT_PURCHASE_RATE, SUPPORT_CONTACTS_PER_CUSTOMER,
            MEDIAN_RESOLUTION_HOURS, NPS, CSAT_AVG, CES_AVG, CONTACTS_PER_CUSTOMER_30_DAYS,
            FIRST_CONTACT_RESOLUTION_RATE, COST_PER_CONTACT, MEDIAN_FIRST_RESPONSE_HOURS, FIRST_RESPONSE_TARGET_MET,
            RESOLUTION_TARGET_MET, REPURCHASE_INTENT_AVG);

    private Kpis() {
    }

    /** KPI name to value (null: no data), in {@link #ALL}'s order. */
    public static Map<String, Double> measure(Dataset<Row> features, CleanInputs in, ServiceTargets targets) {
        Row c = features.agg(
                avg(when(col(REPEAT_CUSTOMER), 1.0).otherwise(0.0)),
                avg(col(SUPPORT_CONTACTS)),
                avg(NpsGroup.points(col(NPS_SCORE))),
                avg(col(CONTACTS_LAST_30_DAYS))).first();
        Row t = targets.asOfRun(in.support()).agg(SupportMeasures.medianHours(SupportMeasures.resolutionHours()),
                sum(col(CSAT)), count(col(CSAT)), avg(SupportMeasures.resolvedAtFirstContact()),
                when(sum(CONTACTS).gt(0), sum(COST).cast("double").divide(sum(CONTACTS))),
                SupportMeasures.medianHours(SupportMeasures.firstResponseHours()),
                avg(FIRST_RESPONSE_TARGET_MET), avg(RESOLUTION_TARGET_MET)).first();
        Row s = in.surveys().agg(
                avg(when(col(KIND).equalTo(SurveyKind.CES.code()), col(SCORE))),
                sum(when(col(KIND).equalTo(SurveyKind.CSAT.code()), col(SCORE))),
                count(when(col(KIND).equalTo(SurveyKind.CSAT.code()), col(SCORE))),
                avg(when(col(KIND).equalTo(SurveyKind.REPURCHASE_INTENT.code()), col(SCORE)))).first();
        long csatN = t.getLong(2) + s.getLong(2);
        double csatSum = (t.isNullAt(1) ? 0 : ((Number) t.get(1)).doubleValue())
                + (s.isNullAt(1) ? 0 : ((Number) s.get(1)).doubleValue());
        Map<String, Double> k = new LinkedHashMap<>();
        k.put(REPEAT_PURCHASE_RATE, number(c, 0));
        k.put(SUPPORT_CONTACTS_PER_CUSTOMER, number(c, 1));
        k.put(MEDIAN_RESOLUTION_HOURS, number(t, 0));
        k.put(NPS, c.isNullAt(2) ? null : Math.round(c.getDouble(2) * 10) / 10.0);
        k.put(CSAT_AVG, csatN == 0 ? null : csatSum / csatN);
        k.put(CES_AVG, number(s, 0));
        k.put(CONTACTS_PER_CUSTOMER_30_DAYS, number(c, 3));
        k.put(FIRST_CONTACT_RESOLUTION_RATE, number(t, 3));
        k.put(COST_PER_CONTACT, number(t, 4));
        k.put(MEDIAN_FIRST_RESPONSE_HOURS, number(t, 5));
        k.put(FIRST_RESPONSE_TARGET_MET, number(t, 6));
        k.put(RESOLUTION_TARGET_MET, number(t, 7));
        k.put(REPURCHASE_INTENT_AVG, number(s, 3));
        return k;
    }

    private static Double number(Row r, int i) {
        return r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue();
    }
}
