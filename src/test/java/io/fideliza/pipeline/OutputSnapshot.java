package io.fideliza.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What one run date's published outputs hold: the sorted rows of every Parquet partition, the bytes of
 * every other file (exports), and how many files there are in all, for comparing two runs.
 */
record OutputSnapshot(Map<String, List<String>> datasets, Map<String, Integer> fileCounts) {

    static OutputSnapshot of(SparkSession spark, Path root, LocalDate runDate) {
        Map<String, List<String>> datasets = new TreeMap<>();
        Map<String, Integer> fileCounts = new TreeMap<>();
        String partition = "run_date=" + runDate;
        try (Stream<Path> all = Files.walk(root)) {
            // Published partitions only: not a run's _staging/run_date=D nor what _trash holds.
            for (Path dir : all.filter(p -> Files.isDirectory(p) && p.getFileName().toString().equals(partition)
                    && !root.relativize(p).toString().startsWith("_")).toList()) {
                String name = root.relativize(dir).toString();
                List<Path> files;
                try (Stream<Path> in = Files.walk(dir)) {
                    files = in.filter(Files::isRegularFile).sorted().toList();
                }
                fileCounts.put(name, files.size());
                List<String> content = new ArrayList<>();
                if (files.stream().anyMatch(f -> f.toString().endsWith(".parquet"))) {
                    for (Row r : spark.read().parquet(dir.toString()).collectAsList()) {
                        content.add(r.toString());
                    }
                } else {
                    for (Path f : files) {
                        content.add(dir.relativize(f) + "\n" + Files.readString(f, StandardCharsets.UTF_8));
                    }
                }
                datasets.put(name, content.stream().sorted().toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OutputSnapshot(datasets, fileCounts);
    }

    void assertSameAs(OutputSnapshot other) {
        assertEquals(datasets.keySet(), other.datasets.keySet(), "the same datasets");
        for (String name : datasets.keySet()) {
            assertEquals(datasets.get(name), other.datasets.get(name), name + " holds the same rows");
        }
        assertEquals(fileCounts, other.fileCounts, "the same number of files in each dataset");
    }

    /** A manifest without the fields that say when and how long: those differ from run to run. */
    static String withoutTimings(byte[] manifest) {
        try {
            JsonNode node = new ObjectMapper().readTree(manifest);
            ObjectNode o = (ObjectNode) node;
            o.remove(List.of("started_at", "finished_at"));
            for (JsonNode stage : o.withArray("stages")) {
                ((ObjectNode) stage).remove("seconds");
            }
            return o.toPrettyString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
