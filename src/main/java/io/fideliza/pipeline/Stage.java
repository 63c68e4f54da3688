package io.fideliza.pipeline;

import java.util.Locale;

/** The pipeline's stages in order; a run goes from ingest up to a chosen stage. */
public enum Stage {
    INGEST, FEATURES, SEGMENT, RECOMMEND, PLAN, EXPORT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Stage other) {
        return other.ordinal() <= ordinal();
    }
}
