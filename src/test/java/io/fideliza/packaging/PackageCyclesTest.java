package io.fideliza.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads the product's sources and checks that the top-level packages under {@code io.fideliza} depend on each
 * other without cycles, apart from the two-way pairs listed in {@link #KNOWN_PAIRS}: a newcomer can then read a
 * package knowing only the ones below it.
 */
class PackageCyclesTest {
    private static final Path MAIN = Path.of("src/main/java/io/fideliza");

    /**
     * The two-way dependencies that exist today, each with what makes it: removing one from the code must
     * remove it from here too (the test fails on a pair that no longer exists).
     */
    private static final Set<String> KNOWN_PAIRS = Set.of(
            // CareStage runs after SegmentStage; SegmentStage reads care's ServiceTargets for its lifecycle codes.
            "care<->segment",
            // JobConfig checks languages with Messages; Languages reads the export language from JobConfig.
            "config<->language",
            // PlaybookCheck knows the segment names; the segment classes read JobConfig and its segment settings.
            "config<->segment");

    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.fideliza\\.([a-z][a-z0-9_]*)\\b");

    @Test
    void recommendNeverReferencesEvaluate() throws IOException {
        Map<String, Set<String>> uses = dependencies(MAIN);
        assertTrue(uses.get("evaluate").contains("recommend"), "the reader sees evaluate's use of recommend");
        assertFalse(uses.get("recommend").contains("evaluate"), "recommend uses evaluate: " + uses.get("recommend"));
    }

    @Test
    void noCycleBetweenPackagesBeyondTheKnownPairs() throws IOException {
        Map<String, Set<String>> uses = dependencies(MAIN);
        Set<String> pairs = new TreeSet<>();
        for (var e : uses.entrySet()) {
            for (String b : e.getValue()) {
                String a = e.getKey();
                if (a.compareTo(b) < 0 && uses.getOrDefault(b, Set.of()).contains(a)) {
                    pairs.add(a + "<->" + b);
                }
            }
        }
        assertEquals(new TreeSet<>(KNOWN_PAIRS), pairs, "two-way package dependencies");
        Map<String, Set<String>> rest = new TreeMap<>();
        uses.forEach((a, bs) -> bs.stream().filter(b -> !KNOWN_PAIRS.contains(pair(a, b)))
                .forEach(b -> rest.computeIfAbsent(a, x -> new TreeSet<>()).add(b)));
        assertEquals(List.of(), cycle(rest), "a cycle of packages beyond the known pairs");
    }

    @Test
    void theCycleFinderFindsALongCycleAndNoneWithoutIt() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c", "d"), "c", Set.of("a")));
        assertEquals(List.of("a", "b", "c", "a"), cycle(graph));
        graph.put("c", Set.of("d"));
        assertEquals(List.of(), cycle(graph));
    }

    @Test
    void referencesInCommentsAndStringsAreNotDependencies() {
        String source = "package io.fideliza.x;\nimport io.fideliza.a.A;\n/** {@link io.fideliza.b.B} */\n"
                + "class X { String s = \"io.fideliza.c.C\"; // io.fideliza.d.D\n io.fideliza.e.E e;\n"
                + "String t = \"\"\"\n io.fideliza.f.F \"quoted\" \"\"\"; char q = '\\''; io.fideliza.g.G g; }\n";
        assertEquals(Set.of("a", "e", "g"), referenced(source, "x"));
    }

    /** Per top-level package, the other top-level packages its classes name (imports or qualified names). */
    static Map<String, Set<String>> dependencies(Path root) throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String pkg = root.relativize(f).getName(0).toString();
                Set<String> used = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
                used.addAll(referenced(Files.readString(f), pkg));
            }
        }
        return uses;
    }

    private static Set<String> referenced(String source, String own) {
        Set<String> out = new TreeSet<>();
        Matcher m = REFERENCE.matcher(code(source));
        while (m.find()) {
            if (!m.group(1).equals(own)) {
                out.add(m.group(1));
            }
        }
        out.remove(own);
        return out;
    }

    /** The source without comments and string literals (the package line names the own package only). */
    private static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (source.startsWith("\"\"\"", i)) { // a text block
                int end = source.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                out.append("\"\"");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "<->" + b : b + "<->" + a;
    }

    /** One cycle of the graph as a path that ends where it starts, or an empty list when there is none. */
    static List<String> cycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new TreeMap<>(); // 1: on the current path, 2: done
        for (String start : new TreeSet<>(graph.keySet())) {
            List<String> path = new ArrayList<>();
            List<String> found = visit(start, graph, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state,
                                      List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
            List<String> found = visit(next, graph, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }
}
