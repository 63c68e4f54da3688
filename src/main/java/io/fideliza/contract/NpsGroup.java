package io.fideliza.contract;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Locale;
import org.apache.spark.sql.Column;

/** Net Promoter groups of a 0-10 answer: promoters 9-10, passives 7-8, detractors 0-6. */
public enum NpsGroup {
    PROMOTER, PASSIVE, DETRACTOR;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The group of an NPS score column (null stays null). */
    public static Column of(Column score) {
        return when(score.geq(9), lit(PROMOTER.code())).when(score.geq(7), lit(PASSIVE.code()))
                .when(score.isNotNull(), lit(DETRACTOR.code()));
    }

    /** A score's part of an NPS: +100 for a promoter, -100 for a detractor, 0 for a passive (null stays null). */
    public static Column points(Column score) {
        return when(score.geq(9), lit(100.0)).when(score.geq(7), lit(0.0)).when(score.isNotNull(), lit(-100.0));
    }
}
