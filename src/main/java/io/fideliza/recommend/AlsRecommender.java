package io.fideliza.recommend;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig.AlsSettings;
import org.apache.spark.api.java.JavaRDD;
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
 * Fits implicit-feedback ALS (Spark ML) over the interactions, with customers and products numbered densely;
 * {@link PersonalTopK} ranks from the fitted factors.
 */
public final class AlsRecommender {
    /** The dense customer and product numbers in {@link Fitted#users()} and {@link Fitted#items()}. */
    public static final String USER_INDEX = "_user";
    public static final String ITEM_INDEX = "_item";
    /** Customers scored per BLAS matrix product. */
    public static final int BLOCK_SIZE = 256;

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
}
