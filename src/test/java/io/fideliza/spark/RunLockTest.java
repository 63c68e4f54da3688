package io.fideliza.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fideliza.contract.OutputBusy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run per output and date: a second one is refused naming the first; a dead or silent holder is taken over. */
class RunLockTest {
    static final Duration STALE = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    FileSystem fs() throws Exception {
        return FileSystem.getLocal(new Configuration());
    }

    org.apache.hadoop.fs.Path lockFile() {
        return new org.apache.hadoop.fs.Path(dir.resolve("_locks/run_date=2026-06-30.lock").toUri());
    }

    @Test
    void aSecondRunIsRefusedNamingTheHolderUntilTheFirstReleases() throws Exception {
        RunLock first = RunLock.acquire(fs(), lockFile(), STALE);
        String holder = Files.readString(dir.resolve("_locks/run_date=2026-06-30.lock"));
        assertTrue(holder.startsWith("host ") && holder.contains(", process " + ProcessHandle.current().pid() + ", since "),
                holder);
        OutputBusy busy = assertThrows(OutputBusy.class, () -> RunLock.acquire(fs(), lockFile(), STALE));
        assertTrue(busy.getMessage().startsWith("another run holds this output and date: " + holder), busy.getMessage());
        first.close();
        assertFalse(Files.exists(dir.resolve("_locks/run_date=2026-06-30.lock")), "released");
        RunLock.acquire(fs(), lockFile(), STALE).close();
    }

    @Test
    void aLockWhoseOwnerDiedOrWhoseHeartbeatStoppedIsTakenOver() throws Exception {
        Path file = dir.resolve("_locks/run_date=2026-06-30.lock");
        Files.createDirectories(file.getParent());
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(file, "host " + java.net.InetAddress.getLocalHost().getHostName() + ", process " + gone.pid()
                + ", since 2026-06-30T01:00:00Z");
        assertTrue(RunLock.ownerGone(Files.readString(file)));
        RunLock.acquire(fs(), lockFile(), STALE).close();

        Files.writeString(file, "host elsewhere, process 1, since 2026-06-30T01:00:00Z");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(11))));
        RunLock taken = RunLock.acquire(fs(), lockFile(), STALE);
        assertTrue(Files.readString(file).contains("process " + ProcessHandle.current().pid()), "now ours");
        taken.close();

        Files.writeString(file, "host elsewhere, process 1, since 2026-06-30T01:00:00Z");
        assertEquals(OutputBusy.class, assertThrows(OutputBusy.class, () -> RunLock.acquire(fs(), lockFile(), STALE))
                .getClass(), "another host's fresh lock is respected");
    }
}
