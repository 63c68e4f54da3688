package io.fideliza.ingest;

import io.fideliza.contract.QuarantineReason;
import org.apache.spark.sql.Column;

/**
 * One rule of the contract over a row: when {@code fails} is true the row is quarantined with this
 * reason code, the column it concerns and a sentence a person can act on.
 */
record Check(QuarantineReason reason, String column, Column fails, Column detail) {
}
