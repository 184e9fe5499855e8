package io.dualnet.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.dualnet.data.InvalidInputException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --json} convention: a command prints exactly one JSON object on standard output, fields in insertion
 * order, single line unless pretty-printed. Non-finite doubles (NaN, infinities) are written as {@code null} so
 * every consumer can parse the output; paths are written as plain strings.
 *
 * <pre>{@code
 * JsonOutput.object().put("report", index).put("sections", 3).write(out);
 * }</pre>
 */
public final class JsonOutput {

    private static final ObjectMapper MAPPER = newMapper();

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private JsonOutput() {
    }

    /** An empty object to fill with {@link #put(String, Object)}. */
    public static JsonOutput object() {
        return new JsonOutput();
    }

    /** The shared mapper: NaN/Inf as null, paths as strings (thread-safe, do not reconfigure). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Adds a field (replacing an earlier one with the same name, keeping its position).
     *
     * @param name field name, non-empty
     * @param value any Jackson-serializable value (records, maps, lists, arrays, numbers, strings, null)
     */
    public JsonOutput put(String name, Object value) {
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException("name", name, "a non-empty JSON field name");
        }
        fields.put(name, value);
        return this;
    }

    /** The fields so far, in insertion order (read-only view). */
    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    /** The object as JSON text: one line, or indented when {@code pretty}. */
    public String toJson(boolean pretty) {
        try {
            return pretty ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(fields)
                    : MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Prints the object on one line, followed by a newline, and flushes. */
    public void write(PrintStream out) {
        write(out, false);
    }

    /** Prints the object (one line, or indented when {@code pretty}), followed by a newline, and flushes. */
    public void write(PrintStream out, boolean pretty) {
        out.println(toJson(pretty));
        out.flush();
    }

    private static ObjectMapper newMapper() {
        SimpleModule module = new SimpleModule("dualnet-json");
        module.addSerializer(Double.class, new FiniteDoubleSerializer());
        module.addSerializer(Double.TYPE, new FiniteDoubleSerializer());
        module.addSerializer(double[].class, new FiniteDoubleArraySerializer());
        module.addSerializer(Float.class, new FiniteFloatSerializer());
        module.addSerializer(Float.TYPE, new FiniteFloatSerializer());
        module.addSerializer(Path.class, ToStringSerializer.instance);
        return new ObjectMapper().registerModule(module);
    }

    private static final class FiniteDoubleSerializer extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        FiniteDoubleSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }

    private static final class FiniteFloatSerializer extends StdSerializer<Float> {
        private static final long serialVersionUID = 1L;

        FiniteFloatSerializer() {
            super(Float.class);
        }

        @Override
        public void serialize(Float value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Float.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }

    private static final class FiniteDoubleArraySerializer extends StdSerializer<double[]> {
        private static final long serialVersionUID = 1L;

        FiniteDoubleArraySerializer() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] values, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray(values, values.length);
            for (double v : values) {
                if (Double.isFinite(v)) {
                    gen.writeNumber(v);
                } else {
                    gen.writeNull();
                }
            }
            gen.writeEndArray();
        }
    }
}
