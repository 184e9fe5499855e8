package io.dualnet.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualnet.data.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CellStoreTest {

    @TempDir
    Path tmp;

    record Echo(int width, long seed, double loss) {
    }

    record Clash(int width, double loss) {
    }

    record WithCell(SleepGrid.Cell cell, double loss) {
    }

    @Test
    void lineHoldsKeySecondsCellParametersAndResultFieldsAtTheTopLevel() throws IOException {
        SleepGrid.Cell cell = new SleepGrid.Cell(12, 3, 0);
        JsonNode line = new ObjectMapper().readTree(CellStore.line(cell.key(), 1.5, cell,
                new SleepGrid.Result(12, 3, 0.25, true, Double.NaN)).toString());
        assertThat(line.get("key").asText()).isEqualTo("w12-s3");
        assertThat(line.get("seconds").asDouble()).isEqualTo(1.5);
        assertThat(line.get("width").asInt()).isEqualTo(12);
        assertThat(line.get("seed").asLong()).isEqualTo(3);
        assertThat(line.get("sleepMillis").asLong()).isZero();
        assertThat(line.get("loss").asDouble()).isEqualTo(0.25);
        assertThat(line.get("hit").asBoolean()).isTrue();
        assertThat(line.has("result")).isFalse();
        assertThat(CellStore.readResult(line, SleepGrid.Result.class))
                .isEqualTo(new SleepGrid.Result(12, 3, 0.25, true, Double.NaN));
        // a result that is missing a field of the class (e.g. an older result record) is not read back
        assertThat(CellStore.readResult(line, Echo.class)).isEqualTo(new Echo(12, 3, 0.25));
        assertThat(CellStore.readResult(line, MissingField.class)).isNull();
    }

    record MissingField(int width, double gradientNorm) {
    }

    @Test
    void resultIsNestedWhenItClashesWithTheCellOrUsesAReservedName() {
        SleepGrid.Cell cell = new SleepGrid.Cell(12, 3, 0);
        JsonNode clash = CellStore.line(cell.key(), 1, cell, new Clash(13, 0.5));
        assertThat(clash.get("width").asInt()).isEqualTo(12);
        assertThat(clash.get("result").get("width").asInt()).isEqualTo(13);
        assertThat(CellStore.readResult(clash, Clash.class)).isEqualTo(new Clash(13, 0.5));

        JsonNode reserved = CellStore.line(cell.key(), 1, cell, new WithCell(cell, 0.5));
        assertThat(reserved.get("result").get("cell").get("width").asInt()).isEqualTo(12);
        assertThat(CellStore.readResult(reserved, WithCell.class)).isEqualTo(new WithCell(cell, 0.5));

        JsonNode scalar = CellStore.line("k", 1, "not-a-record", 2.5);
        assertThat(scalar.get("cell").asText()).isEqualTo("not-a-record");
        assertThat(CellStore.readResult(scalar, Double.class)).isEqualTo(2.5);
    }

    @Test
    void tornLastLineIsIgnoredAndCutOffSoTheNextAppendStartsAFreshLine() throws IOException {
        Path file = tmp.resolve("g").resolve(CellStore.FILE_NAME);
        try (CellStore store = CellStore.open(file)) {
            store.append("a", 1, new SleepGrid.Cell(10, 1, 0), new Echo(10, 1, 0.5));
            store.append("b", 1, new SleepGrid.Cell(10, 2, 0), new Echo(10, 2, 0.75));
        }
        Files.writeString(file, "{\"key\":\"c\",\"seconds\":1,\"wid", StandardOpenOption.APPEND);
        try (CellStore store = CellStore.open(file)) {
            assertThat(store.lines().keySet()).containsExactly("a", "b");
            assertThat(store.ignoredLines()).isEqualTo(1);
            assertThat(store.result("b", Echo.class)).isEqualTo(new Echo(10, 2, 0.75));
            store.append("c", 1, new SleepGrid.Cell(10, 3, 0), new Echo(10, 3, 0.125));
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).startsWith("{\"key\":\"c\"").endsWith("}");
        try (CellStore store = CellStore.open(file)) {
            assertThat(store.lines()).hasSize(3);
            assertThat(store.ignoredLines()).isZero();
        }
    }

    @Test
    void corruptLinesAreSkippedAndTheLastLineOfAKeyWins() throws IOException {
        Path file = tmp.resolve(CellStore.FILE_NAME);
        Files.writeString(file, "{\"key\":\"a\",\"seconds\":1,\"width\":1,\"seed\":1,\"loss\":1.0}\n"
                + "garbage\n\n{\"key\":\"a\",\"seconds\":2,\"width\":1,\"seed\":1,\"loss\":2.0}\n");
        try (CellStore store = CellStore.open(file)) {
            assertThat(store.ignoredLines()).isEqualTo(1);
            assertThat(store.result("a", Echo.class)).isEqualTo(new Echo(1, 1, 2.0));
            assertThat(store.result("missing", Echo.class)).isNull();
        }
    }

    @Test
    void aSecondRunOnTheSameFileIsRefusedWhileTheFirstHoldsIt() {
        Path file = tmp.resolve(CellStore.FILE_NAME);
        try (CellStore first = CellStore.open(file)) {
            assertThatThrownBy(() -> CellStore.open(file)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("locked");
        }
        CellStore.open(file).close();
    }

    @Test
    void unwritableLocationIsBadInput() throws IOException {
        Path blocker = tmp.resolve("file");
        Files.writeString(blocker, "x");
        assertThatThrownBy(() -> CellStore.open(blocker.resolve(CellStore.FILE_NAME)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--out");
    }

    @Test
    void runnerWritesDirectlyIntoTheFolderMigratesOldResultFilesAndReportsSkippedCells() throws IOException {
        Grid<SleepGrid.Cell, SleepGrid.Result> grid = SleepGrid.grid("g", 2, 3, 0);
        GridRun<SleepGrid.Cell, SleepGrid.Result> direct =
                new GridRunner(new GridOptions(tmp.resolve("d"), 2).directFile()).run(grid);
        assertThat(Files.readAllLines(tmp.resolve("d").resolve(CellStore.FILE_NAME))).hasSize(6);
        assertThat(direct.computed()).isEqualTo(6);

        // a result file of the earlier layout (<dir>/<id>/<key>.json) is reused and copied into cells.jsonl
        SleepGrid.Result old = new SleepGrid.Result(10, 0, 0.875, false, 1);
        Files.createDirectories(tmp.resolve("old").resolve("g"));
        Files.writeString(tmp.resolve("old").resolve("g").resolve("w10-s0.json"), "{\"experiment\":\"g\",\"key\":"
                + "\"w10-s0\",\"seconds\":4.5,\"result\":" + new ObjectMapper().writeValueAsString(old) + "}");
        RecordingSink sink = new RecordingSink();
        GridRun<SleepGrid.Cell, SleepGrid.Result> migrated = new GridRunner(new GridOptions(tmp.resolve("old"), 2),
                sink).run(grid);
        assertThat(migrated.resumed()).isEqualTo(1);
        assertThat(migrated.results().get(0)).isEqualTo(old);
        assertThat(sink.notes).singleElement().asString().contains("skipped 1 of 6 cells");
        List<String> lines = Files.readAllLines(tmp.resolve("old").resolve("g").resolve(CellStore.FILE_NAME));
        assertThat(lines).hasSize(6);
        assertThat(lines).filteredOn(l -> l.contains("\"w10-s0\"")).singleElement().asString()
                .contains("\"seconds\":4.5").contains("\"loss\":0.875");
    }
}
