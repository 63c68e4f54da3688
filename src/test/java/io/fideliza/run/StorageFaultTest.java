package io.fideliza.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import org.junit.jupiter.api.Test;

/** The root cause of a storage failure, named with its path, however deep the wrappers put it. */
class StorageFaultTest {

    @Test
    void aTaskWriteFailureIsNamedByTheDiskFullUnderIt() {
        IOException disk = new IOException("No space left on device");
        Exception task = new IllegalStateException("Job aborted due to stage failure: [TASK_WRITE_FAILED] Task failed "
                + "while writing rows to file:/data/out/_staging/run_date=2026-06-30/segment_profiles.", disk);
        Exception spark = new RuntimeException("[TASK_WRITE_FAILED] Task failed while writing rows to "
                + "file:/data/out/_staging/run_date=2026-06-30/segment_profiles.", task);
        assertEquals("no space left on device: file:/data/out/_staging/run_date=2026-06-30/segment_profiles",
                StorageFault.in(spark).orElseThrow().line());
    }

    @Test
    void hadoopsFsErrorOnTheManifestIsNamedWithTheManifestsPath() {
        Throwable fs = new Error(new IOException("No space left on device")); // as Hadoop's FSError wraps it
        Exception write = new IllegalStateException("cannot write /data/out/_manifests/.2026-06-30.json.tmp: "
                + "java.io.IOException: No space left on device", fs);
        assertEquals("no space left on device: /data/out/_manifests/.2026-06-30.json.tmp",
                StorageFault.in(write).orElseThrow().line());
        Exception uri = new IllegalStateException("publishing failed", new java.io.IOException("cannot write "
                + "file:/data/out/_manifests/.2026-06-30.json.tmp: java.io.IOException: No space left on device", fs));
        assertEquals("no space left on device: file:/data/out/_manifests/.2026-06-30.json.tmp",
                StorageFault.in(uri).orElseThrow().line());
    }

    @Test
    void permissionAndQuotaToo() {
        Exception denied = new IllegalStateException("cannot prepare", new AccessDeniedException("/data/out/segments"));
        assertEquals("permission denied: /data/out/segments", StorageFault.in(denied).orElseThrow().line());
        Exception quota = new IOException("Disk quota exceeded", new IOException("x"));
        assertEquals("disk quota exceeded: (path not given)", StorageFault.in(quota).orElseThrow().line());
    }

    @Test
    void anyOtherFailureIsNotAStorageFault() {
        assertTrue(StorageFault.in(new IllegalStateException("injected failure after plan")).isEmpty());
        assertTrue(StorageFault.in(new RuntimeException("boom", new ArithmeticException("/ by zero"))).isEmpty());
    }
}
