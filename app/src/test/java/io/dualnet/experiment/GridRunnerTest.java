package io.dualnet.experiment;

import io.dualnet.data.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GridRunnerTest {

    @TempDir
    Path tmp;

    record Cell(int index, long seed) implements Serializable {
    }

    record Result(int index, double value, double nan) {
    }

    /** Test grid: counts invocations and concurrency; cells listed in {@code failing} throw. */
    static class TestGrid implements GridExperiment<Cell, Result> {
        private static final long serialVersionUID = 1L;
        final int n;
        final List<Integer> failing;
        final AtomicInteger invocations = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();

        TestGrid(int n, List<Integer> failing) {
            this.n = n;
            this.failing = List.copyOf(failing);
        }

        @Override
        public String id() {
            return "test-grid";
        }

        @Override
        public List<Cell> cells() {
            return IntStream.range(0, n).mapToObj(i -> new Cell(i, 1000L + i)).toList();
        }

        @Override
        public String key(Cell cell) {
            return "cell-" + cell.index() + "_seed-" + cell.seed();
        }

        @Override
        public Result run(Cell cell) {
            invocations.incrementAndGet();
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                // later cells finish first, so completion order differs from cell order
                Thread.sleep(5L * (n - cell.index()));
                if (failing.contains(cell.index())) {
                    throw new IllegalStateException("cell " + cell.index() + " diverged");
                }
                return new Result(cell.index(), new SplittableRandom(cell.seed()).nextDouble(), Double.NaN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public Class<Result> resultType() {
            return Result.class;
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private GridRunner runner(int threads) {
        return new GridRunner(new GridOptions(tmp, threads));
    }

    @Test
    void runsInParallelAndReturnsResultsInCellOrder() {
        TestGrid grid = new TestGrid(12, List.of());
        GridRun<Cell, Result> run = runner(4).run(grid);

        assertThat(run.results()).extracting(Result::index)
                .containsExactlyElementsOf(IntStream.range(0, 12).boxed().toList());
        assertThat(run.results().get(3).value()).isEqualTo(new SplittableRandom(1003).nextDouble());
        assertThat(grid.invocations).hasValue(12);
        assertThat(grid.maxRunning.get()).isGreaterThan(1);
        assertThat(run.computed()).isEqualTo(12);
        assertThat(lines(tmp.resolve("test-grid").resolve("cells.jsonl"))).hasSize(12);
    }

    @Test
    void resumeSkipsFinishedCellsAndReadsTheSameResults() throws IOException {
        List<Result> first = runner(2).run(new TestGrid(6, List.of())).results();

        TestGrid again = new TestGrid(6, List.of());
        GridRun<Cell, Result> resumed = runner(2).run(again);
        assertThat(again.invocations).hasValue(0);
        assertThat(resumed.resumed()).isEqualTo(6);
        assertThat(resumed.results()).isEqualTo(first);
        assertThat(resumed.results().get(0).nan()).isNaN();

        Path file = tmp.resolve("test-grid").resolve("cells.jsonl");
        Files.write(file, lines(file).stream().filter(l -> !l.contains("cell-4_seed-1004")).toList());
        TestGrid partial = new TestGrid(6, List.of());
        GridRun<Cell, Result> third = runner(2).run(partial);
        assertThat(partial.invocations).hasValue(1);
        assertThat(third.computed()).isEqualTo(1);
        assertThat(third.results()).isEqualTo(first);
    }

    @Test
    void failingCellDoesNotStopOthersAndIsRetriedOnRerun() throws IOException {
        TestGrid grid = new TestGrid(8, List.of(2, 5));
        GridRun<Cell, Result> run = runner(3).run(grid);

        assertThat(grid.invocations).hasValue(8);
        assertThat(run.outcomes()).hasSize(8);
        assertThat(run.failures()).extracting(CellOutcome::key)
                .containsExactly("cell-2_seed-1002", "cell-5_seed-1005");
        assertThat(run.failures().get(0).error()).isEqualTo("IllegalStateException: cell 2 diverged");
        assertThat(run.outcomes().get(7).ok()).isTrue();
        assertThatThrownBy(run::results).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 of 8 cells of grid 'test-grid' failed")
                .hasMessageContaining("cell-5_seed-1005 (IllegalStateException: cell 5 diverged)");
        assertThat(lines(tmp.resolve("test-grid").resolve("cells.jsonl"))).hasSize(6)
                .noneMatch(l -> l.contains("cell-2_") || l.contains("cell-5_"));

        TestGrid fixed = new TestGrid(8, List.of());
        GridRun<Cell, Result> rerun = runner(3).run(fixed);
        assertThat(fixed.invocations).hasValue(2);
        assertThat(rerun.results()).hasSize(8);
        try (Stream<Path> files = Files.walk(tmp)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void rejectsUnsafeOrDuplicateKeysAndBadOptions() {
        TestGrid slash = new TestGrid(2, List.of()) {
            @Override
            public String key(Cell cell) {
                return "../" + cell.index();
            }
        };
        assertThatThrownBy(() -> runner(1).run(slash)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cell key");
        TestGrid same = new TestGrid(2, List.of()) {
            @Override
            public String key(Cell cell) {
                return "same";
            }
        };
        assertThatThrownBy(() -> runner(1).run(same)).hasMessageContaining("unique");
        assertThatThrownBy(() -> new GridOptions(tmp, 0)).hasMessageContaining("threads");
        assertThatThrownBy(() -> new GridOptions(null, 1)).hasMessageContaining("dir");
    }

    @Test
    void cellFunctionIsSerializable() throws IOException {
        CellFunction<Cell, Result> f = new TestGrid(1, List.of()).cellFunction();
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(f);
            out.writeObject(new Cell(0, 1));
        }
        assertThat(f.apply(new Cell(0, 5)).value()).isEqualTo(new SplittableRandom(5).nextDouble());
    }

    @Test
    void progressGetsOneStepPerCell() {
        AtomicInteger steps = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        ProgressSink sink = (task, total) -> new ProgressTracker() {
            @Override
            public void step() {
                steps.incrementAndGet();
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
        new GridRunner(new GridOptions(tmp, 2), sink).run(new TestGrid(5, List.of(1)));
        assertThat(steps).hasValue(5);
        assertThat(closed).hasValue(1);
        new GridRunner(new GridOptions(tmp, 2), sink).run(new TestGrid(5, List.of()));
        assertThat(steps).hasValue(10);
    }
}
