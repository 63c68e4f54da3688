package io.fideliza.spark;

import io.fideliza.contract.OutputBusy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * One run per output folder and run date: a lock file created atomically, naming its owner (host, process,
 * start), kept fresh by a heartbeat. A lock whose heartbeat stopped longer ago than the stale time, or whose
 * owner process on this host is gone (a run killed with SIGKILL), is taken over. On object stores without an
 * atomic create (S3) the lock is best effort: schedule one run per date there.
 */
public final class RunLock implements AutoCloseable {
    /** How often the owner touches the lock. */
    static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private final FileSystem fs;
    private final Path file;
    private final ScheduledExecutorService heartbeat;
    private final Thread releaseOnExit = new Thread(this::close, "fideliza-lock-release");
    private volatile boolean held = true;

    private RunLock(FileSystem fs, Path file) {
        this.fs = fs;
        this.file = file;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fideliza-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(this::touch, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        // A run stopped by a signal releases its lock on the way out.
        Runtime.getRuntime().addShutdownHook(releaseOnExit);
    }

    /** Takes the lock at {@code file}, or throws {@link OutputBusy} naming the run that holds it. */
    public static RunLock acquire(FileSystem fs, Path file, Duration stale) throws IOException {
        if (!fs.mkdirs(file.getParent(), new org.apache.hadoop.fs.permission.FsPermission((short) 0750))) {
            throw new IOException("cannot create " + file.getParent());
        }
        String owner = owner();
        for (int attempt = 0; attempt < 2; attempt++) {
            if (createExclusively(fs, file, owner)) {
                return new RunLock(fs, file);
            }
            Optional<String> holder = read(fs, file);
            long age = fs.getFileStatus(file).getModificationTime();
            Duration quiet = Duration.between(Instant.ofEpochMilli(age), Instant.now());
            if (holder.isPresent() && !quiet.minus(stale).isNegative() || holder.map(RunLock::ownerGone).orElse(false)) {
                fs.delete(file, false); // Stale: the next create decides, atomically, who takes it over.
                continue;
            }
            throw new OutputBusy(String.format(Locale.ROOT, "another run holds this output and date: %s (lock %s, "
                    + "last heartbeat %d s ago); run again once it has ended", holder.orElse("a run starting"), file,
                    quiet.toSeconds()));
        }
        throw new OutputBusy("another run took the lock " + file + " at the same moment; run again once it has ended");
    }

    /** Creates the file only if it does not exist, atomically: the one step two runs cannot both win. */
    private static boolean createExclusively(FileSystem fs, Path file, String content) throws IOException {
        if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
            // Hadoop's local create checks, then creates: not atomic. The JVM's create is (O_CREAT | O_EXCL).
            java.nio.file.Path local = java.nio.file.Path.of(fs.makeQualified(file).toUri());
            try {
                Files.writeString(local, content, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
        try (OutputStream out = fs.create(file, false)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    private static Optional<String> read(FileSystem fs, Path file) {
        try (InputStream in = fs.open(file)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            return Optional.empty(); // Just released, or being written: the caller tries once more.
        }
    }

    /** Who holds the lock: "host HOST, process PID, since INSTANT". */
    private static String owner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        return "host " + host + ", process " + ProcessHandle.current().pid() + ", since "
                + Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    /** Whether the owner is a process of this host that no longer runs. */
    static boolean ownerGone(String owner) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^host (.+), process (\\d+), since").matcher(owner);
        if (!m.find()) {
            return false;
        }
        try {
            if (!m.group(1).equals(InetAddress.getLocalHost().getHostName())) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        return ProcessHandle.of(Long.parseLong(m.group(2))).map(p -> !p.isAlive()).orElse(true);
    }

    private void touch() {
        try {
            if (held) {
                fs.setTimes(file, System.currentTimeMillis(), -1);
            }
        } catch (IOException e) {
            // A missed heartbeat only brings staleness nearer; the next one retries.
        }
    }

    /** Releases the lock (once). */
    @Override
    public synchronized void close() {
        if (!held) {
            return;
        }
        held = false;
        heartbeat.shutdownNow();
        if (Thread.currentThread() != releaseOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(releaseOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs anyway, and finds the lock released.
            }
        }
        try {
            fs.delete(file, false);
        } catch (IOException e) {
            // Left behind, it goes stale and the next run takes it over.
        }
    }
}
