package io.fideliza.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Small model files as JSON (records, snake_case keys, dates as ISO text): a model's parameters, a generation's info. */
public final class ModelJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new SimpleModule().addSerializer(LocalDate.class, new JsonSerializer<>() {
                @Override
                public void serialize(LocalDate d, JsonGenerator g, SerializerProvider p) throws IOException {
                    g.writeString(d.toString());
                }
            }).addDeserializer(LocalDate.class, new JsonDeserializer<>() {
                @Override
                public LocalDate deserialize(JsonParser p, DeserializationContext c) throws IOException {
                    return LocalDate.parse(p.getValueAsString());
                }
            }))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelJson() {
    }

    public static void write(FileSystem fs, Path file, Object value) throws IOException {
        try (OutputStream out = fs.create(file, true)) {
            out.write(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
        }
    }

    public static <T> T read(FileSystem fs, Path file, Class<T> type) throws IOException {
        try (InputStream in = fs.open(file)) {
            return MAPPER.readValue(in, type);
        }
    }
}
