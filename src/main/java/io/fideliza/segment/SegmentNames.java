package io.fideliza.segment;

import java.util.Arrays;
import java.util.List;

/**
 * The segment names the segmenter can give, for whoever refers to segments by name ahead of a run (the playbook):
 * one of {@link SegmentNamer}'s names, or one of them numbered when two segments fit the same name ("Loyal 2").
 */
public final class SegmentNames {
    private SegmentNames() {
    }

    /** The names, in the order they win ties. */
    public static List<String> all() {
        return Arrays.stream(SegmentNamer.Name.values()).map(n -> n.label).toList();
    }

    /** Whether the segmenter can give this name. */
    public static boolean known(String name) {
        return all().contains(name.replaceFirst(" ([2-9]|[1-9]\\d+)$", ""));
    }
}
