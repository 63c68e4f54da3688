package io.fideliza.plan;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.Measurement;
import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.contract.OutputSchemas;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Who each action holds out as its control group. A customer an action picks keeps, for the rest of the period,
 * the decision made the first night the action picked them in that period. The night's first picks are ordered by
 * a hash of (customer, action, period) that anyone can redo ({@link #draw}), and the lowest are held out, as many
 * as bring the period's held-out customers to the action's share of its picked customers. A quota rather than an
 * independent draw per customer: the share then stays at the setting for small actions too, and which customers
 * fill it depends on the hash, never on anything known about them, so the two groups stay alike.
 */
public final class ControlGroup {
    /** Appended to a held-out plan's reason. */
    static final String HELD_OUT_NOTE = " (control group: planned, not sent)";
    /** The reason code of {@link #HELD_OUT_NOTE} (messages bundle {@code reason.held_out}). */
    static final String HELD_OUT_CODE = "held_out";

    private final Measurement measurement;
    private final LocalDate runDate;
    private final String period;

    public ControlGroup(Measurement measurement, LocalDate runDate) {
        this.measurement = measurement;
        this.runDate = runDate;
        this.period = measurement.period().label(runDate);
    }

    /**
     * Tonight's plans with {@code control} decided.
     *
     * @param plans        tonight's plans (action_plans columns; {@code control} is replaced)
     * @param earlierPlans earlier runs' action_plans with run_date; only this period's nights before the run date
     *                     are read
     */
    public Dataset<Row> allocate(Dataset<Row> plans, Optional<Dataset<Row>> earlierPlans) {
        Dataset<Row> decided = earlierPlans.map(this::decidedThisPeriod).orElseGet(() -> noDecisions(plans));
        // Per action this period so far: customers picked and held out, in the same query as the plans (no job
        // of its own before the plans are written).
        Dataset<Row> sofar = decided.groupBy(col(ACTION).as("_action"))
                .agg(count(lit(1)).as("_picked"), count(when(col("_earlier"), true)).as("_held"));
        List<Row> shares = new ArrayList<>();
        for (Action a : Action.values()) {
            if (measurement.controlShare(a) > 0) {
                shares.add(RowFactory.create(a.code(), measurement.controlShare(a)));
            }
        }
        Dataset<Row> quota = plans.sparkSession().createDataFrame(shares, new StructType()
                        .add("_action", DataTypes.StringType).add("_share", DataTypes.DoubleType))
                .join(sofar, "_action", "left")
                .select(col("_action"), col("_share"), coalesce(col("_picked"), lit(0L)).as("_picked"),
                        coalesce(col("_held"), lit(0L)).as("_held"));

        Dataset<Row> p = plans.join(broadcast(quota), col(ACTION).equalTo(col("_action")), "left")
                .join(decided.withColumnRenamed(CUSTOMER_ID, "_customer").withColumnRenamed(ACTION, "_decided_action"),
                        col(CUSTOMER_ID).equalTo(col("_customer")).and(col(ACTION).equalTo(col("_decided_action"))),
                        "left");
        Column candidate = col(CHANNEL).notEqual(Channel.NONE.code()).and(col("_share").isNotNull());
        p = p.withColumn("_first_pick", candidate.and(col("_earlier").isNull()))
                .withColumn("_draw", when(col("_first_pick"), substring(sha2(concat_ws("|", col(CUSTOMER_ID),
                        col(ACTION), lit(period)), 256), 1, 16)));
        WindowSpec firstPicks = Window.partitionBy(col(ACTION), col("_first_pick"));
        Column n = count(lit(1)).over(firstPicks);
        Column rank = row_number().over(firstPicks.orderBy(col("_draw"), col(CUSTOMER_ID)));
        Column toHold = greatest(lit(0L), least(n, round(col("_share").multiply(col("_picked").plus(n)))
                .cast(DataTypes.LongType).minus(col("_held"))));
        Column control = when(not(candidate), lit(false)).when(col("_earlier").isNotNull(), col("_earlier"))
                .otherwise(rank.leq(toHold));
        p = p.withColumn(CONTROL, coalesce(control, lit(false))) // non-null, as action_plans declares it
                .withColumn(REASON, when(col(CONTROL), concat(col(REASON), lit(HELD_OUT_NOTE))).otherwise(col(REASON)))
                .withColumn(REASON_CODE, when(col(CONTROL), concat(col(REASON_CODE),
                        lit(io.fideliza.language.Messages.CODE_JOIN + HELD_OUT_CODE))).otherwise(col(REASON_CODE)));
        return p.select(Arrays.stream(OutputSchemas.ACTION_PLANS.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
    }

    /** No earlier plans: nobody decided yet. */
    private static Dataset<Row> noDecisions(Dataset<Row> plans) {
        return plans.sparkSession().createDataFrame(List.of(), new StructType().add(CUSTOMER_ID, DataTypes.StringType)
                .add(ACTION, DataTypes.StringType).add("_earlier", DataTypes.BooleanType));
    }

    /** Per customer and action picked earlier this period (not on channel none), the latest night's decision. */
    private Dataset<Row> decidedThisPeriod(Dataset<Row> earlier) {
        Column control = Arrays.asList(earlier.columns()).contains(CONTROL) ? coalesce(col(CONTROL), lit(false))
                : lit(false);
        return earlier.filter(col(RUN_DATE).geq(lit(java.sql.Date.valueOf(measurement.period().first(runDate))))
                        .and(col(RUN_DATE).lt(lit(java.sql.Date.valueOf(runDate))))
                        .and(col(CHANNEL).notEqual(Channel.NONE.code())))
                .groupBy(CUSTOMER_ID, ACTION).agg(max_by(control, col(RUN_DATE)).as("_earlier"));
    }

    /**
     * The order first picks are held out in: a number in [0, 1), uniform over customers, the first 8 bytes of
     * SHA-256("customer_id|action|period") (UTF-8; period as 2026-Q3, 2026-07 or 2026) read as an unsigned
     * integer, its top 53 bits over 2^53.
     */
    public static double draw(String customerId, Action action, String period) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((customerId + "|" + action.code() + "|" + period).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xFF);
            }
            return (v >>> 11) * 0x1.0p-53;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
