package io.fideliza.run;

import java.time.Duration;
import java.util.Optional;

/**
 * A stop asked for by a signal (SIGTERM, Ctrl-C), shared by the signal's handler and the publisher: publishing
 * looks at it between its steps and, before its commit point, puts the date back as it was; the handler waits
 * for publishing to settle before the JVM exits, so the line it prints says what the date holds.
 */
public final class StopSignal {
    /** The one the command line's signal handlers feed. */
    public static final StopSignal JVM = new StopSignal();

    /** Where publishing stands once a stop has been asked for. */
    public enum Settled {
        /** Publishing had not started: nothing of the run was published. */
        NOT_STARTED,
        /** Publishing was under way and was undone: the date is as it was. */
        AS_BEFORE,
        /** The run's manifest was written: the date holds the new run. */
        PUBLISHED,
        /** Publishing did not settle in time: the next run of the date repairs it from its journal. */
        UNSETTLED
    }

    private String signal;
    private boolean publishing;
    private Settled settled = Settled.NOT_STARTED;
    private String line = "";

    /**
     * Records the signal, then waits (at most {@code wait}) for a publish under way to settle.
     *
     * @return where the date stands, and one line that says so (empty when publishing had not started)
     */
    public synchronized Outcome stop(String name, Duration wait) {
        if (signal == null) {
            signal = name;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (publishing) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new Outcome(Settled.UNSETTLED, "publishing did not settle within " + wait.toSeconds()
                        + " s; the next run of this date puts back the state its manifest names");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Outcome(settled, line);
    }

    /** What a stop found: where publishing stood and its line. */
    public record Outcome(Settled settled, String line) {
    }

    /** The signal received, if any (SIGTERM, SIGINT). */
    public synchronized Optional<String> received() {
        return Optional.ofNullable(signal);
    }

    /** Publishing starts; a run already asked to stop publishes nothing. */
    public synchronized void enterPublishing() {
        checkpoint();
        publishing = true;
    }

    /** Between two steps of publishing before its commit point: stops there when a signal came. */
    public synchronized void checkpoint() {
        if (signal != null) {
            throw new RunStopped(signal);
        }
    }

    /** Publishing has settled: the date is as it was, or holds the new run. */
    public synchronized void leavePublishing(Settled outcome, String outcomeLine) {
        publishing = false;
        settled = outcome;
        line = outcomeLine;
        notifyAll();
    }
}
