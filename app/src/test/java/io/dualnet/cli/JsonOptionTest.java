package io.dualnet.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The printing of a result map: one JSON object with {@code --json}, else {@code key: value} lines. */
class JsonOptionTest {

    private static Map<String, Object> result() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("problem", "p");
        r.put("primal", 1.5);
        r.put("kinks", new double[] {0.25, Double.NaN});
        r.put("trained", Map.of("objective", 2.0));
        return r;
    }

    private static String printed(boolean json) {
        JsonOption option = new JsonOption();
        option.json = json;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        option.print(result(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withJsonPrintsOneObject() {
        assertThat(printed(true)).isEqualTo(
                "{\"problem\":\"p\",\"primal\":1.5,\"kinks\":[0.25,null],\"trained\":{\"objective\":2.0}}"
                        + System.lineSeparator());
    }

    @Test
    void withoutJsonPrintsKeyValueLines() {
        String n = System.lineSeparator();
        assertThat(printed(false)).isEqualTo("problem: p" + n + "primal: 1.50000" + n + "kinks: [0.25, NaN]" + n
                + "trained: {\"objective\":2.0}" + n);
    }

    @Test
    void printJsonPrintsNothingWithoutJson() {
        JsonOption option = new JsonOption();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(option.printJson(result(), new PrintStream(bytes, true, StandardCharsets.UTF_8))).isFalse();
        assertThat(bytes.size()).isZero();
    }
}
