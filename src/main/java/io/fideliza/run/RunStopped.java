package io.fideliza.run;

/** The run was stopped by a signal: recorded as the signal, never as the failure it caused in Spark. */
public class RunStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String signal;

    public RunStopped(String signal) {
        super("stopped by " + signal);
        this.signal = signal;
    }

    public RunStopped(String signal, String message) {
        super(message);
        this.signal = signal;
    }

    public String signal() {
        return signal;
    }
}
