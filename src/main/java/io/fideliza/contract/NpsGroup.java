package io.fideliza.contract;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.Locale;
import org.apache.spark.sql.Column;

/**
 * Net Promoter groups of a 0-10 answer, defined once: promoters from {@value #PROMOTER_FROM}, passives from
 * {@value #PASSIVE_FROM}, detractors below; and which of a customer's answers counts ({@link #latest}).
 */
public enum NpsGroup {
    PROMOTER, PASSIVE, DETRACTOR;

    /** The lowest score of a promoter (9 and 10). */
    public static final int PROMOTER_FROM = 9;
    /** The lowest score of a passive (7 and 8); below it, a detractor (0 to 6). */
    public static final int PASSIVE_FROM = 7;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The group of one score. */
    public static NpsGroup of(int score) {
        return score >= PROMOTER_FROM ? PROMOTER : score >= PASSIVE_FROM ? PASSIVE : DETRACTOR;
    }

    /** The group of an NPS score column (null stays null). */
    public static Column of(Column score) {
        return when(score.geq(PROMOTER_FROM), lit(PROMOTER.code())).when(score.geq(PASSIVE_FROM), lit(PASSIVE.code()))
                .when(score.isNotNull(), lit(DETRACTOR.code()));
    }

    /** Whether a score column is not a detractor's (passive or promoter; null stays null). */
    public static Column notDetractor(Column score) {
        return score.geq(PASSIVE_FROM);
    }

    /** A score's part of an NPS: +100 for a promoter, -100 for a detractor, 0 for a passive (null stays null). */
    public static Column points(Column score) {
        return when(score.geq(PROMOTER_FROM), lit(100.0)).when(score.geq(PASSIVE_FROM), lit(0.0))
                .when(score.isNotNull(), lit(-100.0));
    }

    /**
     * The answer that counts when a customer answered more than once (an aggregate): the non-null {@code score}
     * latest by {@code at}. Answers given at the same moment count as the lower score, whatever the row order:
     * the cautious reading, so that a tie never turns a detractor into a passive. CSAT answers follow the
     * same rule.
     */
    public static Column latest(Column score, Column at) {
        return max_by(score, when(score.isNotNull(), struct(at, negate(score))));
    }
}
