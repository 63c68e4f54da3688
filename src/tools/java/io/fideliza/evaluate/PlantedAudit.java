package io.fideliza.evaluate;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig.RecommendSettings;
import io.fideliza.contract.OrderStatus;
import io.fideliza.contract.RecommendationKind;
import io.fideliza.generate.PlantedComplements;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.ranking.TemporalSplit;
import io.fideliza.recommend.Recommendations;
import io.fideliza.recommend.RecommenderModel;
import io.fideliza.recommend.RecommenderTraining;
import io.fideliza.run.Progress;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Checks a night's recommendations against the truth that {@link PlantedComplements} writes in {@code _truth/}:
 * whether device owners get the accessory planted as lacking, whether reasons name a product of the pick's own
 * family, whether owners who never bought their device's consumable get it, and whether consumables reach
 * customers who own nothing they serve. Runs on the driver: planted data sets are small.
 */
public final class PlantedAudit {
    /**
     * The measured shares (NaN when there is nothing to measure).
     *
     * @param accessoryPairs       device owners (as of the night) with an accessory planted as lacking
     * @param accessoryInTopK      share of those pairs with the accessory among the customer's top k
     * @param becauseRows          recommendations whose because_product_id names another product
     * @param becauseInFamily      share of those whose reason is in the pick's own family
     * @param crossSellWithoutReason share of cross-sell rows with no because_product_id
     * @param consumablePairs      (device owner, the device's consumable never bought) pairs
     * @param consumableInTopK     share of those pairs with the consumable among the top k
     * @param consumableRows       recommended consumables
     * @param consumableToNonOwners share of those going to a customer who owns nothing of the consumable's family
     * @param topPickShare         the largest share of customers that one product is the first pick of
     * @param personalShare        share of customers with an order who get a recommendation other than popular
     */
    public record Result(long accessoryPairs, double accessoryInTopK, long becauseRows, double becauseInFamily,
                         double crossSellWithoutReason, long consumablePairs, double consumableInTopK,
                         long consumableRows, double consumableToNonOwners, double topPickShare, double personalShare) {

        public String markdown() {
            return String.format(Locale.ROOT, """
                    | planted check | value |
                    |---|---:|
                    | owners lacking a planted accessory who get it in the top k | %s |
                    | reasons (because_product_id) in the pick's own family | %s |
                    | cross-sell without a reason | %.1f %% |
                    | device owners without its consumable who get it | %s |
                    | consumables recommended to customers owning nothing of their family | %s |
                    | largest share of customers with the same first pick | %.1f %% |
                    | customers with an order who get a personal (not popular) recommendation | %.1f %% |
                    """, ofCount(accessoryInTopK, accessoryPairs), ofCount(becauseInFamily, becauseRows),
                    100 * crossSellWithoutReason, ofCount(consumableInTopK, consumablePairs),
                    ofCount(consumableToNonOwners, consumableRows), 100 * topPickShare, 100 * personalShare);
        }

        /** "90.6 % of 1375", or "none to check" where the data planted nothing of the kind (a gift shop). */
        private static String ofCount(double share, long n) {
            return n == 0 ? "none to check" : String.format(Locale.ROOT, "%.1f %% of %d", 100 * share, n);
        }
    }

    private PlantedAudit() {
    }

    /** True when the input folder holds a planted truth (at least each product's family and role). */
    public static boolean present(SparkSession spark, String inputDir) {
        return exists(spark, new Path(new Path(inputDir, PlantedComplements.TRUTH), PlantedComplements.TRUTH_PRODUCTS));
    }

    private static boolean exists(SparkSession spark, Path p) {
        try {
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * The whole recommendation list of a nightly run at the cut-off that trains its model (as the first night
     * does: the training step's choice), every customer in one segment, checked against the planted truth of
     * {@code inputDir}.
     */
    public static Result atCutoff(SparkSession spark, RecommendSettings settings, ZoneId zone, Progress progress,
                                  CleanInputs all, LocalDate cutoff, int k, String inputDir) {
        long t0 = System.nanoTime();
        TemporalSplit split = TemporalSplit.at(all, cutoff, 1, zone);
        RecommendSettings s = settings.withTopN(k);
        RecommenderModel model = new RecommenderTraining(spark, s, zone, progress).train(split.train(), split.run(), k)
                .model();
        Dataset<Row> recs = new Recommendations(spark, split.run(), s)
                .run(split.train(), oneSegment(split.train()), model).recommendations().cache();
        Result r = measure(spark, inputDir, split.train(), recs, k);
        recs.unpersist();
        progress.stage("planted", String.format(Locale.ROOT, "accessory %.3f  because in family %.3f  consumable %.3f",
                r.accessoryInTopK(), r.becauseInFamily(), r.consumableInTopK()), (System.nanoTime() - t0) / 1e9);
        return r;
    }

    /**
     * @param history         the inputs as of the night the recommendations were made (later orders left out)
     * @param recommendations customer_id, rank, product_id, kind, because_product_id
     */
    public static Result measure(SparkSession spark, String inputDir, CleanInputs history,
                                 Dataset<Row> recommendations, int k) {
        Path truth = new Path(inputDir, PlantedComplements.TRUTH);
        Map<String, Integer> family = new HashMap<>();
        Map<String, String> role = new HashMap<>();
        Map<Integer, List<String>> consumablesOf = new HashMap<>();
        Map<Integer, List<String>> accessoriesOf = new HashMap<>();
        for (Row r : spark.read().option("header", true).csv(new Path(truth, PlantedComplements.TRUTH_PRODUCTS).toString())
                .collectAsList()) {
            String id = r.getString(0);
            role.put(id, r.getString(2));
            if (r.getString(1) != null && !r.getString(1).isEmpty()) {
                family.put(id, Integer.parseInt(r.getString(1)));
                int f = Integer.parseInt(r.getString(1));
                if (PlantedComplements.CONSUMABLE.equals(r.getString(2))) {
                    consumablesOf.computeIfAbsent(f, x -> new ArrayList<>()).add(id);
                } else if (PlantedComplements.ACCESSORY.equals(r.getString(2))) {
                    accessoriesOf.computeIfAbsent(f, x -> new ArrayList<>()).add(id);
                }
            }
        }
        Map<String, Set<String>> owned = new HashMap<>();
        for (Row r : history.orders().filter(OrderStatus.isPurchase())
                .select(CUSTOMER_ID, PRODUCT_ID).distinct().collectAsList()) {
            owned.computeIfAbsent(r.getString(0), c -> new HashSet<>()).add(r.getString(1));
        }
        Map<String, Set<String>> top = new HashMap<>();
        Map<String, String> firstPick = new HashMap<>();
        Set<String> personal = new HashSet<>();
        long becauseRows = 0;
        long becauseRight = 0;
        long crossSell = 0;
        long crossSellNoReason = 0;
        long consumableRows = 0;
        long consumableNonOwner = 0;
        for (Row r : recommendations.filter(col(RANK).leq(k))
                .select(CUSTOMER_ID, RANK, PRODUCT_ID, KIND, BECAUSE_PRODUCT_ID).collectAsList()) {
            String c = r.getString(0);
            String p = r.getString(2);
            String kind = r.getString(3);
            String because = r.getString(4);
            top.computeIfAbsent(c, x -> new HashSet<>()).add(p);
            if (r.getInt(1) == 1) {
                firstPick.put(c, p);
            }
            if (!kind.equals(RecommendationKind.POPULAR.code())) {
                personal.add(c);
            }
            if (kind.equals(RecommendationKind.CROSS_SELL.code())) {
                crossSell++;
                crossSellNoReason += because == null ? 1 : 0;
            }
            if (because != null && !because.equals(p)) {
                becauseRows++;
                Integer fp = family.get(p);
                becauseRight += fp != null && fp.equals(family.get(because)) ? 1 : 0;
            }
            if (PlantedComplements.CONSUMABLE.equals(role.get(p))) {
                consumableRows++;
                Integer fp = family.get(p);
                boolean serves = owned.getOrDefault(c, Set.of()).stream()
                        .anyMatch(o -> fp.equals(family.get(o)) && !o.equals(p));
                consumableNonOwner += serves ? 0 : 1;
            }
        }
        long accessoryPairs = 0;
        long accessoryFound = 0;
        long consumablePairs = 0;
        long consumableFound = 0;
        Path lacking = new Path(truth, PlantedComplements.TRUTH_LACKING);
        if (exists(spark, lacking)) {
            for (Row r : spark.read().option("header", true).csv(lacking.toString())
                    .filter(col("role").equalTo(PlantedComplements.ACCESSORY)).collectAsList()) {
                String c = r.getString(0);
                if (owned.getOrDefault(c, Set.of()).contains(r.getString(1))) {
                    accessoryPairs++;
                    accessoryFound += top.getOrDefault(c, Set.of()).contains(r.getString(2)) ? 1 : 0;
                }
            }
        }
        for (Map.Entry<String, Set<String>> e : owned.entrySet()) {
            for (String p : e.getValue()) {
                if (!PlantedComplements.DEVICE.equals(role.get(p))) {
                    continue;
                }
                Set<String> picks = top.getOrDefault(e.getKey(), Set.of());
                for (String consumable : consumablesOf.getOrDefault(family.get(p), List.of())) {
                    if (!e.getValue().contains(consumable)) {
                        consumablePairs++;
                        consumableFound += picks.contains(consumable) ? 1 : 0;
                    }
                }
                // Without a planted truth (the sample data), every accessory an owner lacks is a pair.
                if (!exists(spark, lacking)) {
                    for (String accessory : accessoriesOf.getOrDefault(family.get(p), List.of())) {
                        if (!e.getValue().contains(accessory)) {
                            accessoryPairs++;
                            accessoryFound += picks.contains(accessory) ? 1 : 0;
                        }
                    }
                }
            }
        }
        Map<String, Long> firsts = new HashMap<>();
        firstPick.values().forEach(p -> firsts.merge(p, 1L, Long::sum));
        long most = firsts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long personalBuyers = owned.keySet().stream().filter(personal::contains).count();
        return new Result(accessoryPairs, share(accessoryFound, accessoryPairs), becauseRows,
                share(becauseRight, becauseRows), share(crossSellNoReason, crossSell), consumablePairs,
                share(consumableFound, consumablePairs), consumableRows, share(consumableNonOwner, consumableRows),
                share(most, top.size()), share(personalBuyers, owned.size()));
    }

    private static double share(long part, long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    /** Every customer in one segment, for running the nightly recommendations outside the pipeline. */
    public static Dataset<Row> oneSegment(CleanInputs in) {
        Dataset<Row> ids = in.orders().select(CUSTOMER_ID).union(in.events().select(CUSTOMER_ID));
        if (in.customers() != null) {
            ids = ids.union(in.customers().select(CUSTOMER_ID));
        }
        return ids.distinct().withColumn(SEGMENT_ID, lit(0));
    }
}
