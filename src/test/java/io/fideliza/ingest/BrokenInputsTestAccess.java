package io.fideliza.ingest;

import java.nio.file.Path;

/** Lets tests of other packages set up a case of the broken-input corpus. */
public final class BrokenInputsTestAccess {
    private BrokenInputsTestAccess() {
    }

    public static void truncatedGzipCase(Path dir) throws Exception {
        BrokenInputsTest.copyCase("truncated_gzip", dir);
        BrokenInputsTest.writeTruncatedGzip(dir);
    }
}
