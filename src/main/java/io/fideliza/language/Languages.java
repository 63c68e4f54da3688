package io.fideliza.language;

import static io.fideliza.contract.Columns.LANGUAGE;
import static org.apache.spark.sql.functions.*;

import io.fideliza.config.JobConfig.ExportSettings;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The run's language (headers, the report) and each customer's (their rows): {@code export.language}, else the
 * customers' most common language, else English; a customer whose language has no messages reads the run's.
 */
public final class Languages {
    private final Messages run;
    private final String currency;
    private final Map<String, Messages> byTag = new HashMap<>();

    public Languages(String runTag, String currency) {
        this.currency = currency;
        this.run = Messages.of(runTag, Messages.ENGLISH, currency);
    }

    /** The run's languages from the settings, or from the customers' {@code language} column when set to auto. */
    public static Languages of(ExportSettings settings, Dataset<Row> customers) {
        return new Languages(settings.language() != null ? settings.language() : mostCommon(customers),
                settings.currency());
    }

    public Messages run() {
        return run;
    }

    /** The messages a customer's rows are written in: their language when it has messages, else the run's. */
    public Messages of(String customerTag) {
        if (!Messages.supported(customerTag)) {
            return run;
        }
        return byTag.computeIfAbsent(customerTag.trim(), t -> Messages.of(t, run.languageTag(), currency));
    }

    /** The delimiter the settings name, else the run language's. */
    public char delimiter(ExportSettings settings) {
        return settings.delimiter().or(run.delimiter());
    }

    /** The most common primary language of the customers ({@code es-MX} counts as es); English when none is known. */
    static String mostCommon(Dataset<Row> customers) {
        if (customers == null || !Arrays.asList(customers.columns()).contains(LANGUAGE)) {
            return Messages.ENGLISH;
        }
        List<Row> top = customers.select(lower(split(trim(col(LANGUAGE)), "[-_]").getItem(0)).as("_language"))
                .filter(col("_language").notEqual(""))
                .groupBy("_language").count().orderBy(col("count").desc(), col("_language")).limit(1).collectAsList();
        return top.isEmpty() || !Messages.supported(top.get(0).getString(0)) ? Messages.ENGLISH : top.get(0).getString(0);
    }
}
