package io.fideliza.contract;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The inputs were read but refused: too large a share of an input broke the contract, so the extract is
 * likely broken. Nothing is published; the run ends with one line and exit code 3.
 */
public class InputRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The checks' figures, for the failed run's manifest. */
    private final transient JsonNode evidence;

    public InputRefused(String message, JsonNode evidence) {
        super(message);
        this.evidence = evidence;
    }

    public JsonNode evidence() {
        return evidence;
    }
}
