package io.fideliza.contract;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The value kinds the contract's input columns use, and the Spark type each becomes once validated. */
public enum FieldType {
    STRING(DataTypes.StringType),
    DATE(DataTypes.DateType),
    TIMESTAMP(DataTypes.TimestampType),
    BOOLEAN(DataTypes.BooleanType),
    INT(DataTypes.IntegerType),
    DECIMAL(DataTypes.createDecimalType(18, 4));

    private final DataType sparkType;

    FieldType(DataType sparkType) {
        this.sparkType = sparkType;
    }

    public DataType sparkType() {
        return sparkType;
    }
}
