package io.fideliza.ingest;

import io.fideliza.contract.InputDataset;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The ingest stage's output: validated rows of every input in its contract types (an absent optional
 * input is an empty dataset), the quarantined rows with their reasons, and the counts.
 *
 * @param everyoneContactable true when customers or its marketing_opt_in column is absent: the contract
 *                            then lets everyone be contacted
 */
public record CleanInputs(
        Dataset<Row> products,
        Dataset<Row> customers,
        Dataset<Row> orders,
        Dataset<Row> events,
        Dataset<Row> support,
        Dataset<Row> surveys,
        Map<InputDataset, Dataset<Row>> quarantine,
        Map<InputDataset, InputCounts> counts,
        Map<InputDataset, Map<String, Long>> quarantineReasons,
        Set<InputDataset> present,
        boolean everyoneContactable) {

    public Dataset<Row> valid(InputDataset dataset) {
        return switch (dataset) {
            case PRODUCTS -> products;
            case CUSTOMERS -> customers;
            case ORDERS -> orders;
            case EVENTS -> events;
            case SUPPORT -> support;
            case SURVEYS -> surveys;
        };
    }
}
