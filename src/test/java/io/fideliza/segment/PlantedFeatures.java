package io.fideliza.segment;

import static io.fideliza.contract.Columns.*;
import static io.fideliza.contract.FeatureColumns.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * customer_features of planted kinds of customers, built directly (no input files): the columns segmentation,
 * RFM, names and profiles read. {@code daysLater} shows the same customers that many days later, nobody having
 * ordered or visited since: recency, tenure and the last visit grow, nothing else changes.
 */
final class PlantedFeatures {
    /** A kind of customer: ranges of orders, recency, tenure, order value, visits and carts (inclusive). */
    record Kind(String name, int[] orders, int[] recency, int[] tenure, int[] orderValue, int[] sessions, int[] carts,
                double unhappyShare, int[] lastVisit) {
    }

    static final StructType SCHEMA = new StructType().add(CUSTOMER_ID, DataTypes.StringType)
            .add(ORDERS, DataTypes.LongType).add(RECENCY_DAYS, DataTypes.IntegerType)
            .add(TENURE_DAYS, DataTypes.IntegerType).add(MONETARY, DataTypes.DoubleType)
            .add(AVG_ORDER_VALUE, DataTypes.DoubleType).add(ORDERS_PER_MONTH, DataTypes.DoubleType)
            .add(REPEAT_CUSTOMER, DataTypes.BooleanType).add(SESSIONS, DataTypes.LongType)
            .add(VIEWS, DataTypes.LongType).add(ABANDONED_CARTS, DataTypes.LongType)
            .add(UNHAPPINESS, DataTypes.IntegerType).add(DAYS_SINCE_LAST_VISIT, DataTypes.IntegerType)
            .add(OPEN_TICKETS, DataTypes.LongType).add(SUPPORT_CONTACTS, DataTypes.LongType)
            .add(NPS_SCORE, DataTypes.IntegerType).add(CONTACTABLE, DataTypes.BooleanType)
            .add("_kind", DataTypes.StringType);

    /**
     * Six kinds, none unhappy and no abandoned carts; their silhouettes put k = 4 and k = 5 within 0.01 of each
     * other (0.844 and 0.834 with seed 11), a closer call than segment.refit_margin.
     */
    static final List<Kind> SIX = List.of(
            new Kind("champion", r(18, 35), r(0, 9), r(300, 540), r(60, 100), r(22, 40), r(0, 0), 0, r(0, 5)),
            new Kind("loyal", r(6, 12), r(3, 35), r(250, 540), r(50, 90), r(8, 15), r(0, 0), 0, r(1, 20)),
            new Kind("new", r(1, 2), r(1, 30), r(1, 40), r(40, 120), r(2, 5), r(0, 0), 0, r(0, 20)),
            new Kind("at_risk", r(3, 8), r(110, 200), r(300, 540), r(50, 90), r(1, 4), r(0, 0), 0, r(70, 160)),
            new Kind("hibernating", r(1, 4), r(220, 420), r(400, 540), r(40, 90), r(0, 2), r(0, 0), 0, r(150, 400)),
            new Kind("window_shopper", r(0, 0), r(-1, -1), r(30, 500), r(0, 0), r(10, 20), r(0, 0), 0, r(0, 30)));

    private static int[] r(int from, int to) {
        return new int[] {from, to};
    }

    private PlantedFeatures() {
    }

    static Dataset<Row> of(SparkSession spark, List<Kind> kinds, int customers, long seed, int daysLater) {
        return of(spark, kinds, customers, seed, daysLater, 0);
    }

    /** Customers numbered from {@code firstId}. */
    static Dataset<Row> of(SparkSession spark, List<Kind> kinds, int customers, long seed, int daysLater, int firstId) {
        List<Row> rows = new ArrayList<>();
        for (int i = firstId; i < firstId + customers; i++) {
            Random random = new Random(seed * 1_000_003L + i);
            Kind k = kinds.get((i - firstId) % kinds.size());
            long orders = draw(random, k.orders());
            Integer recency = orders == 0 ? null : draw(random, k.recency()) + daysLater;
            int tenure = Math.max(draw(random, k.tenure()), recency == null ? 0 : recency - daysLater) + daysLater;
            double value = orders == 0 ? 0 : draw(random, k.orderValue()) + random.nextDouble();
            long sessions = draw(random, k.sessions());
            Integer lastVisit = sessions == 0 ? null : draw(random, k.lastVisit()) + daysLater;
            int unhappiness = random.nextDouble() < k.unhappyShare() ? 1 : 0;
            rows.add(RowFactory.create(String.format("C%05d", i), orders, recency, tenure, orders * value,
                    orders == 0 ? null : value, orders / Math.max(1.0, tenure / 30.0), orders >= 2, sessions,
                    sessions * (2 + random.nextInt(3)), (long) draw(random, k.carts()), unhappiness, lastVisit,
                    (long) unhappiness, (long) unhappiness, null, random.nextDouble() < 0.8, k.name()));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static int draw(Random random, int[] range) {
        return range[0] + random.nextInt(range[1] - range[0] + 1);
    }
}
