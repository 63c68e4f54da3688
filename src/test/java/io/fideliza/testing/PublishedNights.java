package io.fideliza.testing;

import io.fideliza.config.JobConfig;
import io.fideliza.generate.SampleDataGenerator;
import io.fideliza.pipeline.Pipeline;
import io.fideliza.run.Progress;
import io.fideliza.run.RunContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Two published nights over a tiny generated input (80 customers), run once for the whole suite on first use (by
 * whichever test JVM asks first) and shared by the tests that start from published outputs: the first night fits
 * the models, the next one reuses them. Never written to: a test that changes the outputs or the inputs works on a
 * copy. The whole pipeline costs seconds even this small, and each of these tests used to run the same nights of its
 * own.
 */
public final class PublishedNights {
    public static final LocalDate FIRST = LocalDate.of(2026, 6, 29);
    public static final LocalDate NEXT = FIRST.plusDays(1);

    /**
     * A small, fixed configuration: 3 k-means segments, 2 shuffle partitions, and the recommender's training step
     * over one candidate (the tests that share these nights are about publishing and erasure, not about the grid).
     */
    public static final String CONFIG = """
            spark:
              master: local[2]
              shuffle_partitions: 2
            segment:
              algorithm: kmeans
              k: 3
              k_min: 3
              k_max: 3
              min_segment_share: 0.0
              max_iterations: 20
            recommend:
              training:
                reg_params: [1.0]
                alphas: [3.0]
                blends: [0.5]
            """;

    private static PublishedNights shared;

    private final Path root;
    private final String console;

    private PublishedNights(Path root, String console) {
        this.root = root;
        this.console = console;
    }

    /**
     * Where the test JVMs of one Maven run share the nights (the pom names a folder per run); without it (a test
     * run from an IDE) each JVM runs its own in a temporary folder.
     */
    static final String SHARED_FOLDER = "fideliza.test.nights";

    /** The nights, run on the first call (with this session), the same folders for every later call. */
    public static synchronized PublishedNights of(SparkSession spark) {
        if (shared == null) {
            String folder = System.getProperty(SHARED_FOLDER);
            shared = folder == null ? run(spark, temporary()) : sharedBetweenJvms(spark, Path.of(folder));
        }
        return shared;
    }

    private static Path temporary() {
        try {
            Path root = Files.createTempDirectory("fideliza-nights");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The nights in {@code root}, run by the first test JVM that asks (the others wait on a file lock, then read
     * what it wrote): each JVM would otherwise run the same two nights for the tests it happens to be given.
     */
    private static PublishedNights sharedBetweenJvms(SparkSession spark, Path root) {
        try {
            Files.createDirectories(root);
            try (FileChannel lock = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock held = lock.lock()) {
                Path done = root.resolve("console.txt");
                if (Files.exists(done)) {
                    return new PublishedNights(root, Files.readString(done, StandardCharsets.UTF_8));
                }
                for (String left : new String[] {"in", "out", "job.yaml"}) { // by a JVM that failed half-way
                    if (Files.exists(root.resolve(left))) {
                        delete(root.resolve(left));
                    }
                }
                PublishedNights nights = run(spark, root);
                Files.writeString(done, nights.console, StandardCharsets.UTF_8);
                return nights;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PublishedNights run(SparkSession spark, Path root) {
        try {
            Path input = root.resolve("in");
            new SampleDataGenerator(new SampleDataGenerator.Spec(80, 60, 1, NEXT, 200, 1, true)).writeTo(input);
            Path config = Files.writeString(root.resolve("job.yaml"), CONFIG);
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            Progress progress = new Progress(new PrintStream(console, true, StandardCharsets.UTF_8));
            for (LocalDate day : new LocalDate[] {FIRST, NEXT}) {
                new Pipeline(spark, JobConfig.load(config), new RunContext(day, ZoneId.of("UTC")), progress)
                        .run(input.toString(), root.resolve("out").toString());
            }
            return new PublishedNights(root, console.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The generated inputs both nights read (ending on {@link #NEXT}). */
    public Path input() {
        return root.resolve("in");
    }

    /** The output folder holding both nights. */
    public Path output() {
        return root.resolve("out");
    }

    /** The configuration file both nights ran with ({@link #CONFIG}). */
    public Path configFile() {
        return root.resolve("job.yaml");
    }

    /** What both nights printed (their progress lines). */
    public String console() {
        return console;
    }

    /** A copy of the output folder at {@code to}, file attributes kept, for a test to change. */
    public Path copyOfOutput(Path to) {
        return copy(output(), to);
    }

    /** A copy of the input folder at {@code to}, for a test to change. */
    public Path copyOfInput(Path to) {
        return copy(input(), to);
    }

    private static Path copy(Path from, Path to) {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind: nothing to do at exit.
        }
    }
}
