package io.fideliza.ingest;

import io.fideliza.contract.InputDataset;
import io.fideliza.manifest.InputCounts;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.StageResult;
import io.fideliza.spark.OutputStore;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The ingest stage's output: validated rows of every input in its contract types (an absent optional
 * input is an empty dataset), the quarantined rows with their reasons, and the counts.
 *
 * @param consent  what decides who may be contacted
 * @param contacts what the marketing and care tools sent (the optional input {@code contacts})
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
        ConsentSource consent,
        Dataset<Row> contacts) implements StageResult {

    /** Inputs without a contacts dataset (an empty one, when there is a session to make it from). */
    public CleanInputs(Dataset<Row> products, Dataset<Row> customers, Dataset<Row> orders, Dataset<Row> events,
                       Dataset<Row> support, Dataset<Row> surveys, Map<InputDataset, Dataset<Row>> quarantine,
                       Map<InputDataset, InputCounts> counts, Map<InputDataset, Map<String, Long>> quarantineReasons,
                       Set<InputDataset> present, ConsentSource consent) {
        this(products, customers, orders, events, support, surveys, quarantine, counts, quarantineReasons, present,
                consent, orders == null ? null : orders.sparkSession().createDataFrame(
                        java.util.List.of(), InputDataset.CONTACT_HISTORY.typedSchema()));
    }

    /** Whether every customer may be contacted, whatever the customers file says. */
    public boolean everyoneContactable() {
        return consent == ConsentSource.EVERYONE;
    }

    public Dataset<Row> valid(InputDataset dataset) {
        return switch (dataset) {
            case PRODUCTS -> products;
            case CUSTOMERS -> customers;
            case ORDERS -> orders;
            case EVENTS -> events;
            case SUPPORT -> support;
            case SURVEYS -> surveys;
            case CONTACT_HISTORY -> contacts;
        };
    }

    /** These inputs with other orders and events (a temporal split cuts them at a date). */
    public CleanInputs withOrdersAndEvents(Dataset<Row> orders, Dataset<Row> events) {
        return new CleanInputs(products, customers, orders, events, support, surveys, quarantine, counts,
                quarantineReasons, present, consent, contacts);
    }

    @Override
    public String summary() {
        java.util.List<String> inputs = new java.util.ArrayList<>();
        for (InputDataset d : InputDataset.values()) {
            if (present.contains(d)) {
                InputCounts c = counts.get(d);
                String set = c.quarantined() + c.duplicates() + c.afterRunDate() == 0 ? ""
                        : String.format(Locale.ROOT, " (q%d d%d a%d)", c.quarantined(), c.duplicates(), c.afterRunDate());
                inputs.add(String.format(Locale.ROOT, "%s %d/%d%s", d.datasetName(), c.valid(), c.read(), set));
            }
        }
        return "valid/read: " + String.join("  ", inputs);
    }

    @Override
    public void record(Manifest manifest) {
        manifest.detail("consent", consent.description());
        for (InputDataset d : InputDataset.values()) {
            if (present.contains(d)) {
                manifest.input(d, counts.get(d));
                manifest.quarantineReasons(d, quarantineReasons.get(d));
                manifest.output(OutputStore.quarantineFolder(d), counts.get(d).quarantined());
            }
        }
    }
}
