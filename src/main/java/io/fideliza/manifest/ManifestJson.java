package io.fideliza.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How a stage hands its figures to the manifest: as a Jackson tree built where the figures are known, or as a
 * record (components in order, snake_case keys), so that no untyped map crosses into the manifest.
 */
public final class ManifestJson {
    static final ObjectMapper MAPPER = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private ManifestJson() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** A record (or a list of records) as written to the manifest: its components in order, snake_case keys. */
    public static JsonNode of(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * Counts or figures by name (a null figure stays null): in the map's order when it keeps one (LinkedHashMap),
     * else (Map.of, HashMap) sorted by name, so that two runs write the same manifest.
     */
    public static ObjectNode figures(Map<String, ? extends Number> byName) {
        ObjectNode o = object();
        (byName instanceof LinkedHashMap<?, ?> ? byName : new TreeMap<>(byName)).forEach((name, n) -> o.set(name, n == null ? o.nullNode() : MAPPER.valueToTree(n)));
        return o;
    }

    /** Each item as an object, in order. */
    public static <T> ArrayNode array(List<T> items, Function<T, ? extends JsonNode> asJson) {
        ArrayNode a = array();
        items.forEach(i -> a.add(asJson.apply(i)));
        return a;
    }
}
