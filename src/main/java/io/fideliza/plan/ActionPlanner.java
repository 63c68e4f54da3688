package io.fideliza.plan;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.Playbook;
import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.contract.OutputSchemas;
import io.fideliza.contract.RecommendationKind;
import io.fideliza.plan.CustomerSituation.Product;
import io.fideliza.run.RunContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Plan: one next action per customer ({@link NextBestAction}) from the customer's features, segment
 * and recommendations, and the segment's playbook; then each action's control group ({@link ControlGroup}).
 */
public final class ActionPlanner {
    /** A product sent to a customer this recently is not offered again to fill a list (evidence may repeat it). */
    static final int SENT_RECENTLY_DAYS = 90;

    private final SparkSession spark;
    private final RunContext run;
    private final Playbook playbook;
    private final int contactCapDays;

    public ActionPlanner(SparkSession spark, RunContext run, Playbook playbook, int contactCapDays) {
        this.spark = spark;
        this.run = run;
        this.playbook = playbook;
        this.contactCapDays = contactCapDays;
    }

    /**
     * @param previousPlans earlier runs' action_plans (with run_date), for the contact cap and the control groups;
     *                      may be empty
     */
    public Dataset<Row> plan(Dataset<Row> features, Dataset<Row> segments, Dataset<Row> recommendations,
                             Dataset<Row> products, Optional<Dataset<Row>> previousPlans) {
        return plan(features, segments, recommendations, products, previousPlans, Optional.empty());
    }

    /**
     * @param previousPlans  earlier runs' action_plans (with run_date), for the contact cap and the control groups
     *                       (who each action held out earlier in the period); may be empty
     * @param contactHistory the contact history ({@link io.fideliza.contacts.ContactHistory}) for the playbook's
     *                       caps and cooldowns and for service recovery; empty: nobody was contacted
     */
    public Dataset<Row> plan(Dataset<Row> features, Dataset<Row> segments, Dataset<Row> recommendations,
                             Dataset<Row> products, Optional<Dataset<Row>> previousPlans,
                             Optional<Dataset<Row>> contactHistory) {
        return plan(features, segments, recommendations, products, previousPlans, contactHistory, Optional.empty());
    }

    /**
     * @param care each customer's place in the service loop ({@link io.fideliza.care.CareStatus}): nobody with a
     *             ticket in the care queue gets marketing; satisfaction requests fall due from it; may be empty
     */
    public Dataset<Row> plan(Dataset<Row> features, Dataset<Row> segments, Dataset<Row> recommendations,
                             Dataset<Row> products, Optional<Dataset<Row>> previousPlans,
                             Optional<Dataset<Row>> contactHistory, Optional<Dataset<Row>> care) {
        Dataset<Row> names = products.select(col(PRODUCT_ID), coalesce(col(NAME), col(PRODUCT_ID)).as("_name"),
                col(AVAILABLE).as("_available"));
        Dataset<Row> because = names.select(col(PRODUCT_ID).as("_because_id"), col("_name").as("_because_name"));
        Dataset<Row> recs = recommendations.join(names, PRODUCT_ID)
                .join(because, col(BECAUSE_PRODUCT_ID).equalTo(col("_because_id")), "left")
                .groupBy(CUSTOMER_ID).agg(sort_array(collect_list(struct(col(RANK), col(KIND), col(PRODUCT_ID),
                        col("_name"), col(DUE_DATE), coalesce(col("_because_name"), col(BECAUSE_PRODUCT_ID)),
                        col(BECAUSE_PRODUCT_ID)))).as("_recs"));
        Dataset<Row> abandoned = features.select(col(CUSTOMER_ID), posexplode(col(RECENT_ABANDONED_PRODUCT_IDS)))
                .join(names.filter(col("_available")), col("col").equalTo(col(PRODUCT_ID)))
                .groupBy(CUSTOMER_ID).agg(sort_array(collect_list(struct(col("pos"), col(PRODUCT_ID), col("_name"))))
                        .as("_cart"));
        Dataset<Row> ruled = withSegmentSignals(features, segments);
        Dataset<Row> situations = segments.select(CUSTOMER_ID, SEGMENT_ID, SEGMENT_NAME)
                .join(ruled.select(col(CUSTOMER_ID), col(NEEDS_SERVICE_RECOVERY), col(RECOVERY_REASON),
                        col(CONTACTABLE), col(PREFERRED_CHANNEL), col(ORDERS), col(RECENCY_DAYS), col(FIRST_ORDER_DATE),
                        ruleValues(List.of(ruled.columns())).as("_rule_values")), CUSTOMER_ID)
                .join(recs, CUSTOMER_ID, "left")
                .join(abandoned, CUSTOMER_ID, "left");
        if (previousPlans.isPresent() && contactCapDays > 0) {
            Dataset<Row> last = previousPlans.get()
                    .filter(col(RUN_DATE).lt(lit(run.runDateSql())).and(col(ACTION).notEqual(Action.SERVICE_RECOVERY.code()))
                            .and(col(CHANNEL).notEqual(Channel.NONE.code())))
                    .groupBy(CUSTOMER_ID).agg(max(SEND_ON).as("_last_send_on"));
            situations = situations.join(last, CUSTOMER_ID, "left");
        } else {
            situations = situations.withColumn("_last_send_on", lit(null).cast(DataTypes.DateType));
        }
        situations = ContactStates.join(situations, features, contactHistory, care)
                .join(sentRecently(previousPlans), CUSTOMER_ID, "left");
        Column[] ordered = {col(CUSTOMER_ID), col(SEGMENT_ID), col(SEGMENT_NAME), col(NEEDS_SERVICE_RECOVERY),
            col(RECOVERY_REASON), col(CONTACTABLE), col(PREFERRED_CHANNEL), col(ORDERS), col(RECENCY_DAYS),
            col(FIRST_ORDER_DATE), col("_recs"), col("_cart"), col("_last_send_on"), col("_rule_values"),
            col(ContactStates.COLUMN), col("_sent")};
        NextBestAction decision = new NextBestAction(playbook, run.runDate(), contactCapDays);
        JavaRDD<Row> planned = situations.select(ordered).javaRDD()
                .map(r -> toRow(decision.decide(situation(r))));
        return new ControlGroup(playbook.measurement(), run.runDate())
                .allocate(spark.createDataFrame(planned, OutputSchemas.ACTION_PLANS), previousPlans);
    }

    /**
     * The products of each customer's marketing sends planned in the last {@link #SENT_RECENTLY_DAYS} days (not held
     * out, on a channel): customer_id, _sent.
     */
    private Dataset<Row> sentRecently(Optional<Dataset<Row>> previousPlans) {
        if (previousPlans.isEmpty() || !java.util.Arrays.asList(previousPlans.get().columns()).contains(PRODUCT_IDS)) {
            return spark.createDataFrame(List.of(), new org.apache.spark.sql.types.StructType()
                    .add(CUSTOMER_ID, DataTypes.StringType)
                    .add("_sent", DataTypes.createArrayType(DataTypes.StringType)));
        }
        Dataset<Row> earlier = previousPlans.get();
        // Plans published before control groups existed have no control column: nobody was held out then.
        Column heldOut = java.util.Arrays.asList(earlier.columns()).contains(CONTROL)
                ? coalesce(col(CONTROL), lit(false)) : lit(false);
        return earlier
                .filter(col(RUN_DATE).lt(lit(run.runDateSql())).and(col(CHANNEL).notEqual(Channel.NONE.code()))
                        .and(not(heldOut))
                        .and(col(SEND_ON).geq(date_sub(lit(run.runDateSql()), SENT_RECENTLY_DAYS))))
                .select(col(CUSTOMER_ID), explode(col(PRODUCT_IDS)).as("_p"))
                .groupBy(CUSTOMER_ID).agg(collect_set("_p").as("_sent"));
    }

    /** The features with the segments' columns rules may compare (lifecycle, RFM), those the segments have. */
    private static Dataset<Row> withSegmentSignals(Dataset<Row> features, Dataset<Row> segments) {
        List<String> present = io.fideliza.config.TargetingRule.SEGMENT_COLUMNS.stream()
                .filter(java.util.Arrays.asList(segments.columns())::contains).toList();
        if (present.isEmpty()) {
            return features;
        }
        List<Column> cols = new ArrayList<>(List.of(col(CUSTOMER_ID)));
        present.forEach(c -> cols.add(col(c)));
        return features.join(segments.select(cols.toArray(Column[]::new)), CUSTOMER_ID, "left");
    }

    /** The features the playbook's targeting rules compare, as text: map(name, value, ...). */
    private Column ruleValues(List<String> available) {
        List<Column> pairs = new ArrayList<>();
        for (String name : playbook.ruleColumns()) {
            if (!name.equals(io.fideliza.config.TargetingRule.SEGMENT_NAME)) { // in the situation already
                pairs.add(lit(name));
                // Segments made without the lifecycle columns: no value, so no rule on them matches.
                pairs.add(available.contains(name) ? col(name).cast(DataTypes.StringType)
                        : lit(null).cast(DataTypes.StringType));
            }
        }
        return pairs.isEmpty() ? map().cast("map<string,string>") : map(pairs.toArray(Column[]::new));
    }

    static CustomerSituation situation(Row r) {
        List<Product> due = new ArrayList<>();
        List<Product> crossSell = new ArrayList<>();
        List<Product> popular = new ArrayList<>();
        List<Product> usedToBuy = new ArrayList<>();
        List<Product> browsed = new ArrayList<>();
        if (!r.isNullAt(10)) {
            for (Row rec : r.<Row>getList(10)) {
                RecommendationKind kind = RecommendationKind.valueOf(rec.getString(1).toUpperCase(java.util.Locale.ROOT));
                LocalDate dueDate = rec.isNullAt(4) ? null : rec.getDate(4).toLocalDate();
                Product p = new Product(rec.getString(2), rec.getString(3), dueDate,
                        rec.isNullAt(6) ? null : rec.getString(6), rec.isNullAt(5) ? null : rec.getString(5));
                switch (kind) {
                    case REPLENISHMENT -> due.add(p);
                    case CROSS_SELL -> crossSell.add(p);
                    case USED_TO_BUY -> usedToBuy.add(p);
                    case BROWSED -> browsed.add(p);
                    case PERSONAL, POPULAR -> popular.add(p);
                }
            }
        }
        List<Product> cart = new ArrayList<>();
        if (!r.isNullAt(11)) {
            for (Row item : r.<Row>getList(11)) {
                cart.add(new Product(item.getString(1), item.getString(2), null, null));
            }
        }
        java.util.Set<String> sent = r.isNullAt(15) ? java.util.Set.of() : new java.util.HashSet<>(r.<String>getList(15));
        return new CustomerSituation(r.getString(0), r.getInt(1), r.getString(2), r.getBoolean(3),
                r.isNullAt(4) ? null : r.getString(4), r.getBoolean(5), r.getString(6), r.getLong(7),
                r.isNullAt(8) ? null : r.getInt(8), r.isNullAt(9) ? null : r.getDate(9).toLocalDate(),
                cart, due, crossSell, popular, r.isNullAt(12) ? null : r.getDate(12).toLocalDate(),
                r.isNullAt(13) ? java.util.Map.of() : r.<String, String>getJavaMap(13), ContactStates.read(r, 14))
                .withPicks(usedToBuy, browsed, sent);
    }

    static Row toRow(PlannedAction p) {
        return RowFactory.create(p.customerId(), p.segmentId(), p.segmentName(), p.action().code(), p.channel().code(),
                p.sendOn() == null ? null : java.sql.Date.valueOf(p.sendOn()), p.priority(),
                scala.jdk.javaapi.CollectionConverters.asScala(p.productIds()).toSeq(), p.reason(), p.offerId(),
                scala.jdk.javaapi.CollectionConverters.asScala(p.productNames()).toSeq(), p.playbookRule(), p.control(),
                p.reasonCode(), scala.jdk.javaapi.CollectionConverters.asScala(p.reasonArgs()).toSeq());
    }
}
