package io.fideliza.cli;

/** The exit codes of every command, in one place (README, "Exit codes"). */
public final class ExitCodes {
    private ExitCodes() {
    }

    public static final int OK = 0;
    /** A bug or an environment failure: the stack trace is printed. */
    public static final int FAILURE = 1;
    /** The user can fix it: bad options or config, a missing or unreadable input, an unwritable output, a bad master URL. */
    public static final int USER_ERROR = 2;
    /** The input was refused by a guard (too many rows quarantined, empty, fallen, stale). Nothing was published. */
    public static final int DATA_REFUSED = 3;
    /** Another run of the same output and date holds its lock. Nothing was written. */
    public static final int BUSY = 4;
    /** The JVM ran out of memory. Nothing was published. */
    public static final int OUT_OF_MEMORY = 5;
    /** Stopped by SIGINT (Ctrl-C), as shells count it: 128 + 2. */
    public static final int INTERRUPTED = 130;
    /** Stopped by SIGTERM (a scheduler's kill), as shells count it: 128 + 15. */
    public static final int TERMINATED = 143;

    /** What a code means, in a few words (the driver's last line in cluster deploy mode). */
    public static String meaning(int code) {
        return switch (code) {
            case OK -> "succeeded";
            case FAILURE -> "failed: a bug or an environment failure";
            case USER_ERROR -> "error the user can fix";
            case DATA_REFUSED -> "input refused by a guard, nothing published";
            case BUSY -> "another run holds the lock, nothing written";
            case OUT_OF_MEMORY -> "out of memory, nothing published";
            case INTERRUPTED -> "stopped by SIGINT";
            case TERMINATED -> "stopped by SIGTERM";
            default -> "unknown code";
        };
    }
}
