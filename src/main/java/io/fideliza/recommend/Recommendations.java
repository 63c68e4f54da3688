package io.fideliza.recommend;

import io.fideliza.manifest.ManifestJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig.RecommendSettings;
import io.fideliza.contract.OrderStatus;
import io.fideliza.contract.RecommendationKind;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.RunContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * Recommend: per customer up to top_n products, ranked: consumables due for replenishment first (soonest due
 * first), with the first refill of a consumable that goes with a durable product the customer owns and never
 * bought it (kind replenishment, due on the run date, because_product_id the durable product), and for a lapsed
 * customer the consumables they used to buy (kind used_to_buy); then what they
 * looked at again and again lately and did not buy ({@link BrowsedProducts}, kind browsed); then the
 * {@link RecommenderModel}'s cross-sells (products that go with one the customer owns, in the blend of ALS and
 * complement evidence; never a consumable, never a durable product owned); then ALS's personal picks that nothing
 * owned explains (kind personal); then their segment's popular products (never a consumable) for customers with
 * room left. Unavailable products are never recommended.
 */
public final class Recommendations {
    /**
     * The stage's output and what it learnt about its own run.
     *
     * @param alsCustomers      customers with enough history for the ALS part
     * @param personalCustomers customers with at least one personal (replenishment or cross-sell) recommendation
     * @param model             the model applied (its version is 0 when it was fitted for this run only)
     */
    public record Result(Dataset<Row> recommendations, String blas, long alsCustomers, long personalCustomers,
                         RecommenderModel model) {
    }

    private final SparkSession spark;
    private final RunContext run;
    private final RecommendSettings settings;

    public Recommendations(SparkSession spark, RunContext run, RecommendSettings settings) {
        this.spark = spark;
        this.run = run;
        this.settings = settings;
    }

    /** With a model fitted for this run on the configured parameters (no search, nothing saved). */
    public Result run(CleanInputs in, Dataset<Row> segments) {
        return run(in, segments, RecommenderModel.fit(spark, in, run, settings, RecommenderTraining.configured(settings)));
    }

    public Result run(CleanInputs in, Dataset<Row> segments, RecommenderModel model) {
        int n = settings.topN();
        Dataset<Row> interactions = Interactions.build(in, run, settings.weights(), settings.halfLifeDays())
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> replenishment = new ReplenishmentPlanner(run, settings.replenishWindowDays(),
                settings.replenishOverdueDays()).due(in).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> personal = model.personal(spark, in, interactions,
                        excluded(in, run, settings.justBoughtDays(), replenishment.select(CUSTOMER_ID, PRODUCT_ID)),
                        null, settings.minProductsForAls(), n)
                .withColumn(DUE_DATE, when(col(KIND).equalTo(RecommendationKind.REPLENISHMENT.code()),
                        lit(run.runDateSql())).otherwise(lit(null).cast(DataTypes.DateType)))
                .persist(StorageLevel.MEMORY_AND_DISK());

        Dataset<Row> browsed = BrowsedProducts.of(in, run, settings.intent());
        Dataset<Row> usedToBuy = new ReplenishmentPlanner(run, settings.replenishWindowDays(),
                settings.replenishOverdueDays()).usedToBuy(in, replenishment);
        Dataset<Row> all = replenishment.select(col(CUSTOMER_ID), col(PRODUCT_ID), col(SCORE), col(BECAUSE_PRODUCT_ID),
                        col(DUE_DATE), lit(RecommendationKind.REPLENISHMENT.code()).as(KIND), lit(0).as("_priority"))
                .unionByName(usedToBuy.select(col(CUSTOMER_ID), col(PRODUCT_ID), col(SCORE), col(BECAUSE_PRODUCT_ID),
                        lit(null).cast(DataTypes.DateType).as(DUE_DATE), lit(RecommendationKind.USED_TO_BUY.code()).as(KIND),
                        lit(0).as("_priority")))
                .unionByName(browsed.select(col(CUSTOMER_ID), col(PRODUCT_ID), col(SCORE), col(BECAUSE_PRODUCT_ID),
                        lit(null).cast(DataTypes.DateType).as(DUE_DATE), lit(RecommendationKind.BROWSED.code()).as(KIND),
                        lit(1).as("_priority")))
                .unionByName(personal.select(col(CUSTOMER_ID), col(PRODUCT_ID), col(SCORE), col(BECAUSE_PRODUCT_ID),
                        col(DUE_DATE), col(KIND), when(col(KIND).equalTo(RecommendationKind.REPLENISHMENT.code()), lit(0))
                                .when(col(KIND).equalTo(RecommendationKind.PERSONAL.code()), lit(3))
                                .otherwise(lit(2)).as("_priority")));
        // Popular products only for customers with room left in their list.
        Dataset<Row> full = all.groupBy(CUSTOMER_ID).agg(count(lit(1)).as("_n")).filter(col("_n").geq(n));
        Dataset<Row> needPopular = segments.select(CUSTOMER_ID).join(full, CUSTOMER_ID, "left_anti");
        Dataset<Row> durables = in.products().filter(col(AVAILABLE).and(not(coalesce(col(CONSUMABLE), lit(false)))))
                .select(PRODUCT_ID);
        Dataset<Row> popular = PopularProducts.forCustomers(needPopular, segments, purchases(in), durables, n);
        all = all.unionByName(popular.select(col(CUSTOMER_ID), col(PRODUCT_ID), col(SCORE),
                lit(null).cast(DataTypes.StringType).as(BECAUSE_PRODUCT_ID), lit(null).cast(DataTypes.DateType).as(DUE_DATE),
                lit(RecommendationKind.POPULAR.code()).as(KIND), lit(4).as("_priority")));
        // A product once per customer, in its most urgent kind; then rank within the customer.
        Dataset<Row> ranked = all.withColumn(SCORE, col(SCORE).cast(DataTypes.DoubleType))
                .withColumn("_dup", row_number().over(Window.partitionBy(CUSTOMER_ID, PRODUCT_ID)
                        .orderBy(col("_priority"), col(SCORE).desc())))
                .filter(col("_dup").equalTo(1))
                .withColumn(RANK, row_number().over(Window.partitionBy(CUSTOMER_ID)
                        .orderBy(col("_priority"), col(DUE_DATE), col(SCORE).desc(), col(PRODUCT_ID))))
                .filter(col(RANK).leq(n))
                .select(col(CUSTOMER_ID), col(RANK), col(PRODUCT_ID), col(SCORE), col(KIND), col(BECAUSE_PRODUCT_ID),
                        col(DUE_DATE));
        long alsCustomers = interactions.groupBy(CUSTOMER_ID).agg(count(lit(1)).as("_products"))
                .filter(col("_products").geq(settings.minProductsForAls())).count();
        long personalCustomers = personal.select(CUSTOMER_ID).union(replenishment.select(CUSTOMER_ID)).distinct().count();
        return new Result(ranked, PersonalTopK.blasName(), alsCustomers, personalCustomers, model);
    }

    /**
     * What a customer must not be cross-sold: the durable products they own, anything bought in the last
     * {@code justBoughtDays}, and {@code alsoExcluded} (may be null; the consumables already due). Consumables are
     * never cross-sold at all ({@link PersonalTopK}). Output: customer_id, product_id.
     */
    public static Dataset<Row> excluded(CleanInputs in, RunContext run, int justBoughtDays, Dataset<Row> alsoExcluded) {
        Dataset<Row> purchases = purchases(in);
        Dataset<Row> consumable = in.products().filter(col(CONSUMABLE)).select(PRODUCT_ID);
        Column justBought = col(ORDERED_AT).geq(lit(run.daysBeforeEnd(justBoughtDays)));
        Dataset<Row> out = purchases.join(consumable, purchases.col(PRODUCT_ID).equalTo(consumable.col(PRODUCT_ID)),
                        "left_anti").select(CUSTOMER_ID, PRODUCT_ID)
                .union(purchases.filter(justBought).select(CUSTOMER_ID, PRODUCT_ID));
        return alsoExcluded == null ? out : out.union(alsoExcluded.select(CUSTOMER_ID, PRODUCT_ID));
    }

    /**
     * The share of customers with a personal recommendation (not only popular products), and per kind: the
     * report's honest coverage. {@code customers}: customer_id of everyone the run describes.
     */
    public static ObjectNode coverage(Dataset<Row> recommendations, Dataset<Row> customers) {
        long all = customers.select(CUSTOMER_ID).distinct().count();
        // One pass: per customer whether they have each kind, then the sums.
        List<Column> perCustomer = new ArrayList<>();
        // Not "personal": that is one of the kinds below (ALS's own picks).
        perCustomer.add(max(when(col(KIND).notEqual(RecommendationKind.POPULAR.code()), 1).otherwise(0))
                .as("not_only_popular"));
        perCustomer.add(max(when(col(KIND).equalTo(RecommendationKind.CROSS_SELL.code())
                .and(col(BECAUSE_PRODUCT_ID).isNotNull()), 1).otherwise(0)).as("goes_with"));
        for (RecommendationKind kind : RecommendationKind.values()) {
            perCustomer.add(max(when(col(KIND).equalTo(kind.code()), 1).otherwise(0)).as(kind.code()));
        }
        Dataset<Row> flags = recommendations.groupBy(CUSTOMER_ID)
                .agg(perCustomer.get(0), perCustomer.subList(1, perCustomer.size()).toArray(Column[]::new));
        String[] names = flags.columns();
        Row sums = flags.agg(sum(names[1]), java.util.Arrays.stream(names, 2, names.length).map(functions::sum)
                .toArray(Column[]::new)).first();
        ObjectNode m = ManifestJson.object();
        m.put("customers", all);
        for (int i = 1; i < names.length; i++) {
            long n = sums.isNullAt(i - 1) ? 0 : sums.getLong(i - 1);
            m.put(names[i] + "_share", all == 0 ? 0.0 : (double) n / all);
        }
        return m;
    }

    static Dataset<Row> purchases(CleanInputs in) {
        return in.orders().filter(OrderStatus.isPurchase());
    }
}
