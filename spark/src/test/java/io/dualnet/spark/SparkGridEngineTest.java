package io.dualnet.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualnet.data.InvalidInputException;
import io.dualnet.experiment.CellOutcome;
import io.dualnet.experiment.CellStore;
import io.dualnet.experiment.Grid;
import io.dualnet.experiment.GridCell;
import io.dualnet.experiment.GridOptions;
import io.dualnet.experiment.GridRun;
import io.dualnet.experiment.GridRunner;
import io.dualnet.experiment.ZhangA2;
import io.dualnet.experiment.ZhangA2Cell;
import io.dualnet.experiment.ZhangA2Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grids through Spark {@code local[2]} give the same results as the local thread pool, saved the same way. */
class SparkGridEngineTest {

    private static final String MASTER = "local[2]";

    @TempDir
    Path tmp;

    record Cell(int width, long seed) implements GridCell {
        @Override
        public String key() {
            return "w" + width + "-s" + seed;
        }
    }

    record Result(int width, long seed, double loss, double[] draws, boolean hit, double nan) {
    }

    static Result run(Cell cell) {
        if (cell.seed() == 3) {
            throw new IllegalStateException("seed 3 diverged");
        }
        SplittableRandom random = new SplittableRandom(cell.seed() * 1_000 + cell.width());
        double[] draws = random.doubles(cell.width()).toArray();
        double loss = 0;
        for (double d : draws) {
            loss += Math.log1p(d) / 3;
        }
        return new Result(cell.width(), cell.seed(), loss, draws, loss < 0.5, Double.NaN);
    }

    static Grid<Cell, Result> grid(String id) {
        List<Cell> cells = IntStream.range(0, 12).mapToObj(i -> new Cell(3 + i % 4, i / 4 * 2L + i % 2)).toList();
        return Grid.of(id, cells, SparkGridEngineTest::run, Result.class);
    }

    @Test
    void sparkGridMatchesTheThreadPoolAndResumesFromTheSameFile() throws IOException {
        Grid<Cell, Result> grid = grid("toy");
        GridRun<Cell, Result> local = new GridRunner(new GridOptions(tmp.resolve("local"), 2)).run(grid);
        GridRun<Cell, Result> spark = new GridRunner(new GridOptions(tmp.resolve("spark"), 2).withSpark(MASTER))
                .run(grid);

        assertThat(spark.computed()).isEqualTo(local.computed()).isEqualTo(10);
        assertThat(spark.failures()).extracting(CellOutcome::key).containsExactly("w4-s3", "w6-s3");
        assertThat(spark.failures()).extracting(CellOutcome::error)
                .containsOnly("IllegalStateException: seed 3 diverged")
                .containsExactlyElementsOf(local.failures().stream().map(CellOutcome::error).toList());
        for (int i = 0; i < grid.cells().size(); i++) {
            Result a = local.outcomes().get(i).result();
            Result b = spark.outcomes().get(i).result();
            if (a == null) {
                assertThat(b).isNull();
                continue;
            }
            assertThat(b.width()).isEqualTo(a.width());
            assertThat(b.seed()).isEqualTo(a.seed());
            assertThat(b.loss()).isEqualTo(a.loss());  // bit-identical, not approximately equal
            assertThat(b.draws()).isEqualTo(a.draws());
            assertThat(b.hit()).isEqualTo(a.hit());
            assertThat(b.nan()).isNaN();
        }
        // the two cells files hold the same lines but for the wall times and the order of completion
        assertThat(withoutSeconds(tmp.resolve("spark").resolve("toy").resolve(CellStore.FILE_NAME)))
                .containsExactlyInAnyOrderElementsOf(withoutSeconds(
                        tmp.resolve("local").resolve("toy").resolve(CellStore.FILE_NAME)));

        // a rerun on the thread pool resumes what Spark finished, and recomputes only the failed cells
        GridRun<Cell, Result> resumed = new GridRunner(new GridOptions(tmp.resolve("spark"), 2)).run(grid);
        assertThat(resumed.resumed()).isEqualTo(10);
        assertThat(resumed.failures()).hasSize(2);
    }

    @Test
    void aRealExperimentGivesTheSameCertificatesOnSpark() {
        List<ZhangA2Cell> cells = ZhangA2.cells(new int[] {1, 2, 3}, 6, 0.1, 7, 2, 40);
        Grid<ZhangA2Cell, ZhangA2Result> grid = ZhangA2.grid(cells);
        List<ZhangA2Result> local = new GridRunner(new GridOptions(tmp.resolve("local"), 2)).run(grid).results();
        List<ZhangA2Result> spark = new GridRunner(new GridOptions(tmp.resolve("spark"), 2).withSpark(MASTER))
                .run(grid).results();
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < cells.size(); i++) {
            // every field but the wall times
            assertThat(withoutSeconds(mapper.valueToTree(spark.get(i))))
                    .isEqualTo(withoutSeconds(mapper.valueToTree(local.get(i))));
            assertThat(spark.get(i).certifiedPrimal()).isEqualTo(local.get(i).certifiedPrimal());
        }
    }

    @Test
    void badMasterIsBadInput() throws IOException {
        assertThatThrownBy(() -> new SparkGridEngineProvider().open("local [2]"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--spark");
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        assertThatThrownBy(() -> new SparkGridEngineProvider().open("spark://127.0.0.1:" + port))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--spark")
                .hasMessageContaining("nothing accepted a connection at 127.0.0.1:" + port);
        assertThatThrownBy(() -> new SparkGridEngineProvider().open("spark://127.0.0.1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("spark://HOST:PORT");
        assertThatThrownBy(() -> new SparkGridEngine(SparkGridEngine.SUBMIT).session())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("spark-submit");
    }

    private static List<JsonNode> withoutSeconds(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(withoutSeconds(mapper.readTree(line)));
        }
        return lines;
    }

    static JsonNode withoutSeconds(JsonNode node) {
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        for (Iterator<String> names = copy.fieldNames(); names.hasNext(); ) {
            if (names.next().toLowerCase(java.util.Locale.ROOT).endsWith("seconds")) {
                names.remove();
            }
        }
        return copy;
    }
}
