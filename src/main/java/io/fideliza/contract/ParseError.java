package io.fideliza.contract;

import static io.fideliza.contract.Columns.DETAIL;
import static io.fideliza.contract.Columns.REASON;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Why a record of an input file could not be read as a row (a broken quote, a wrong field count, bytes that
 * are not text), and where: the parser's verdict that ingest turns into a quarantine row.
 *
 * @param line the record's first physical line, counting the header as line 1
 */
public record ParseError(QuarantineReason reason, String detail, String file, long line) {

    /** The raw rows' {@link Columns#PARSE_ERROR} column: the reason's code and the detail (file and line have their own columns). */
    public static final StructType SCHEMA = new StructType()
            .add(REASON, DataTypes.StringType, true)
            .add(DETAIL, DataTypes.StringType, true);

    public ParseError {
        if (reason == null || detail == null) {
            throw new IllegalArgumentException("a parse error needs a reason and a detail");
        }
    }

    /** The value of the {@link Columns#PARSE_ERROR} column. */
    public Row asColumnValue() {
        return RowFactory.create(reason.code(), detail);
    }
}
