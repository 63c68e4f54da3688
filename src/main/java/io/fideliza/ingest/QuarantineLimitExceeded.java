package io.fideliza.ingest;

/** Too large a share of an input was quarantined: the extract is likely broken, so nothing is published. */
public class QuarantineLimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QuarantineLimitExceeded(String message) {
        super(message);
    }
}
