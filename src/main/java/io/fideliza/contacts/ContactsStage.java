package io.fideliza.contacts;

import io.fideliza.manifest.ManifestJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import static org.apache.spark.sql.functions.col;

import io.fideliza.config.JobConfig.PlanSettings;
import io.fideliza.config.JobConfig.WorkFiles;
import io.fideliza.contract.InputDataset;
import io.fideliza.contract.OutputDataset;
import io.fideliza.ingest.CleanInputs;
import io.fideliza.manifest.Manifest;
import io.fideliza.run.Outputs;
import io.fideliza.run.RunContext;
import io.fideliza.run.Stage;
import io.fideliza.run.StageResult;
import io.fideliza.run.StageResults;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The contact history the features, the caps and the cooldowns read: built once per run, never published. */
public final class ContactsStage implements Stage<CleanInputs, ContactsStage.Contacts> {

    /**
     * The history ({@link ContactHistory}), where it came from, and how many contacts of each kind it holds.
     *
     * @param fromContactsInput true when the contacts input said what was sent; false when earlier plans stood in
     */
    public record Contacts(Dataset<Row> history, boolean fromContactsInput, Map<String, Long> byKind)
            implements StageResult {
        @Override
        public String summary() {
            return String.format(Locale.ROOT, "%d sent, %d scheduled, %d held out as control (sent: %s)",
                    byKind.getOrDefault(ContactHistory.SENT, 0L), byKind.getOrDefault(ContactHistory.SCHEDULED, 0L),
                    byKind.getOrDefault(ContactHistory.HELD_OUT, 0L),
                    fromContactsInput ? "from the contacts input" : "earlier plans stand in, no contacts input");
        }

        @Override
        public void record(Manifest manifest) {
            ObjectNode m = ManifestJson.object();
            m.put("source", fromContactsInput ? "contacts input" : "earlier plans");
            m.setAll(ManifestJson.figures(byKind));
            manifest.detail("contact_history", m);
        }
    }

    private final RunContext run;
    private final PlanSettings settings;
    private final WorkFiles workFiles;

    public ContactsStage(RunContext run, PlanSettings settings, WorkFiles workFiles) {
        this.run = run;
        this.settings = settings;
        this.workFiles = workFiles;
    }

    @Override
    public String name() {
        return "contacts";
    }

    @Override
    public CleanInputs input(StageResults earlier) {
        return earlier.get(CleanInputs.class);
    }

    @Override
    public Contacts run(CleanInputs clean, Outputs outputs) {
        boolean present = clean.present().contains(InputDataset.CONTACT_HISTORY);
        Dataset<Row> built = new ContactHistory(run, settings.contactHistoryDays())
                .build(clean.contacts(), present, outputs.history(OutputDataset.ACTION_PLANS));
        // Read by the features and the plan: computed once, where ingest keeps its work (a few narrow columns per
        // contact, so "auto" keeps it in memory whenever Spark runs in this JVM).
        boolean inMemory = workFiles.inMemory(clean.products().sparkSession().sparkContext().isLocal(), 0);
        Dataset<Row> history = outputs.workArea(inMemory).materialize("contact_history", built);
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (String kind : java.util.List.of(ContactHistory.SENT, ContactHistory.SCHEDULED, ContactHistory.HELD_OUT)) {
            byKind.put(kind, 0L);
        }
        for (Row r : history.groupBy(ContactHistory.KIND).count().orderBy(col(ContactHistory.KIND)).collectAsList()) {
            byKind.put(r.getString(0), r.getLong(1));
        }
        return new Contacts(history, present, byKind);
    }
}
