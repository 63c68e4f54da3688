package io.fideliza.contract;

/** Another run of the same output folder and date is going on: this one stops before writing anything (exit code 4). */
public class OutputBusy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutputBusy(String message) {
        super(message);
    }
}
