package io.fideliza.contract;

/** A problem the user can fix in their input or options; it ends the run with one clear line and exit code 2. */
public class InputError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputError(String message) {
        super(message);
    }

    public InputError(String message, Throwable cause) {
        super(message, cause);
    }
}
