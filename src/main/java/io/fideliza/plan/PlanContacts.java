package io.fideliza.plan;

import io.fideliza.manifest.ManifestJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.fideliza.contract.Channel;
import io.fideliza.manifest.Manifest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the contact policy did to a night's plan, for the console and the manifest: per action how many
 * customers are to be contacted, held out as control, or held back (by a cap, a cooldown, a bounce, an
 * unsubscribe, an open ticket already contacted, or no consent).
 */
public record PlanContacts(Map<String, Long> toContact, Map<String, Long> control, Map<String, Long> heldBack) {
    static final PlanContacts NONE = new PlanContacts(Map.of(), Map.of(), Map.of());

    static PlanContacts of(Dataset<Row> plans) {
        Map<String, Long> send = new LinkedHashMap<>();
        Map<String, Long> control = new LinkedHashMap<>();
        Map<String, Long> held = new LinkedHashMap<>();
        for (Row r : plans.groupBy(col(ACTION), col(CHANNEL).equalTo(Channel.NONE.code()).as("_none"), col(CONTROL))
                .count().orderBy(ACTION, "_none", CONTROL).collectAsList()) {
            Map<String, Long> into = r.getBoolean(1) ? held : r.getBoolean(2) ? control : send;
            into.merge(r.getString(0), r.getLong(3), Long::sum);
        }
        return new PlanContacts(send, control, held);
    }

    private static long total(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    String summary() {
        return total(toContact) + " to contact, " + total(control) + " held out as control, " + total(heldBack)
                + " not contacted";
    }

    void record(Manifest manifest) {
        ObjectNode m = ManifestJson.object();
        m.set("to_contact", ManifestJson.figures(toContact));
        m.set("control", ManifestJson.figures(control));
        m.set("not_contacted", ManifestJson.figures(heldBack));
        manifest.detail("plan_contacts", m);
    }
}
