package io.fideliza.recommend;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fideliza.config.ConfidenceScale;
import io.fideliza.config.JobConfig.RecommendSettings;
import io.fideliza.contract.OrderStatus;
import io.fideliza.contract.RecommendationKind;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.run.RunContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * A fitted recommender: ALS item factors (when the blend uses ALS) and the complement evidence between products,
 * with the parameters it was fitted with and its training date (its validation is in its generation's info).
 * Applying it to a night's history solves each customer's factors from their current interactions (one ALS half-step against the saved
 * item factors), so a night that reuses a model fits nothing. Saved as a folder: {@code als/} (Spark ML's ALSModel
 * format), {@code items/} (product_id to ALS item index), {@code complements/} (Parquet) and {@code model.json}.
 */
public final class RecommenderModel {
    /** The model's name under {@code _models/}. */
    public static final String NAME = "recommender";
    static final String MODEL_JSON = "model.json";
    static final String ALS_FOLDER = "als";
    static final String ITEMS_FOLDER = "items";
    static final String COMPLEMENTS_FOLDER = "complements";
    static final StructType PICKS = new StructType().add(CUSTOMER_ID, DataTypes.StringType)
            .add(PRODUCT_ID, DataTypes.StringType).add(SCORE, DataTypes.DoubleType)
            .add(BECAUSE_PRODUCT_ID, DataTypes.StringType).add(KIND, DataTypes.StringType)
            .add(RANK, DataTypes.IntegerType);

    private final RecommenderParams params;
    private final LocalDate trainedOn;
    /** ALS's own model (null without ALS) and its item index: product_id, _item. */
    private final ALSModel als;
    private final Dataset<Row> alsItems;
    private final List<Row> complements;

    RecommenderModel(RecommenderParams params, LocalDate trainedOn, ALSModel als, Dataset<Row> alsItems,
                     List<Row> complements) {
        this.params = params;
        this.trainedOn = trainedOn;
        this.als = als;
        this.alsItems = alsItems;
        this.complements = complements;
    }

    public RecommenderParams params() {
        return params;
    }

    public LocalDate trainedOn() {
        return trainedOn;
    }

    public List<Row> complements() {
        return complements;
    }

    /** The same fitted parts, blended otherwise (0: complements alone; 1: ALS alone, if the model has ALS). */
    public RecommenderModel withBlend(double blend) {
        return new RecommenderModel(params.withBlend(blend), trainedOn, als, alsItems, complements);
    }

    /** Fits a model with {@code params} on everything up to the end of the run date: ALS (if used) and complements. */
    public static RecommenderModel fit(SparkSession spark, CleanInputs in, RunContext run, RecommendSettings settings,
                                       RecommenderParams params) {
        List<Row> complements = Complements.learn(purchases(in), params.neighbours(), params.significance(),
                params.byActivity()).collectAsList();
        return fitAls(spark, in, run, settings, params, complements);
    }

    /** As {@link #fit}, with complement evidence already learnt from the same history. */
    static RecommenderModel fitAls(SparkSession spark, CleanInputs in, RunContext run, RecommendSettings settings,
                                   RecommenderParams params, List<Row> complements) {
        Dataset<Row> interactions = params.usesAls()
                ? Interactions.build(in, run, settings.weights(), settings.halfLifeDays()) : null;
        return fitAls(spark, interactions, run, params, complements);
    }

    /** As {@link #fitAls(SparkSession, CleanInputs, RunContext, RecommendSettings, RecommenderParams, List)}, on
     * interactions already built from that history (a search shares them between its candidates). */
    static RecommenderModel fitAls(SparkSession spark, Dataset<Row> interactions, RunContext run,
                                   RecommenderParams params, List<Row> complements) {
        ALSModel model = null;
        Dataset<Row> items = null;
        if (params.usesAls()) {
            AlsRecommender.Fitted fitted = new AlsRecommender(spark, params.als())
                    .fit(scaled(interactions, params));
            model = fitted.model();
            items = fitted.items();
        }
        return new RecommenderModel(params, run.runDate(), model, items, complements);
    }

    /** Interactions with the strength ALS sees: scaled by the confidence function (Spark applies 1 + alpha x). */
    static Dataset<Row> scaled(Dataset<Row> interactions, RecommenderParams p) {
        if (p.confidence() == ConfidenceScale.LINEAR) {
            return interactions;
        }
        return interactions.withColumn(Interactions.STRENGTH, log1p(col(Interactions.STRENGTH).divide(p.epsilon())));
    }

    static Dataset<Row> purchases(CleanInputs in) {
        return in.orders().filter(OrderStatus.isPurchase());
    }

    /**
     * Personal picks for the customers of {@code interactions} and of the purchases (or only those of
     * {@code only}, when not null): up to {@code k} cross-sells (never an excluded product nor a consumable) and
     * up to {@code k} first refills (a consumable that goes with a durable product the customer owns and that they
     * never bought). Output: customer_id, product_id, score, because_product_id, kind, rank (within the kind).
     */
    public Dataset<Row> personal(SparkSession spark, CleanInputs in, Dataset<Row> interactions, Dataset<Row> excluded,
                                 Dataset<Row> only, int minProductsForAls, int k) {
        return personal(spark, in, customers(in, interactions, excluded, only), minProductsForAls, k);
    }

    /**
     * What {@link #personal} scores, one row per customer: customer_id, their interactions (product_id, strength),
     * owned and excluded products. It depends on the history only, not on the model: a search builds it once.
     */
    static Dataset<Row> customers(CleanInputs in, Dataset<Row> interactions, Dataset<Row> excluded, Dataset<Row> only) {
        Dataset<Row> perCustomer = interactions.groupBy(CUSTOMER_ID)
                .agg(collect_list(struct(col(PRODUCT_ID), col(Interactions.STRENGTH))).as("_interactions"))
                .join(purchases(in).groupBy(CUSTOMER_ID).agg(collect_set(PRODUCT_ID).as("_owned")), CUSTOMER_ID, "full")
                .join(excluded.groupBy(CUSTOMER_ID).agg(collect_set(PRODUCT_ID).as("_excluded")), CUSTOMER_ID, "left");
        if (only != null) {
            perCustomer = perCustomer.join(only.select(CUSTOMER_ID).distinct(), CUSTOMER_ID);
        }
        return perCustomer.select(col(CUSTOMER_ID), col("_interactions"), col("_owned"), col("_excluded"));
    }

    /** {@link #personal} over the rows of {@link #customers}. */
    Dataset<Row> personal(SparkSession spark, CleanInputs in, Dataset<Row> customers, int minProductsForAls, int k) {
        // The product index: every product of today's catalogue, plus those the model knows and the catalogue lost.
        List<Row> catalogue = in.products().select(col(PRODUCT_ID), col(AVAILABLE), col(CONSUMABLE)).collectAsList();
        Map<String, Integer> index = new HashMap<>();
        List<String> ids = new ArrayList<>();
        List<Boolean> available = new ArrayList<>();
        List<Boolean> consumable = new ArrayList<>();
        for (Row r : catalogue) {
            index.put(r.getString(0), ids.size());
            ids.add(r.getString(0));
            available.add(!r.isNullAt(1) && r.getBoolean(1));
            consumable.add(!r.isNullAt(2) && r.getBoolean(2));
        }
        int n = ids.size();
        boolean[] crossSell = new boolean[n];
        boolean[] refill = new boolean[n];
        boolean[] durable = new boolean[n];
        for (int i = 0; i < n; i++) {
            crossSell[i] = available.get(i) && !consumable.get(i);
            refill[i] = available.get(i) && consumable.get(i);
            durable[i] = !consumable.get(i);
        }
        float[] factors = null;
        int rank = params.als().rank();
        if (als != null && params.usesAls()) {
            factors = new float[n * rank];
            for (Row r : als.itemFactors().join(alsItems, col("id").equalTo(col(AlsRecommender.ITEM_INDEX)))
                    .select(PRODUCT_ID, "features").collectAsList()) {
                Integer i = index.get(r.getString(0));
                if (i != null) {
                    List<Float> f = r.getList(1);
                    for (int j = 0; j < rank; j++) {
                        factors[i * rank + j] = f.get(j);
                    }
                }
            }
        }
        PersonalTopK scorer = new PersonalTopK(n, rank, factors, params.als().alpha(), params.als().regParam(),
                params.confidence(), params.epsilon(), Complements.of(complements, index), crossSell, refill, durable,
                params.blend(), k, AlsRecommender.BLOCK_SIZE);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<PersonalTopK> scorerBc = jsc.broadcast(scorer);
        Broadcast<Map<String, Integer>> indexBc = jsc.broadcast(index);
        Broadcast<String[]> idsBc = jsc.broadcast(ids.toArray(String[]::new));

        JavaRDD<Row> picks = customers.javaRDD().mapPartitions(rows -> scorePartition(rows,
                scorerBc.value(), indexBc.value(), idsBc.value(), minProductsForAls));
        return spark.createDataFrame(picks, PICKS);
    }

    private static Iterator<Row> scorePartition(Iterator<Row> rows, PersonalTopK scorer, Map<String, Integer> index,
                                                String[] ids, int minProductsForAls) {
        Iterator<PersonalTopK.User> users = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public PersonalTopK.User next() {
                Row r = rows.next();
                int[] items = new int[0];
                float[] strengths = new float[0];
                if (!r.isNullAt(1)) {
                    List<Row> list = r.getList(1);
                    items = new int[list.size()];
                    strengths = new float[list.size()];
                    for (int j = 0; j < items.length; j++) {
                        items[j] = index.getOrDefault(list.get(j).getString(0), -1);
                        strengths[j] = (float) list.get(j).getDouble(1);
                    }
                }
                return new PersonalTopK.User(r.getString(0), items, strengths, indexes(r, 2, index),
                        indexes(r, 3, index), items.length >= minProductsForAls);
            }
        };
        List<Row> out = new ArrayList<>();
        String cross = RecommendationKind.CROSS_SELL.code();
        String personal = RecommendationKind.PERSONAL.code();
        String refill = RecommendationKind.REPLENISHMENT.code();
        scorer.score(users).forEachRemaining(p -> out.add(RowFactory.create(p.userId(), ids[p.item()],
                (double) p.score(), p.because() < 0 ? null : ids[p.because()],
                p.refill() ? refill : p.because() < 0 ? personal : cross, p.rank())));
        return out.iterator();
    }

    /** The known product indexes of a list column, sorted (unknown products dropped). */
    private static int[] indexes(Row r, int field, Map<String, Integer> index) {
        if (r.isNullAt(field)) {
            return new int[0];
        }
        List<String> products = r.getList(field);
        return products.stream().map(index::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue)
                .sorted().distinct().toArray();
    }

    /** Writes the model to {@code folder} (which must not exist). */
    public void save(SparkSession spark, Path folder) throws IOException {
        if (als != null) {
            als.write().save(new Path(folder, ALS_FOLDER).toString());
            alsItems.coalesce(1).write().parquet(new Path(folder, ITEMS_FOLDER).toString());
        }
        spark.createDataFrame(complements, Complements.TABLE).coalesce(1).write().mode(SaveMode.ErrorIfExists)
                .parquet(new Path(folder, COMPLEMENTS_FOLDER).toString());
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        meta.put("model", NAME);
        meta.put("trained_on", trainedOn.toString());
        meta.set("params", params.asJson());
        FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (OutputStream out = fs.create(new Path(folder, MODEL_JSON), false)) {
            out.write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(meta)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Reads a model saved by {@link #save} (its validation is in the generation's info, or a legacy model.json). */
    @SuppressWarnings("unchecked")
    public static RecommenderModel load(SparkSession spark, Path folder) throws IOException {
        FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Map<String, Object> meta;
        try (InputStream in = fs.open(new Path(folder, MODEL_JSON))) {
            meta = new ObjectMapper().readValue(in, Map.class);
        }
        RecommenderParams params = RecommenderParams.fromMap((Map<String, Object>) meta.get("params"));
        ALSModel als = null;
        Dataset<Row> items = null;
        if (fs.exists(new Path(folder, ALS_FOLDER))) {
            als = ALSModel.load(new Path(folder, ALS_FOLDER).toString());
            items = spark.read().parquet(new Path(folder, ITEMS_FOLDER).toString()).persist(StorageLevel.MEMORY_AND_DISK());
        }
        List<Row> complements = spark.read().parquet(new Path(folder, COMPLEMENTS_FOLDER).toString()).collectAsList();
        return new RecommenderModel(params, LocalDate.parse(String.valueOf(meta.get("trained_on"))), als, items,
                complements);
    }
}
