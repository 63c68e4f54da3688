package io.fideliza.contract;

/**
 * The output storage refused a write (disk full, quota, permission): one line with the root cause, the path and
 * what the run date holds; exit code 2, like any other output the user must make writable.
 */
public class OutputUnwritable extends InputError {
    private static final long serialVersionUID = 1L;

    public OutputUnwritable(String message, Throwable cause) {
        super(message, cause);
    }
}
