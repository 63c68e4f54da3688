package io.fideliza.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.config.JobConfig;
import io.fideliza.pipeline.Pipeline;
import io.fideliza.run.Progress;
import io.fideliza.run.RunContext;
import io.fideliza.testing.ExportFiles;
import io.fideliza.testing.PublishedNights;
import io.fideliza.testing.Slow;
import io.fideliza.testing.SparkTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two published nights (the suite's shared nights, testing.PublishedNights, on a copy), then {@code forget} of one
 * customer who is in the exports: afterwards neither the id nor the email is in any file of the output folder
 * (Parquet read back row by row, every file grepped as bytes too), everyone else's rows are all still there, and a
 * third night over inputs without the customer holds nothing of them either.
 */
@SparkTest
@Slow
class ErasureTest {
    static final LocalDate SECOND = PublishedNights.NEXT;

    private final SparkSession spark;

    @TempDir
    Path tmp;

    ErasureTest(SparkSession spark) {
        this.spark = spark;
    }

    @Test
    void afterForgetNoFileHoldsTheIdOrTheEmailAndEveryoneElseStays() throws Exception {
        PublishedNights nights = PublishedNights.of(spark);
        Path input = nights.copyOfInput(tmp.resolve("in"));
        Path out = nights.copyOfOutput(tmp.resolve("out"));
        Path config = nights.configFile();

        // Someone in the second night's exports, with an email: the person whose erasure is asked for.
        Map<String, String> someone = exported(out.resolve("exports/run_date=" + SECOND)).get(0);
        String id = someone.get("customer_id");
        String email = someone.get("email");
        assertTrue(email.contains("@"), email);
        // At least features, segments, recommendations and plans of both nights, the segment model and the export.
        List<String> before = holders(out, id, email);
        assertTrue(before.size() >= 10, "before: in many files " + before);
        long segmentsBefore = spark.read().parquet(out.resolve("segments/run_date=" + SECOND).toString()).count();
        Dataset<Row> allSegments = spark.read().parquet(out.resolve("segments").toString());
        long allBefore = allSegments.count();
        long theirs = allSegments.filter(allSegments.col("customer_id").equalTo(id)).count();
        assertTrue(theirs >= 1, "they have a segment");
        String manifestBefore = Files.readString(out.resolve("_manifests/" + SECOND + ".json"));

        Path request = Files.writeString(tmp.resolve("forget.txt"), "# erasure requests\n" + id + "\n\n");
        Erasure.Result r = new Erasure(spark, out.toString()).forget(Erasure.readIds(request));

        assertEquals(List.of(), holders(out, id, email), "after forget");
        assertEquals(1, r.customers());
        // Exactly what held them: each Parquet partition (a folder of part files), export CSV and model folder.
        assertEquals(before.stream().filter(f -> f.endsWith(".parquet") && !f.startsWith("_models/"))
                .map(f -> f.substring(0, f.lastIndexOf('/'))).distinct().count(), (long) r.partitions(), r.summary());
        assertEquals(before.stream().filter(f -> f.endsWith(".csv")).count(), (long) r.files(), r.summary());
        assertEquals(1, r.models(), r.summary());
        assertEquals(segmentsBefore - 1, spark.read().parquet(out.resolve("segments/run_date=" + SECOND).toString())
                .count(), "only their row went");
        assertEquals(allBefore - theirs, spark.read().parquet(out.resolve("segments").toString()).count(),
                "their rows of every night went, and only those");
        assertEquals(manifestBefore, Files.readString(out.resolve("_manifests/" + SECOND + ".json")),
                "manifests keep their counts");
        assertFalse(Files.exists(out.resolve("_staging")));
        assertFalse(Files.exists(out.resolve("_trash")));
        // Forgetting again finds nothing more to remove.
        assertEquals(0, new Erasure(spark, out.toString()).forget(Set.of(id)).rows());

        // The next night, over inputs without them, reads the history and the models: nothing of them comes back.
        for (String dataset : List.of("customers", "orders", "events", "support", "surveys")) {
            Path f = input.resolve(dataset + ".csv");
            if (Files.exists(f)) {
                List<String> kept = Files.readAllLines(f).stream().filter(l -> !l.contains(id)).toList();
                Files.write(f, kept);
            }
        }
        run(config, input, out, SECOND.plusDays(1));
        assertEquals(List.of(), holders(out, id, email), "after the next night");
    }

    private void run(Path config, Path input, Path out, LocalDate day) {
        new Pipeline(spark, JobConfig.load(config), new RunContext(day, ZoneId.of("UTC")),
                new Progress(new PrintStream(OutputStream.nullOutputStream()))).run(input.toString(), out.toString());
    }

    private static List<Map<String, String>> exported(Path exports) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(exports)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv") && !p.getFileName().toString().startsWith("_"))
                    .sorted().toList()) {
                for (Map<String, String> r : ExportFiles.rows(f)) {
                    if (r.containsKey("email") && r.get("email").contains("@")) {
                        rows.add(r);
                    }
                }
            }
        }
        return rows;
    }

    /**
     * Every file under {@code out} holding the id or the email: every file as bytes, and Parquet read back row by
     * row (compressed or dictionary-encoded values are not in the bytes). Read with Parquet's own reader, not
     * Spark: a Spark job per file, three times over some fifty files, was most of this test's time.
     */
    private static List<String> holders(Path out, String id, String email) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> all = Files.walk(out)) {
            for (Path f : all.filter(Files::isRegularFile).sorted().toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                boolean held = bytes.contains(id) || bytes.contains(email);
                if (f.toString().endsWith(".parquet")) {
                    held |= values(f).stream().anyMatch(v -> v.equals(id) || v.contains(id + " ") || v.contains(email));
                }
                if (held) {
                    found.add(out.relativize(f).toString());
                }
            }
        }
        return found;
    }

    /** Every value of every row of a Parquet file, nested ones too (array elements, map keys), as text. */
    private static List<String> values(Path file) throws IOException {
        List<String> values = new ArrayList<>();
        try (ParquetReader<Group> rows = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(file.toUri())).build()) {
            for (Group row = rows.read(); row != null; row = rows.read()) {
                addValues(row, values);
            }
        }
        return values;
    }

    private static void addValues(Group group, List<String> values) {
        GroupType type = group.getType();
        for (int f = 0; f < type.getFieldCount(); f++) {
            for (int i = 0; i < group.getFieldRepetitionCount(f); i++) {
                if (!type.getType(f).isPrimitive()) {
                    addValues(group.getGroup(f, i), values);
                } else if (type.getType(f).asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY) {
                    values.add(group.getBinary(f, i).toStringUsingUTF8());
                } else {
                    values.add(group.getValueToString(f, i));
                }
            }
        }
    }
}
