package io.fideliza.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fideliza.contract.InputDataset;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The manifest's JSON as stages hand it their figures: exact keys, order and values. */
class ManifestTest {
    /** A figure handed over as a record: components in order, snake_case keys. */
    record Evidence(long groups, long planDates, Double upliftLow, List<String> kinds) {
    }

    /** The manifest without its clock readings. */
    private static String withoutTimes(String json) {
        return json.replaceAll("\n  \"(started|finished)_at\" : \"[^\"]*\",", "");
    }

    @Test
    void inputsOutputsStagesAndDetailsAreWrittenInOrder() {
        Manifest m = new Manifest(LocalDate.of(2026, 6, 30));
        m.input(InputDataset.ORDERS, new InputCounts(10, 6, 2, 1, 1));
        Map<String, Long> reasons = new LinkedHashMap<>();
        reasons.put("out_of_range", 2L);
        m.quarantineReasons(InputDataset.ORDERS, reasons);
        m.quarantineReasons(InputDataset.EVENTS, Map.of());
        m.output("segments", 3);
        m.stage("ingest", 1.234);
        m.detail("consent", "everyone");
        Map<String, Long> byAction = new LinkedHashMap<>();
        byAction.put("win_back", 5L);
        byAction.put("cross_sell", 2L);
        m.detail("actions", ManifestJson.figures(byAction));
        m.detail("care_queue", ManifestJson.figures(Map.of("open", 4L, "low_csat", 1L)));
        Map<String, Double> kpis = new LinkedHashMap<>();
        kpis.put("nps", 16.5);
        kpis.put("repurchase_intent_avg", null);
        m.detail("kpis", ManifestJson.figures(kpis));
        m.detail("outcomes", ManifestJson.of(new Evidence(3, 2, null, List.of("a", "b"))));
        ObjectNode tree = ManifestJson.object();
        tree.put("held", true);
        m.detail("guards", ManifestJson.array(List.of(tree), t -> t));

        assertEquals("""
                {
                  "run_date" : "2026-06-30",
                  "status" : "succeeded",
                  "inputs" : {
                    "orders" : {
                      "read" : 10,
                      "valid" : 6,
                      "quarantined" : 2,
                      "duplicates" : 1,
                      "after_run_date" : 1
                    }
                  },
                  "quarantine_reasons" : {
                    "orders" : {
                      "out_of_range" : 2
                    }
                  },
                  "outputs" : {
                    "segments" : 3
                  },
                  "stages" : [ {
                    "name" : "ingest",
                    "seconds" : 1.23
                  } ],
                  "consent" : "everyone",
                  "actions" : {
                    "win_back" : 5,
                    "cross_sell" : 2
                  },
                  "care_queue" : {
                    "low_csat" : 1,
                    "open" : 4
                  },
                  "kpis" : {
                    "nps" : 16.5,
                    "repurchase_intent_avg" : null
                  },
                  "outcomes" : {
                    "groups" : 3,
                    "plan_dates" : 2,
                    "uplift_low" : null,
                    "kinds" : [ "a", "b" ]
                  },
                  "guards" : [ {
                    "held" : true
                  } ]
                }
                """, withoutTimes(m.toJson(Manifest.SUCCEEDED, null)));
    }

    @Test
    void anEarlierRunsDetailsAreKeptAsPublished() {
        Manifest m = new Manifest(LocalDate.of(2026, 6, 30));
        m.output("segments", 3);
        List<String> kept = m.keepOutputsOf("""
                {"status": "succeeded", "finished_at": "T", "attempt": "A", "outputs": {"segments": 2, "exports": 9},
                 "kpis": {"nps": 16.5, "n": 3}, "stages": []}""");
        assertEquals(List.of("exports"), kept);
        // The earlier run's details come as it wrote them, its attempt too (the commit replaces that one).
        assertEquals("""
                {
                  "run_date" : "2026-06-30",
                  "status" : "succeeded",
                  "inputs" : { },
                  "quarantine_reasons" : { },
                  "outputs" : {
                    "segments" : 3,
                    "exports" : 9
                  },
                  "stages" : [ ],
                  "attempt" : "A",
                  "kpis" : {
                    "nps" : 16.5,
                    "n" : 3
                  },
                  "kept_from_earlier_run" : {
                    "finished_at" : "T",
                    "attempt" : "A",
                    "outputs" : [ "exports" ]
                  }
                }
                """, withoutTimes(m.toJson(Manifest.SUCCEEDED, null)));
    }
}
