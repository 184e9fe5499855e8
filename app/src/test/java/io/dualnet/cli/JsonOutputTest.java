package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonOutputTest {

    record Point(double x, Double y, double[] values) {
    }

    @Test
    void writesOrderedSingleLineWithNonFiniteAsNull() {
        Map<String, Double> residuals = new LinkedHashMap<>();
        residuals.put("z", Double.NaN);
        residuals.put("a", 1.5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        JsonOutput.object()
                .put("zeta", 1)
                .put("alpha", Double.POSITIVE_INFINITY)
                .put("path", Path.of("/tmp/x y"))
                .put("point", new Point(Double.NaN, Double.NEGATIVE_INFINITY, new double[]{1, Double.NaN}))
                .put("residuals", residuals)
                .put("list", List.of(2.0, Double.NaN))
                .write(out);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "{\"zeta\":1,\"alpha\":null,\"path\":\"/tmp/x y\","
                        + "\"point\":{\"x\":null,\"y\":null,\"values\":[1.0,null]},"
                        + "\"residuals\":{\"z\":null,\"a\":1.5},\"list\":[2.0,null]}" + System.lineSeparator());
    }

    @Test
    void prettyIsMultiLineAndNamesAreValidated() {
        assertThat(JsonOutput.object().put("a", 1).put("b", 2).toJson(true)).contains("\n");
        assertThat(JsonOutput.object().put("a", 1).put("a", 3).toJson(false)).isEqualTo("{\"a\":3}");
        assertThatThrownBy(() -> JsonOutput.object().put("", 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("name");
    }
}
