package io.fideliza.explain;

import static io.fideliza.contract.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.fideliza.config.Playbook;
import io.fideliza.config.TargetingRule;
import io.fideliza.contract.Action;
import io.fideliza.contract.Channel;
import io.fideliza.contract.InputError;
import io.fideliza.contract.OutputDataset;
import io.fideliza.manifest.Manifest;
import io.fideliza.segment.CentroidDistances;
import io.fideliza.run.ModelRegistry;
import io.fideliza.segment.SegmentModel;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code fideliza explain}: why one customer got their plan on a published run date, read-only from that date's
 * outputs: their features, their segment and the distance to every segment's centroid, the recommendations with
 * their evidence, the care queue, and each step of their playbook list taken or skipped with the reason. Personal
 * data (the care queue's contact detail) only when asked for.
 */
public final class CustomerExplanation {
    /** Columns that hold personal data: shown only with {@code --personal}. */
    static final Set<String> PERSONAL = Set.of(EMAIL, PHONE, CONTACT);

    private final SparkSession spark;
    private final Path root;
    private final LocalDate runDate;
    private final Playbook playbook;
    private final boolean personal;

    public CustomerExplanation(SparkSession spark, String outputDir, LocalDate runDate, Playbook playbook,
                               boolean personal) {
        this.spark = spark;
        this.root = new Path(outputDir);
        this.runDate = runDate;
        this.playbook = playbook;
        this.personal = personal;
    }

    /** The explanation as printed, line by line. */
    public List<String> explain(String customerId) {
        FileSystem fs = fileSystem();
        requirePublished(fs);
        List<String> out = new ArrayList<>();
        out.add("customer " + customerId + ", run date " + runDate + " (" + root + ")");
        Optional<Row> features = one(fs, OutputDataset.CUSTOMER_FEATURES, customerId);
        if (features.isEmpty()) {
            throw new InputError("customer " + customerId + " is not in " + path(OutputDataset.CUSTOMER_FEATURES)
                    + " (erased, or not a customer on " + runDate + ")");
        }
        out.add("features:");
        out.addAll(fields(features.get(), "  ", Set.of(CUSTOMER_ID)));
        Optional<Row> segment = one(fs, OutputDataset.SEGMENTS, customerId);
        segment.ifPresent(s -> out.addAll(segment(fs, s, customerId)));
        out.add("recommendations:");
        List<Row> recs = rows(fs, OutputDataset.RECOMMENDATIONS, customerId, RANK);
        if (recs.isEmpty()) {
            out.add("  none");
        }
        for (Row r : recs) {
            out.add(String.format(Locale.ROOT, "  %d. %s: %s, score %.3f%s%s", r.<Integer>getAs(RANK),
                    r.<String>getAs(PRODUCT_ID), r.<String>getAs(KIND), ((Number) r.getAs(SCORE)).doubleValue(),
                    r.getAs(BECAUSE_PRODUCT_ID) == null ? "" : ", because of " + r.getAs(BECAUSE_PRODUCT_ID),
                    r.getAs(DUE_DATE) == null ? "" : ", due " + r.getAs(DUE_DATE)));
        }
        List<Row> care = rows(fs, OutputDataset.CARE_QUEUE, customerId, TICKET_ID);
        if (!care.isEmpty()) {
            out.add("care queue:");
            care.forEach(r -> out.add("  " + String.join(", ", fields(r, "", Set.of(CUSTOMER_ID)))));
        }
        Optional<Row> plan = one(fs, OutputDataset.ACTION_PLANS, customerId);
        if (plan.isEmpty()) {
            out.add("plan: none");
            return out;
        }
        Row p = plan.get();
        out.add("plan: " + p.getAs(ACTION) + " on " + p.getAs(CHANNEL)
                + (p.getAs(SEND_ON) == null ? "" : " on " + p.getAs(SEND_ON))
                + (Boolean.TRUE.equals(p.getAs(CONTROL)) ? ", held out as the action's control group (not sent)" : "")
                + "; reason: " + p.getAs(REASON));
        out.add("steps (" + listName(p, segment) + "):");
        out.addAll(steps(p, features.get(), segment));
        return out;
    }

    private List<String> segment(FileSystem fs, Row s, String customerId) {
        List<String> out = new ArrayList<>();
        out.add("segment: " + s.getAs(SEGMENT_NAME) + " (id " + s.getAs(SEGMENT_ID) + ")"
                + optional(s, LIFECYCLE, ", lifecycle ") + optional(s, SEGMENT_CHANGE, ", change since the last run: ")
                + optional(s, MODEL_VERSION, ", model version "));
        Object version = has(s, MODEL_VERSION) ? s.getAs(MODEL_VERSION) : null;
        if (version == null) {
            out.add("  (no segment model version to measure the distances with)");
            return out;
        }
        Path model = ModelRegistry.ModelVersion.under(root, SegmentModel.NAME, ((Number) version).intValue()).folder();
        try {
            if (!fs.exists(model)) {
                out.add("  (no segment model " + model + " to measure the distances with)");
                return out;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + model + ": " + e.getMessage(), e);
        }
        out.add("  why: distance to each segment's centroid (standard deviations per feature, nearest first):");
        Dataset<Row> features = published(fs, OutputDataset.CUSTOMER_FEATURES).orElseThrow()
                .filter(col(CUSTOMER_ID).equalTo(lit(customerId)));
        for (CentroidDistances.Distance d : CentroidDistances.of(model, fs, features)) {
            out.add(String.format(Locale.ROOT, "    %s (id %d): %.2f", d.name(), d.segmentId(), d.distance()));
        }
        return out;
    }

    /** Whose list the planner tried: the targeting rule the plan names, else the segment's (or default). */
    private String listName(Row plan, Optional<Row> segment) {
        String rule = has(plan, PLAYBOOK_RULE) ? plan.getAs(PLAYBOOK_RULE) : null;
        if (rule != null) {
            return "the playbook rule '" + rule + "'";
        }
        String name = segment.map(s -> s.<String>getAs(SEGMENT_NAME)).orElse(plan.getAs(SEGMENT_NAME));
        return playbook.segments().containsKey(name) ? "the playbook's list for " + name
                : "the playbook's default list (" + name + " has none)";
    }

    /**
     * Each step of the customer's list, as the planner tries them: service recovery first, then no marketing
     * without consent or after an unsubscribe, then the list in order (nurture last) until one may be sent. The
     * published plan records the step taken, and why every step was held back when none could be sent.
     */
    private List<String> steps(Row plan, Row features, Optional<Row> segment) {
        Action planned = Action.fromCode(plan.getAs(ACTION));
        boolean sent = !Channel.NONE.code().equals(plan.getAs(CHANNEL));
        String reason = plan.getAs(REASON);
        List<String> out = new ArrayList<>();
        if (planned == Action.SERVICE_RECOVERY) {
            out.add("  service_recovery: " + (sent ? "taken" : "not repeated") + " (" + reason + ")");
        } else {
            out.add("  service_recovery: not needed (no open problem to put right)");
        }
        List<Action> list = new ArrayList<>(actionList(plan, segment));
        if (!list.contains(Action.NURTURE)) {
            list.add(Action.NURTURE);
        }
        String skipAll = null;
        if (planned == Action.SERVICE_RECOVERY) {
            skipAll = sent ? "service recovery comes first: no marketing with a problem to put right"
                    : "open problem: no marketing until it is put right";
        } else if (!Boolean.TRUE.equals(value(features, CONTACTABLE))) {
            skipAll = "consent: no marketing consent";
        } else if (Boolean.TRUE.equals(value(features, io.fideliza.contract.FeatureColumns.UNSUBSCRIBED))) {
            skipAll = "consent: unsubscribed";
        } else if (planned == Action.FEEDBACK_REQUEST && sent) {
            out.add("  feedback_request: taken (" + reason + ")");
            skipAll = "a satisfaction request goes first";
        }
        boolean taken = false;
        for (Action a : list) {
            String line;
            if (skipAll != null) {
                line = "skipped: " + skipAll;
            } else if (taken) {
                line = "not tried: an earlier step was taken";
            } else if (a == planned && sent) {
                taken = true;
                line = "taken: " + plan.getAs(CHANNEL) + " on " + plan.getAs(SEND_ON)
                        + (Boolean.TRUE.equals(plan.getAs(CONTROL))
                        ? "; control: held out as the action's control group, planned but not sent" : "");
            } else if (!sent) {
                String note = note(reason, a);
                line = note != null ? "skipped: " + note : "skipped: its trigger does not hold for this customer";
            } else {
                line = "skipped: its trigger does not hold, or the contact policy (cap, cooldown) held it back";
            }
            out.add("  " + a.code() + ": " + line);
        }
        return out;
    }

    /** The list the planner tried: the named rule's, else the segment's. */
    private List<Action> actionList(Row plan, Optional<Row> segment) {
        String rule = has(plan, PLAYBOOK_RULE) ? plan.getAs(PLAYBOOK_RULE) : null;
        if (rule != null) {
            Optional<TargetingRule> r = playbook.rules().stream().filter(t -> t.name().equals(rule)).findFirst();
            if (r.isPresent()) {
                return r.get().actions();
            }
        }
        return playbook.actionsFor(segment.map(s -> s.<String>getAs(SEGMENT_NAME)).orElse(plan.getAs(SEGMENT_NAME)));
    }

    /** What a held-back plan's reason says about one action ("Win back: ..."), if anything. */
    private static String note(String reason, Action a) {
        if (reason == null) {
            return null;
        }
        for (String part : reason.replaceFirst("^held back: ", "").split("; ")) {
            if (part.startsWith(a.label() + ": ")) {
                return part.substring(a.label().length() + 2);
            }
        }
        return null;
    }

    private void requirePublished(FileSystem fs) {
        Path manifest = new Path(root, OutputDataset.MANIFESTS.folder() + "/" + runDate + ".json");
        try {
            if (!fs.exists(manifest)) {
                throw new InputError("run date " + runDate + " is not published in " + root + " (no " + manifest + ")");
            }
            try (java.io.InputStream in = fs.open(manifest)) {
                String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                String status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("status").asText();
                if (!Manifest.SUCCEEDED.equals(status)) {
                    throw new InputError("run date " + runDate + " is not published in " + root + " (" + manifest
                            + " says " + status + ")");
                }
            }
        } catch (IOException e) {
            throw new InputError("cannot read " + manifest + ": " + e.getMessage(), e);
        }
    }

    private FileSystem fileSystem() {
        try {
            return root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new InputError("cannot open " + root + ": " + e.getMessage(), e);
        }
    }

    private Path path(OutputDataset d) {
        return new Path(root, d.folder() + "/run_date=" + runDate);
    }

    private Optional<Dataset<Row>> published(FileSystem fs, OutputDataset d) {
        try {
            return fs.exists(path(d)) ? Optional.of(spark.read().parquet(path(d).toString())) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path(d) + ": " + e.getMessage(), e);
        }
    }

    private List<Row> rows(FileSystem fs, OutputDataset d, String customerId, String orderBy) {
        return published(fs, d).map(rows -> rows.filter(col(CUSTOMER_ID).equalTo(lit(customerId))).orderBy(orderBy)
                .collectAsList()).orElse(List.of());
    }

    private Optional<Row> one(FileSystem fs, OutputDataset d, String customerId) {
        return published(fs, d).flatMap(rows -> rows.filter(col(CUSTOMER_ID).equalTo(lit(customerId))).collectAsList()
                .stream().findFirst());
    }

    /** "name: value" per column, in the dataset's order; personal columns only with --personal. */
    private List<String> fields(Row r, String indent, Set<String> leaveOut) {
        List<String> out = new ArrayList<>();
        for (String name : r.schema().fieldNames()) {
            if (leaveOut.contains(name)) {
                continue;
            }
            Object v = r.getAs(name);
            boolean hidden = PERSONAL.contains(name) && !personal && v != null;
            out.add(indent + name + ": " + (hidden ? "(personal data: --personal shows it)" : text(v)));
        }
        return out;
    }

    private static String text(Object v) {
        if (v instanceof scala.collection.Seq<?> seq) {
            return scala.jdk.javaapi.CollectionConverters.asJava(seq).toString();
        }
        return String.valueOf(v);
    }

    private static boolean has(Row r, String column) {
        return java.util.Arrays.asList(r.schema().fieldNames()).contains(column);
    }

    private static Object value(Row r, String column) {
        return has(r, column) ? r.getAs(column) : null;
    }

    private static String optional(Row r, String column, String prefix) {
        Object v = value(r, column);
        return v == null ? "" : prefix + v;
    }
}
