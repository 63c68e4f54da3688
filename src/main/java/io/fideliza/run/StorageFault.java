package io.fideliza.run;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failure whose root cause is the storage (disk full, quota, permission), found anywhere in an exception's
 * cause chain: Spark wraps it in a task failure, Hadoop in an FSError, and the first line would otherwise name
 * the wrapper. A cluster's executor may send its exception as text only, so messages are read too.
 */
public record StorageFault(String cause, String path) {

    private static final Pattern PATH = Pattern.compile(
            "((?:file|hdfs|s3a|gs|abfss?|wasbs?):/[^\\s'\",;()\\]\\[]+|/[A-Za-z0-9._~=+@-][^\\s'\",;:()\\]\\[]*)");

    /** The storage fault at the root of {@code e}, if there is one. */
    public static Optional<StorageFault> in(Throwable e) {
        String cause = null;
        String path = null;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, true) == null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            String found = causeIn(t, message);
            if (found != null) {
                cause = found; // the innermost naming of the cause wins
            }
            // So does the innermost path: the outer messages name a dataset, or what the run's date holds now.
            String p = pathIn(t, message);
            path = p != null ? p : path;
        }
        if (cause == null) {
            return Optional.empty();
        }
        return Optional.of(new StorageFault(cause, path == null ? "(path not given)" : path));
    }

    /** One line: the cause, then the path. */
    public String line() {
        return cause + ": " + path;
    }

    private static String causeIn(Throwable t, String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("no space left on device") || m.contains("disk full")) {
            return "no space left on device";
        }
        if (m.contains("disk quota exceeded") || m.contains("quota exceeded") || m.contains("dsquotaexceeded")
                || m.contains("nsquotaexceeded")) {
            return "disk quota exceeded";
        }
        if (t instanceof AccessDeniedException || m.contains("permission denied")
                || t.getClass().getName().equals("org.apache.hadoop.security.AccessControlException")) {
            return "permission denied";
        }
        if (m.contains("read-only file system")) {
            return "read-only file system";
        }
        return null;
    }

    private static String pathIn(Throwable t, String message) {
        if (t instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile();
        }
        Matcher m = PATH.matcher(message);
        while (m.find()) {
            String p = m.group(1);
            if (p.length() > 1) {
                return p.replaceAll("[.:]+$", "");
            }
        }
        return null;
    }
}
