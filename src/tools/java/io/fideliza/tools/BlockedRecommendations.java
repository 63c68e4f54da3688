package io.fideliza.tools;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.recommend.AlsRecommender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Every user's top-k from a fitted ALS model by {@link BlockedTopK}, each explained by the user's own product whose
 * factors are closest: what {@link TopKBenchmark} times against MLlib's {@code recommendForAllUsers} (the product
 * ranks with {@code recommend.PersonalTopK}).
 */
public final class BlockedRecommendations {
    private BlockedRecommendations() {
    }

    /**
     * Top-k per user among {@code candidates} (product ids that may be recommended at all), skipping each
     * user's {@code excluded} products; {@code explainers} are the products that may explain a pick.
     * Output: customer_id, product_id, score, because_product_id, rank.
     */
    public static Dataset<Row> recommend(SparkSession spark, AlsRecommender.Fitted fitted, Dataset<Row> candidates,
                                         Dataset<Row> excluded, Dataset<Row> explainers, int k) {
        List<Row> itemRows = fitted.model().itemFactors()
                .join(fitted.items(), col("id").equalTo(col(AlsRecommender.ITEM_INDEX)))
                .join(candidates.select(col(PRODUCT_ID).as("_candidate")), col(PRODUCT_ID).equalTo(col("_candidate")), "left")
                .select(col(PRODUCT_ID), col("features"), col("_candidate").isNotNull())
                .orderBy(PRODUCT_ID).collectAsList();
        int rank = fitted.model().rank();
        int n = itemRows.size();
        float[] factors = new float[n * rank];
        boolean[] candidate = new boolean[n];
        String[] productIds = new String[n];
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Row r = itemRows.get(i);
            productIds[i] = r.getString(0);
            position.put(productIds[i], i);
            List<Float> f = r.getList(1);
            for (int j = 0; j < rank; j++) {
                factors[i * rank + j] = f.get(j);
            }
            candidate[i] = r.getBoolean(2);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<BlockedTopK> scorer = jsc.broadcast(new BlockedTopK(rank, factors, candidate, k,
                AlsRecommender.BLOCK_SIZE));
        Broadcast<Map<String, Integer>> positions = jsc.broadcast(position);
        Broadcast<String[]> ids = jsc.broadcast(productIds);

        Dataset<Row> perUser = fitted.model().userFactors()
                .join(fitted.users(), col("id").equalTo(col(AlsRecommender.USER_INDEX)))
                .select(col(CUSTOMER_ID), col("features"))
                .join(excluded.groupBy(CUSTOMER_ID).agg(collect_set(PRODUCT_ID).as("_excluded")), CUSTOMER_ID, "left")
                .join(explainers.groupBy(CUSTOMER_ID).agg(collect_set(PRODUCT_ID).as("_explainers")), CUSTOMER_ID, "left");
        JavaRDD<Row> picks = perUser.javaRDD()
                .mapPartitions(rows -> scorePartition(rows, scorer.value(), positions.value(), ids.value()));
        return spark.createDataFrame(picks, new StructType().add(CUSTOMER_ID, DataTypes.StringType)
                .add(PRODUCT_ID, DataTypes.StringType).add(SCORE, DataTypes.DoubleType)
                .add(BECAUSE_PRODUCT_ID, DataTypes.StringType).add(RANK, DataTypes.IntegerType));
    }

    /** Scores one partition of users; static so that the closure carries only the broadcast values. */
    private static Iterator<Row> scorePartition(Iterator<Row> rows, BlockedTopK scorer, Map<String, Integer> pos,
                                                String[] names) {
        Iterator<BlockedTopK.User> users = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public BlockedTopK.User next() {
                Row r = rows.next();
                List<Float> f = r.getList(1);
                float[] uf = new float[f.size()];
                for (int j = 0; j < uf.length; j++) {
                    uf[j] = f.get(j);
                }
                return new BlockedTopK.User(r.getString(0), uf, positionsOf(r, 2, pos), positionsOf(r, 3, pos));
            }
        };
        List<Row> out = new ArrayList<>();
        scorer.score(users).forEachRemaining(p -> out.add(RowFactory.create(p.userId(), names[p.item()],
                (double) p.score(), p.because() < 0 ? null : names[p.because()], p.rank())));
        return out.iterator();
    }

    private static int[] positionsOf(Row r, int field, Map<String, Integer> pos) {
        if (r.isNullAt(field)) {
            return new int[0];
        }
        List<String> products = r.getList(field);
        return products.stream().map(pos::get).filter(Objects::nonNull).mapToInt(Integer::intValue).toArray();
    }
}
