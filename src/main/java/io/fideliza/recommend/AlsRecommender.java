package io.fideliza.recommend;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig.AlsSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Implicit-feedback ALS (Spark ML) over the interactions, then every user's top-k candidates by
 * {@link BlockedTopK}, each explained by the user's own product whose factors are closest.
 */
public final class AlsRecommender {
    static final String USER_INDEX = "_user";
    static final String ITEM_INDEX = "_item";
    static final int BLOCK_SIZE = 256;

    private final SparkSession spark;
    private final AlsSettings settings;

    public AlsRecommender(SparkSession spark, AlsSettings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    /** A fitted model with the id maps needed to read its factors. */
    public record Fitted(ALSModel model, Dataset<Row> users, Dataset<Row> items) {
    }

    public Fitted fit(Dataset<Row> interactions) {
        Dataset<Row> users = index(interactions.select(CUSTOMER_ID).distinct(), CUSTOMER_ID, USER_INDEX);
        Dataset<Row> items = index(interactions.select(PRODUCT_ID).distinct(), PRODUCT_ID, ITEM_INDEX);
        // Products are few (a catalogue): broadcast, so the interactions are not shuffled to meet them.
        Dataset<Row> ratings = interactions.join(users, CUSTOMER_ID).join(broadcast(items), PRODUCT_ID)
                .select(col(USER_INDEX), col(ITEM_INDEX), col(Interactions.STRENGTH).cast("float"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        int blocks = blocks(ratings.count());
        ALSModel model = new ALS().setNumUserBlocks(blocks).setNumItemBlocks(blocks)
                .setImplicitPrefs(true).setRank(settings.rank()).setRegParam(settings.regParam())
                .setAlpha(settings.alpha()).setMaxIter(settings.iterations()).setSeed(settings.seed())
                .setUserCol(USER_INDEX).setItemCol(ITEM_INDEX).setRatingCol(Interactions.STRENGTH)
                .setColdStartStrategy("drop").fit(ratings);
        ratings.unpersist();
        return new Fitted(model, users, items);
    }

    /**
     * ALS blocks (partitions of users and of items): Spark's default of 10 up from a million interactions,
     * fewer below, where every further block only adds tasks to each of the fit's many small jobs.
     */
    static int blocks(long interactions) {
        return (int) Math.max(1, Math.min(DEFAULT_BLOCKS, (interactions + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK));
    }

    private static final int DEFAULT_BLOCKS = 10;
    private static final long ROWS_PER_BLOCK = 100_000;

    /** Dense int ids for ALS, stable for the same set of ids. */
    private Dataset<Row> index(Dataset<Row> ids, String idColumn, String indexColumn) {
        JavaRDD<Row> rows = ids.orderBy(idColumn).javaRDD().zipWithIndex()
                .map(t -> RowFactory.create(t._1().getString(0), (int) (long) t._2()));
        return spark.createDataFrame(rows, new StructType().add(idColumn, DataTypes.StringType)
                .add(indexColumn, DataTypes.IntegerType)).persist(StorageLevel.MEMORY_AND_DISK());
    }

    /**
     * Top-k per user among {@code candidates} (product ids that may be recommended at all), skipping each
     * user's {@code excluded} products; {@code explainers} are the products that may explain a pick.
     * Output: customer_id, product_id, score, because_product_id, rank.
     */
    public Dataset<Row> recommend(Fitted fitted, Dataset<Row> candidates, Dataset<Row> excluded, Dataset<Row> explainers,
                                  int k) {
        List<Row> itemRows = fitted.model().itemFactors().join(fitted.items(), col("id").equalTo(col(ITEM_INDEX)))
                .join(candidates.select(col(PRODUCT_ID).as("_candidate")), col(PRODUCT_ID).equalTo(col("_candidate")), "left")
                .select(col(PRODUCT_ID), col("features"), col("_candidate").isNotNull())
                .orderBy(PRODUCT_ID).collectAsList();
        int rank = settings.rank();
        int n = itemRows.size();
        float[] factors = new float[n * rank];
        boolean[] candidate = new boolean[n];
        String[] productIds = new String[n];
        java.util.Map<String, Integer> position = new java.util.HashMap<>();
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
        Broadcast<BlockedTopK> scorer = jsc.broadcast(new BlockedTopK(rank, factors, candidate, k, BLOCK_SIZE));
        Broadcast<java.util.Map<String, Integer>> positions = jsc.broadcast(position);
        Broadcast<String[]> ids = jsc.broadcast(productIds);

        Dataset<Row> perUser = fitted.model().userFactors().join(fitted.users(), col("id").equalTo(col(USER_INDEX)))
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
    private static Iterator<Row> scorePartition(Iterator<Row> rows, BlockedTopK scorer,
                                                java.util.Map<String, Integer> pos, String[] names) {
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

    private static int[] positionsOf(Row r, int field, java.util.Map<String, Integer> pos) {
        if (r.isNullAt(field)) {
            return new int[0];
        }
        List<String> products = r.getList(field);
        return products.stream().map(pos::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).toArray();
    }

}
