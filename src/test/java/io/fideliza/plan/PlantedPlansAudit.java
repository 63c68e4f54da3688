package io.fideliza.plan;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.contract.RecommendationKind;
import io.fideliza.generate.PlantedComplements;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a night's plans did for the planted customers of {@code scripts/generate-planted --scenario intent} (issue 25): whether the
 * product a customer looked at again and again is in their marketing message, whether any message is empty,
 * whether a win-back to a lapsed family owner offers that family, and how many get only popular picks. Test
 * tooling; {@link #main} prints the figures for a published run.
 */
public final class PlantedPlansAudit {
    /**
     * @param viewersMessaged  planted viewers with a marketing message carrying products or not (feedback requests,
     *                         which carry a survey, left out)
     * @param viewedInMessage  of those, the ones whose message holds the product they looked at
     * @param emptyMessages    marketing messages sent with no product and no offer
     * @param familyWinBacks   win-backs sent to customers who bought from a device family
     * @param familyOffered    of those, the ones offering a product of a family they bought from
     * @param onlyPopular      customers whose recommendations are all popular products
     * @param customers        customers with a plan
     */
    public record Figures(long viewersMessaged, long viewedInMessage, long emptyMessages, long familyWinBacks,
                          long familyOffered, long onlyPopular, long customers) {
        public double viewedShare() {
            return viewersMessaged == 0 ? 0 : (double) viewedInMessage / viewersMessaged;
        }

        public double familyShare() {
            return familyWinBacks == 0 ? 0 : (double) familyOffered / familyWinBacks;
        }

        public String text() {
            return String.format(Locale.ROOT, "viewed product in the message: %d of %d planted viewers messaged "
                            + "(%.1f%%); empty marketing messages: %d; win-backs to family owners offering their family: "
                            + "%d of %d (%.1f%%); customers with only popular picks: %d of %d (%.1f%%)",
                    viewedInMessage, viewersMessaged, 100 * viewedShare(), emptyMessages, familyOffered, familyWinBacks,
                    100 * familyShare(), onlyPopular, customers, 100.0 * onlyPopular / Math.max(1, customers));
        }
    }

    private PlantedPlansAudit() {
    }

    public static Figures measure(SparkSession spark, Path input, Path output, String runDate) {
        Dataset<Row> plans = spark.read().parquet(output.resolve("action_plans/run_date=" + runDate).toString());
        Dataset<Row> recs = spark.read().parquet(output.resolve("recommendations/run_date=" + runDate).toString());
        Dataset<Row> sent = plans.filter(col(CHANNEL).notEqual(Channel.NONE.code()).and(not(col(CONTROL)))
                .and(col(ACTION).notEqual(Action.SERVICE_RECOVERY.code())));
        Dataset<Row> marketing = sent.filter(col(ACTION).notEqual(Action.FEEDBACK_REQUEST.code()));
        Path truth = input.resolve(PlantedComplements.TRUTH);
        Dataset<Row> viewed = csv(spark, truth.resolve(PlantedComplements.TRUTH_VIEWED));
        Dataset<Row> viewers = marketing.join(viewed.withColumnRenamed(PRODUCT_ID, "_viewed"), CUSTOMER_ID);
        long viewersMessaged = viewers.count();
        long viewedInMessage = viewers.filter(array_contains(col(PRODUCT_IDS), col("_viewed"))).count();
        long empty = marketing.filter(size(col(PRODUCT_IDS)).equalTo(0).and(col(OFFER_ID).isNull())).count();

        Dataset<Row> families = csv(spark, truth.resolve(PlantedComplements.TRUTH_PRODUCTS))
                .filter(col("family").isNotNull().and(col("role").notEqual(PlantedComplements.FILLER)))
                .select(col(PRODUCT_ID), col("family"));
        Dataset<Row> orders = csv(spark, input.resolve("orders.csv"));
        Dataset<Row> owned = orders.join(families, PRODUCT_ID).select(CUSTOMER_ID, "family").distinct();
        Dataset<Row> winBacks = marketing.filter(col(ACTION).equalTo(Action.WIN_BACK.code()))
                .join(owned.select(CUSTOMER_ID).distinct(), CUSTOMER_ID);
        long familyWinBacks = winBacks.count();
        long familyOffered = winBacks.select(col(CUSTOMER_ID), explode(col(PRODUCT_IDS)).as(PRODUCT_ID))
                .join(families, PRODUCT_ID).join(owned, new String[] {CUSTOMER_ID, "family"})
                .select(CUSTOMER_ID).distinct().count();
        long onlyPopular = recs.groupBy(CUSTOMER_ID)
                .agg(min(when(col(KIND).equalTo(RecommendationKind.POPULAR.code()), 1).otherwise(0)).as("_only"))
                .filter(col("_only").equalTo(1)).count();
        return new Figures(viewersMessaged, viewedInMessage, empty, familyWinBacks, familyOffered, onlyPopular,
                plans.count());
    }

    private static Dataset<Row> csv(SparkSession spark, Path file) {
        return spark.read().option("header", "true").csv(file.toString());
    }

    /** {@code PlantedPlansAudit INPUT OUTPUT RUN_DATE}: the figures of a published run. */
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("audit")
                .config("spark.sql.shuffle.partitions", "4").config("spark.ui.enabled", "false").getOrCreate();
        System.out.println(measure(spark, Path.of(args[0]), Path.of(args[1]), args[2]).text());
        spark.stop();
    }
}
