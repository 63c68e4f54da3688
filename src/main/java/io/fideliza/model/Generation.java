package io.fideliza.model;

import java.util.function.Supplier;

/**
 * A published generation of a model: its info, and the model itself, read from its folder only when asked for (a
 * night that replaces a generation without looking at it never loads it).
 */
public final class Generation<M, Q> {
    private final GenerationInfo<Q> info;
    private final Supplier<M> loader;
    private M model;

    Generation(GenerationInfo<Q> info, Supplier<M> loader) {
        this.info = info;
        this.loader = loader;
    }

    public GenerationInfo<Q> info() {
        return info;
    }

    /** The fitted model, loaded on the first call. */
    public synchronized M model() {
        if (model == null) {
            model = loader.get();
        }
        return model;
    }
}
