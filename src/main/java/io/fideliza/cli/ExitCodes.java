package io.fideliza.cli;

/** The exit codes of every command, in one place (README, "Exit codes"). */
public final class ExitCodes {
    private ExitCodes() {
    }

    public static final int OK = 0;
    /** A bug or an environment failure: the stack trace is printed. */
    public static final int FAILURE = 1;
    /** The user can fix it: bad options, a missing input folder, dataset or column, an unreadable file. */
    public static final int USER_ERROR = 2;
    /** The input was refused: too many rows quarantined. Nothing was published. */
    public static final int DATA_REFUSED = 3;
}
