package io.fideliza.recommend;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig.RecommendSettings;
import io.fideliza.contract.OrderStatus;
import io.fideliza.contract.RecommendationKind;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.RunContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Recommend: per customer up to top_n products, ranked: consumables due for replenishment first
 * (soonest due first), then ALS cross-sell, and for customers with too little history their
 * segment's popular products. Unavailable products are never recommended.
 */
public final class Recommendations {
    /** The stage's output and what it learnt about its own run. */
    public record Result(Dataset<Row> recommendations, String blas, long alsCustomers) {
    }

    private final SparkSession spark;
    private final RunContext run;
    private final RecommendSettings settings;

    public Recommendations(SparkSession spark, RunContext run, RecommendSettings settings) {
        this.spark = spark;
        this.run = run;
        this.settings = settings;
    }

    public Result run(CleanInputs in, Dataset<Row> segments) {
        int n = settings.topN();
        Dataset<Row> interactions = Interactions.build(in, run, settings.weights(), settings.halfLifeDays())
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> purchases = in.orders().filter(OrderStatus.isPurchase());
        Dataset<Row> available = in.products().filter(col(AVAILABLE)).select(PRODUCT_ID);

        Dataset<Row> replenishment = new ReplenishmentPlanner(run, settings.replenishWindowDays(),
                settings.replenishOverdueDays()).due(in).persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());

        // Interactions hold one row per customer and product, so counting rows counts distinct products.
        Dataset<Row> productCounts = interactions.groupBy(CUSTOMER_ID).agg(count(lit(1)).as("_products"));
        Dataset<Row> alsCustomers = productCounts.filter(col("_products").geq(settings.minProductsForAls()))
                .select(CUSTOMER_ID);
        Dataset<Row> crossSell = spark.emptyDataFrame();
        long alsCount = alsCustomers.count();
        if (alsCount > 0) {
            crossSell = crossSell(in, interactions, replenishment.select(CUSTOMER_ID, PRODUCT_ID), n)
                    .join(alsCustomers, CUSTOMER_ID)
                    .select(col(CUSTOMER_ID), col(PRODUCT_ID), col(SCORE), col(BECAUSE_PRODUCT_ID));
        }
        Dataset<Row> needPopular = segments.select(CUSTOMER_ID).join(alsCustomers, CUSTOMER_ID, "left_anti");
        Dataset<Row> popular = PopularProducts.forCustomers(needPopular, segments, purchases, available, n);

        Dataset<Row> all = tag(replenishment.select(col(CUSTOMER_ID), col(PRODUCT_ID), col(SCORE),
                col(BECAUSE_PRODUCT_ID), col(DUE_DATE)), RecommendationKind.REPLENISHMENT, 0);
        if (alsCount > 0) {
            all = all.unionByName(tag(crossSell.withColumn(DUE_DATE, lit(null).cast(DataTypes.DateType)),
                    RecommendationKind.CROSS_SELL, 1));
        }
        all = all.unionByName(tag(popular.withColumn(BECAUSE_PRODUCT_ID, lit(null).cast(DataTypes.StringType))
                .withColumn(DUE_DATE, lit(null).cast(DataTypes.DateType)), RecommendationKind.POPULAR, 2));
        // A product once per customer, in its most urgent kind; then rank within the customer.
        Dataset<Row> ranked = all
                .withColumn("_dup", row_number().over(Window.partitionBy(CUSTOMER_ID, PRODUCT_ID)
                        .orderBy(col("_priority"), col(SCORE).desc())))
                .filter(col("_dup").equalTo(1))
                .withColumn(RANK, row_number().over(Window.partitionBy(CUSTOMER_ID)
                        .orderBy(col("_priority"), col(DUE_DATE), col(SCORE).desc(), col(PRODUCT_ID))))
                .filter(col(RANK).leq(n))
                .select(col(CUSTOMER_ID), col(RANK), col(PRODUCT_ID), col(SCORE), col(KIND), col(BECAUSE_PRODUCT_ID),
                        col(DUE_DATE));
        return new Result(ranked, BlockedTopK.blasName(), alsCount);
    }

    /**
     * The cross-sell path alone: ALS fitted on {@code interactions}, then each customer's top {@code n} available
     * products, never a durable product they own, nothing just bought, nothing in {@code alsoExcluded} (the
     * consumables already due). Output: customer_id, product_id, score, because_product_id, rank. The offline
     * evaluation calls this too, so that it measures what the nightly run recommends.
     */
    public Dataset<Row> crossSell(CleanInputs in, Dataset<Row> interactions, Dataset<Row> alsoExcluded, int n) {
        Dataset<Row> purchases = in.orders().filter(OrderStatus.isPurchase());
        Dataset<Row> available = in.products().filter(col(AVAILABLE)).select(PRODUCT_ID);
        AlsRecommender als = new AlsRecommender(spark, settings.als());
        AlsRecommender.Fitted fitted = als.fit(interactions);
        Dataset<Row> consumable = in.products().filter(col(CONSUMABLE)).select(PRODUCT_ID);
        Column justBought = col(ORDERED_AT).geq(lit(run.daysBeforeEnd(settings.justBoughtDays())));
        // Never the durable products a customer owns, nothing just bought, no consumable already due.
        Dataset<Row> excluded = purchases.join(consumable, purchases.col(PRODUCT_ID).equalTo(consumable.col(PRODUCT_ID)),
                        "left_anti").select(CUSTOMER_ID, PRODUCT_ID)
                .union(purchases.filter(justBought).select(CUSTOMER_ID, PRODUCT_ID))
                .union(alsoExcluded.select(CUSTOMER_ID, PRODUCT_ID));
        Dataset<Row> explainers = purchases.select(CUSTOMER_ID, PRODUCT_ID).distinct();
        return als.recommend(fitted, available, excluded, explainers, n);
    }

    private static Dataset<Row> tag(Dataset<Row> rows, RecommendationKind kind, int priority) {
        return rows.withColumn(KIND, lit(kind.code())).withColumn("_priority", lit(priority))
                .withColumn(SCORE, col(SCORE).cast(DataTypes.DoubleType));
    }

}
