package io.fideliza.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The jar for spark-submit holds our classes and, of everything it bundles, only classes relocated as the pom's
 * shade configuration says: nothing that could clash with the cluster's Spark, Jackson, Commons or Scala.
 * Runs after {@code package} (Maven's verify phase: {@code mvn verify}), on the jar that phase built.
 */
class ShadedJarTest {
    static final Path JAR = Path.of(System.getProperty("fideliza.shaded.jar",
            "target/fideliza-0.1.0-SNAPSHOT-spark.jar"));

    /** The shaded patterns of the pom's relocations, as jar paths: io/fideliza/shaded/picocli/, ... */
    static List<String> relocations() throws Exception {
        NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile())
                .getElementsByTagName("relocation");
        List<String> shaded = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element r = (Element) nodes.item(i);
            shaded.add(r.getElementsByTagName("shadedPattern").item(0).getTextContent().replace('.', '/') + "/");
        }
        return shaded;
    }

    static List<String> classes() throws IOException {
        assertTrue(Files.isRegularFile(JAR), "run after mvn package: " + JAR.toAbsolutePath());
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.endsWith(".class")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    @Test
    void everyBundledClassIsRelocatedUnderItsShadedPattern() throws Exception {
        List<String> shaded = relocations();
        assertEquals(List.of("io/fideliza/shaded/picocli/", "io/fideliza/shaded/csv/", "io/fideliza/shaded/snakeyaml/",
                "io/fideliza/shaded/commons/io/", "io/fideliza/shaded/commons/codec/"), shaded);
        List<String> classes = classes();
        List<String> stray = classes.stream().filter(c -> !c.startsWith("io/fideliza/")).toList();
        assertEquals(List.of(), stray.subList(0, Math.min(20, stray.size())), stray.size() + " classes not relocated");
        List<String> unlisted = classes.stream().filter(c -> c.startsWith("io/fideliza/shaded/"))
                .filter(c -> shaded.stream().noneMatch(c::startsWith)).toList();
        assertEquals(List.of(), unlisted, "bundled under io/fideliza/shaded but not in the pom's relocations");
        // Every relocation holds classes: each bundled library is in the jar, where the list says.
        TreeSet<String> empty = new TreeSet<>(shaded);
        classes.forEach(c -> empty.removeIf(c::startsWith));
        assertEquals(new TreeSet<>(), empty, "relocations with no class in the jar");
    }

    @Test
    void sparkAndJacksonAreProvidedNotBundled() throws Exception {
        for (String prefix : List.of("org/apache/spark/", "com/fasterxml/", "scala/", "org/apache/hadoop/",
                "org/yaml/", "picocli/")) {
            assertTrue(classes().stream().noneMatch(c -> c.replaceFirst("^META-INF/versions/\\d+/", "").startsWith(prefix)),
                    prefix);
        }
        assertTrue(classes().contains("io/fideliza/cli/Main.class"));
    }
}
