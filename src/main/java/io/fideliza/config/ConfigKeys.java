package io.fideliza.config;

import io.fideliza.contract.InputError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A YAML document flattened to dotted keys ("recommend.als.rank"), with typed getters that name the
 * key and the file when a value is of the wrong kind.
 */
public final class ConfigKeys {
    private final Map<String, Object> values;
    private final String source;
    /** The document as parsed, for checks that need its levels (names may hold dots); null once merged. */
    private final Map<?, ?> tree;

    private ConfigKeys(Map<String, Object> values, String source) {
        this(values, source, null);
    }

    private ConfigKeys(Map<String, Object> values, String source, Map<?, ?> tree) {
        this.values = values;
        this.source = source;
        this.tree = tree;
    }

    public static ConfigKeys fromClasspath(String resource) {
        try (InputStream in = ConfigKeys.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " (is the jar complete?)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + resource, e);
        }
    }

    public static ConfigKeys fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputError("config file not found: " + file);
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new InputError("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    static ConfigKeys parse(String yamlText, String source) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        } catch (YAMLException e) {
            throw new InputError(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        if (root instanceof Map<?, ?> map) {
            flatten("", map, flat);
        } else if (root != null) {
            throw new InputError(source + ": expected a mapping of keys at the top level");
        }
        return new ConfigKeys(flat, source, root instanceof Map<?, ?> map ? map : Map.of());
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> child && !child.isEmpty()) {
                flatten(key + ".", child, out);
            } else {
                out.put(key, e.getValue());
            }
        }
    }

    /** These keys overridden by {@code overrides}; a key the reference does not know is a user error. */
    public ConfigKeys overriddenBy(ConfigKeys overrides, Set<String> openPrefixes) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        for (Map.Entry<String, Object> e : overrides.values.entrySet()) {
            boolean open = openPrefixes.stream().anyMatch(p -> e.getKey().startsWith(p));
            if (!values.containsKey(e.getKey()) && !open) {
                throw new InputError(overrides.source + ": unknown config key '" + e.getKey() + "'");
            }
            merged.put(e.getKey(), e.getValue());
        }
        return new ConfigKeys(merged, overrides.source);
    }

    /** The keys under {@code section} alone, with the same source. */
    public ConfigKeys only(String section) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(section + ".")) {
                out.put(k, v);
            }
        });
        return new ConfigKeys(out, source);
    }

    public String source() {
        return source;
    }

    /** The document as parsed (a file's or resource's keys, not merged ones), or null. */
    Map<?, ?> tree() {
        return tree;
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public Object raw(String key) {
        return values.get(key);
    }

    public boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    public String string(String key) {
        Object v = require(key);
        return String.valueOf(v);
    }

    /** A string that must be one of {@code allowed}. */
    public String oneOf(String key, List<String> allowed) {
        String v = string(key);
        if (!allowed.contains(v)) {
            throw new InputError(source + ": config key '" + key + "' must be one of " + String.join(", ", allowed)
                    + ", not '" + v + "'");
        }
        return v;
    }

    /**
     * A choice among an enum's constants, written in the config as the constant's name in lower case
     * ({@code by_activity} for {@code BY_ACTIVITY}); any other value is an error naming the key and the choices.
     */
    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        return Enum.valueOf(type, oneOf(key, settings(type)).toUpperCase(java.util.Locale.ROOT));
    }

    /** A list of {@link #choice}s; a value that is none of them is an error naming the key and the choices. */
    public <E extends Enum<E>> List<E> choices(String key, Class<E> type) {
        List<String> allowed = settings(type);
        List<E> out = new ArrayList<>();
        for (String v : strings(key)) {
            if (!allowed.contains(v)) {
                throw new InputError(source + ": config key '" + key + "' must list only " + String.join(", ", allowed)
                        + ", not '" + v + "'");
            }
            out.add(Enum.valueOf(type, v.toUpperCase(java.util.Locale.ROOT)));
        }
        return out;
    }

    /** The values a setting of {@code type} takes: its constants in lower case. */
    private static <E extends Enum<E>> List<String> settings(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(java.util.Locale.ROOT))
                .toList();
    }

    public String stringOrNull(String key) {
        Object v = values.get(key);
        return v == null ? null : String.valueOf(v);
    }

    public int integer(String key) {
        Object v = require(key);
        if (v instanceof Integer i) {
            return i;
        }
        throw wrongKind(key, "a whole number", v);
    }

    public long longValue(String key) {
        Object v = require(key);
        if (v instanceof Number n && !(v instanceof Double)) {
            return n.longValue();
        }
        throw wrongKind(key, "a whole number", v);
    }

    public double number(String key) {
        Object v = require(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongKind(key, "a number", v);
    }

    public boolean bool(String key) {
        Object v = require(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrongKind(key, "true or false", v);
    }

    public List<String> strings(String key) {
        Object v = require(key);
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                out.add(String.valueOf(o));
            }
            return out;
        }
        throw wrongKind(key, "a list", v);
    }

    /** The direct children of {@code prefix}: for "segments" and keys "segments.a", "segments.b.x": a, b. */
    public List<String> children(String prefix) {
        List<String> out = new ArrayList<>();
        String p = prefix + ".";
        for (String k : values.keySet()) {
            if (k.startsWith(p)) {
                String child = k.substring(p.length()).split("\\.", 2)[0];
                if (!out.contains(child)) {
                    out.add(child);
                }
            }
        }
        return out;
    }

    private Object require(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new InputError(source + ": config key '" + key + "' has no value");
        }
        return v;
    }

    private InputError wrongKind(String key, String expected, Object actual) {
        return new InputError(source + ": config key '" + key + "' must be " + expected + ", not '" + actual + "'");
    }

}
