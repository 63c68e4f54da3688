package io.fideliza.contract;

import static org.apache.spark.sql.functions.col;

import java.util.Locale;
import org.apache.spark.sql.Column;

/** The status of an order line (contract.md, orders.status); an empty status means completed. */
public enum OrderStatus {
    COMPLETED, CANCELLED, RETURNED;

    public static final OrderStatus DEFAULT = COMPLETED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The one definition of a purchase: a completed order line with a positive quantity. */
    public static Column isPurchase() {
        return col(Columns.STATUS).equalTo(COMPLETED.code()).and(col(Columns.QUANTITY).gt(0));
    }

    /** A return: a negative quantity, or a line marked returned. */
    public static Column isReturn() {
        return col(Columns.QUANTITY).lt(0).or(col(Columns.STATUS).equalTo(RETURNED.code()));
    }

    public static Column isCancelled() {
        return col(Columns.STATUS).equalTo(CANCELLED.code());
    }
}
