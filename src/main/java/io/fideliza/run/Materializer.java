package io.fideliza.run;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Computes a dataset once and hands back one that reads the result. Stages call it at their
 * boundaries: Spark plans otherwise grow with every stage until planning, not computing, dominates.
 */
@FunctionalInterface
public interface Materializer {
    Dataset<Row> materialize(String name, Dataset<Row> rows);

    /** For tests and small data: keeps the result in the executors' memory (not fault tolerant). */
    static Materializer inMemory() {
        return (name, rows) -> rows.localCheckpoint(true);
    }
}
