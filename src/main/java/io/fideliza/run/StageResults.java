package io.fideliza.run;

import java.util.LinkedHashMap;
import java.util.Map;

/** The results of the stages run so far, one per result type: later stages take their inputs from here. */
public final class StageResults {
    private final Map<Class<?>, StageResult> byType = new LinkedHashMap<>();

    public void add(StageResult result) {
        byType.put(result.getClass(), result);
    }

    /** The result of the stage that produces {@code type}; that stage must have run. */
    public <T extends StageResult> T get(Class<T> type) {
        StageResult r = byType.get(type);
        if (r == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + " yet: the stage that makes it runs later");
        }
        return type.cast(r);
    }
}
