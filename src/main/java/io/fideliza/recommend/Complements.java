package io.fideliza.recommend;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What goes with what: for each product, the products its buyers buy more than everyone else does. Customers,
 * not baskets, are counted: a printer's buyers and a paper tray's buyers, of all buyers. The strength of the
 * evidence is Dunning's log-likelihood ratio on the 2x2 table (bought both, only one, only the other, neither),
 * as in Mahout and the Universal Recommender, or that statistic within strata of customers who buy as many
 * products ({@link #learn}); only positive associations (buyers of one buy the other more often than the rest do)
 * significant across the whole catalogue are kept, the strongest {@code neighbours} per product, and only in the
 * direction the purchases ran: B goes with A when most of their co-buyers had A first or bought both the same day.
 */
public final class Complements implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String COMPLEMENT_ID = "complement_id";
    public static final String LLR = "llr";
    /** The evidence a complement is kept and ranked by (see {@link #learn}). */
    public static final String EVIDENCE = "evidence";
    public static final String BUYERS_BOTH = "buyers_both";
    public static final String LIFT = "lift";
    /** Of the product's buyers, the share who bought the complement too: P(complement | product). */
    public static final String BUYERS_SHARE = "buyers_share";
    /** Of the co-buyers, those who bought the complement on an earlier day than the product (not in the table). */
    private static final String COMPLEMENT_FIRST = "_complement_first";
    /**
     * Heavy buyers (wholesalers) add their products squared to the pair count; their most recent products stand
     * for them, as the Universal Recommender down-samples such users.
     */
    static final int MAX_PRODUCTS_PER_CUSTOMER = 300;
    /** The association table {@link #learn} returns. */
    public static final StructType TABLE = new StructType().add(PRODUCT_ID, DataTypes.StringType)
            .add(COMPLEMENT_ID, DataTypes.StringType).add(BUYERS_BOTH, DataTypes.LongType)
            .add(BUYERS_SHARE, DataTypes.DoubleType).add(LIFT, DataTypes.DoubleType).add(LLR, DataTypes.DoubleType)
            .add(EVIDENCE, DataTypes.DoubleType);
    /** Fewer co-buyers than this are an anecdote, whatever a test statistic says of so small a count. */
    static final int MIN_CO_BUYERS = 3;
    /** Activity strata by distinct products bought: 1, 2-3, 4-7, ..., 256-300. */
    static final int MAX_STRATUM = 8;

    /**
     * Per product index: its complements (product indexes), strongest evidence first; the evidence (log-likelihood
     * ratio, which says how sure the association is) and the share of its buyers who bought each (which says how
     * likely an owner is to want it).
     */
    private final int[][] neighbours;
    private final float[][] evidence;
    private final float[][] shares;

    private Complements(int[][] neighbours, float[][] evidence, float[][] shares) {
        this.neighbours = neighbours;
        this.evidence = evidence;
        this.shares = shares;
    }

    /**
     * The association table from purchases (customer_id, product_id, ordered_at; repeated rows allowed):
     * product_id, complement_id, buyers_both, buyers_share, lift, llr, evidence. With {@code byActivity} the
     * evidence compares the co-buyers with what customers who buy as many different products would give by chance
     * (the Cochran-Mantel-Haenszel statistic over activity strata: 1, 2-3, 4-7, 8-15... products, with its
     * continuity correction, and never more than the log-likelihood ratio), so that big spenders, who own a bit of
     * everything, do not make every pair of popular products look like a complement; otherwise it is the
     * log-likelihood ratio. Both are chi-square statistics with one degree of freedom.
     */
    public static Dataset<Row> learn(Dataset<Row> purchases, int neighbours, double significance, boolean byActivity) {
        return learn(purchases, neighbours, byActivity, pairs -> evidenceThreshold(significance, pairs));
    }

    /** As {@link #learn}, with a fixed evidence threshold (tests). */
    static Dataset<Row> learnAbove(Dataset<Row> purchases, int neighbours, double minEvidence, boolean byActivity) {
        return learn(purchases, neighbours, byActivity, pairs -> minEvidence);
    }

    private static Dataset<Row> learn(Dataset<Row> purchases, int neighbours, boolean byActivity,
                                      java.util.function.LongToDoubleFunction threshold) {
        Dataset<Row> owned = purchases.groupBy(CUSTOMER_ID, PRODUCT_ID)
                .agg(max(ORDERED_AT).as("_last"), to_date(min(ORDERED_AT)).as("_first"))
                .withColumn("_n", row_number().over(Window.partitionBy(CUSTOMER_ID).orderBy(col("_last").desc(),
                        col(PRODUCT_ID))))
                .filter(col("_n").leq(MAX_PRODUCTS_PER_CUSTOMER))
                .withColumn("_s", least(lit(MAX_STRATUM), floor(log2(max(col("_n")).over(Window.partitionBy(CUSTOMER_ID))))
                        .cast("int")))
                .select(CUSTOMER_ID, PRODUCT_ID, "_s", "_first")
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        // Customers per activity stratum, and each product's buyers per stratum: small, on the driver.
        double[] customersIn = new double[MAX_STRATUM + 1];
        for (Row r : owned.groupBy("_s").agg(countDistinct(CUSTOMER_ID)).collectAsList()) {
            customersIn[r.getInt(0)] = r.getLong(1);
        }
        long customers = Math.round(java.util.Arrays.stream(customersIn).sum());
        Map<String, double[]> buyersIn = new HashMap<>();
        for (Row r : owned.groupBy(PRODUCT_ID, "_s").count().collectAsList()) {
            buyersIn.computeIfAbsent(r.getString(0), x -> new double[MAX_STRATUM + 1])[r.getInt(1)] = r.getLong(2);
        }
        Dataset<Row> buyers = owned.groupBy(PRODUCT_ID).agg(count(lit(1)).as("_buyers"));
        Dataset<Row> a = owned.select(col(CUSTOMER_ID), col(PRODUCT_ID).as("_a"), col("_first").as("_fa"));
        Dataset<Row> b = owned.select(col(CUSTOMER_ID), col(PRODUCT_ID).as("_b"), col("_first").as("_fb"));
        Dataset<Row> pairs = a.join(b, CUSTOMER_ID).filter(col("_a").notEqual(col("_b")))
                .groupBy("_a", "_b").agg(count(lit(1)).as(BUYERS_BOTH),
                        count(when(col("_fb").lt(col("_fa")), lit(1))).as(COMPLEMENT_FIRST))
                .filter(col(BUYERS_BOTH).geq(MIN_CO_BUYERS))
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        Column n = lit((double) customers);
        Column k11 = col(BUYERS_BOTH).cast("double");
        Column na = col("_na").cast("double");
        Column nb = col("_nb").cast("double");
        Column k12 = na.minus(k11);
        Column k21 = nb.minus(k11);
        Column k22 = n.minus(na).minus(nb).plus(k11);
        Column llr = lit(2.0).multiply(entropy(k11.plus(k12), k21.plus(k22)).plus(entropy(k11.plus(k21), k12.plus(k22)))
                .minus(entropy4(k11, k12, k21, k22)));
        Dataset<Row> table = pairs
                .join(broadcast(buyers.select(col(PRODUCT_ID).as("_a"), col("_buyers").as("_na"))), "_a")
                .join(broadcast(buyers.select(col(PRODUCT_ID).as("_b"), col("_buyers").as("_nb"))), "_b")
                // Positive association only: buyers of a buy b more often than the others do.
                .filter(k11.multiply(n).gt(na.multiply(nb)))
                .withColumn(LIFT, k11.multiply(n).divide(na.multiply(nb)))
                .withColumn(BUYERS_SHARE, k11.divide(na))
                .withColumn(LLR, greatest(lit(0.0), llr));
        if (byActivity) {
            org.apache.spark.broadcast.Broadcast<Map<String, double[]>> perStratum = org.apache.spark.api.java.JavaSparkContext
                    .fromSparkContext(purchases.sparkSession().sparkContext()).broadcast(buyersIn);
            double[] sizes = customersIn;
            org.apache.spark.sql.expressions.UserDefinedFunction chance = udf(
                    (org.apache.spark.sql.api.java.UDF2<String, String, double[]>) (x, y) ->
                            chance(perStratum.value().get(x), perStratum.value().get(y), sizes),
                    DataTypes.createArrayType(DataTypes.DoubleType));
            table = table.withColumn("_chance", chance.apply(col("_a"), col("_b")))
                    // Mantel-Haenszel with its continuity correction; and no more than the plain log-likelihood
                    // ratio, which holds better on the small counts where a chi-square on 3 co-buyers expected 0.4
                    // times is far too sure.
                    .withColumn(EVIDENCE, when(k11.gt(col("_chance").getItem(0)), least(col(LLR),
                            pow(greatest(lit(0.0), k11.minus(col("_chance").getItem(0)).minus(0.5)), 2)
                                    .divide(greatest(col("_chance").getItem(1), lit(1e-9))))).otherwise(lit(0.0)));
        } else {
            table = table.withColumn(EVIDENCE, col(LLR));
        }
        // Every product pair with enough co-buyers is a test: the threshold holds the chance of one false
        // complement anywhere in the catalogue to the significance.
        table = table.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        long tested = pairs.count() / 2;
        double minEvidence = threshold.applyAsDouble(tested);
        return table.filter(col(EVIDENCE).geq(minEvidence))
                // The evidence runs from the product to the complement: most co-buyers had the product first (or
                // both the same day). A camera is not offered because of its tripod when camera owners add the
                // tripod later; the tripod is offered because of the camera.
                .filter(col(COMPLEMENT_FIRST).multiply(2).leq(col(BUYERS_BOTH)))
                .withColumn("_r", row_number().over(Window.partitionBy("_a").orderBy(col(EVIDENCE).desc(), col("_b"))))
                .filter(col("_r").leq(neighbours))
                .select(col("_a").as(PRODUCT_ID), col("_b").as(COMPLEMENT_ID), col(BUYERS_BOTH), col(BUYERS_SHARE),
                        col(LIFT), col(LLR), col(EVIDENCE));
    }

    /**
     * The chi-square statistic (one degree of freedom) that {@code pairs} tests, at a family-wise
     * {@code significance} (Bonferroni), must each pass: 10.8 for p = 0.001, 16.4 for 0.05 over 1,000 pairs.
     */
    public static double evidenceThreshold(double significance, long pairs) {
        double p = significance / Math.max(1, pairs);
        // P(chi2 > x) = erfc(sqrt(x / 2)): bisection on x.
        double lo = 0;
        double hi = 2000;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (erfc(Math.sqrt(mid / 2)) > p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** The complementary error function, relative error below 1.2e-7 (Numerical Recipes' erfcc). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /**
     * The co-buyers expected by chance within each activity stratum, summed, and their variance (hypergeometric,
     * as in the Cochran-Mantel-Haenszel test): [expected, variance].
     */
    static double[] chance(double[] a, double[] b, double[] customers) {
        double expected = 0;
        double variance = 0;
        if (a != null && b != null) {
            for (int s = 0; s < customers.length; s++) {
                double c = customers[s];
                if (c > 1 && a[s] > 0 && b[s] > 0) {
                    expected += a[s] * b[s] / c;
                    variance += a[s] * b[s] * (c - a[s]) * (c - b[s]) / (c * c * (c - 1));
                }
            }
        }
        return new double[] {expected, variance};
    }

    /** Unnormalised entropy of counts x, y: xlogx(x + y) - xlogx(x) - xlogx(y), negated as in Mahout's LLR. */
    private static Column entropy(Column x, Column y) {
        return xLogX(x.plus(y)).minus(xLogX(x)).minus(xLogX(y));
    }

    private static Column entropy4(Column a, Column b, Column c, Column d) {
        return xLogX(a.plus(b).plus(c).plus(d)).minus(xLogX(a)).minus(xLogX(b)).minus(xLogX(c)).minus(xLogX(d));
    }

    private static Column xLogX(Column x) {
        return when(x.gt(0), x.multiply(log(x))).otherwise(lit(0.0));
    }

    /** The table (product_id, complement_id, llr, ...) as arrays over the product indexes of {@code index}. */
    public static Complements of(List<Row> table, Map<String, Integer> index) {
        Map<Integer, List<Row>> byProduct = new HashMap<>();
        for (Row r : table) {
            Integer a = index.get(r.getString(r.fieldIndex(PRODUCT_ID)));
            Integer b = index.get(r.getString(r.fieldIndex(COMPLEMENT_ID)));
            if (a != null && b != null) {
                byProduct.computeIfAbsent(a, x -> new ArrayList<>()).add(r);
            }
        }
        int[][] neighbours = new int[index.size()][];
        float[][] evidence = new float[index.size()][];
        float[][] shares = new float[index.size()][];
        for (int a = 0; a < neighbours.length; a++) {
            List<Row> rows = byProduct.getOrDefault(a, new ArrayList<>());
            rows.sort((x, y) -> Double.compare(y.getDouble(y.fieldIndex(EVIDENCE)), x.getDouble(x.fieldIndex(EVIDENCE))));
            neighbours[a] = new int[rows.size()];
            evidence[a] = new float[rows.size()];
            shares[a] = new float[rows.size()];
            for (int j = 0; j < rows.size(); j++) {
                Row r = rows.get(j);
                neighbours[a][j] = index.get(r.getString(r.fieldIndex(COMPLEMENT_ID)));
                evidence[a][j] = (float) r.getDouble(r.fieldIndex(EVIDENCE));
                shares[a][j] = (float) r.getDouble(r.fieldIndex(BUYERS_SHARE));
            }
        }
        return new Complements(neighbours, evidence, shares);
    }

    int[] neighbours(int product) {
        return neighbours[product];
    }

    float[] evidence(int product) {
        return evidence[product];
    }

    float[] shares(int product) {
        return shares[product];
    }

    public int products() {
        return neighbours.length;
    }
}
