package io.dualnet.experiment;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/** A test {@link Grid}: cells that sleep, then draw a number from their seed; counts computations. */
final class SleepGrid {

    /** Computations in this JVM. */
    static final AtomicInteger COMPUTED = new AtomicInteger();

    record Cell(int width, long seed, long sleepMillis) implements GridCell {
        @Override
        public String key() {
            return "w" + width + "-s" + seed;
        }
    }

    record Result(int width, long seed, double loss, boolean hit, double nan) {
    }

    private SleepGrid() {
    }

    static Result run(Cell cell) {
        COMPUTED.incrementAndGet();
        try {
            Thread.sleep(cell.sleepMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double loss = new SplittableRandom(cell.seed() * 31 + cell.width()).nextDouble();
        return new Result(cell.width(), cell.seed(), loss, loss < 0.5, Double.NaN);
    }

    static Grid<Cell, Result> grid(String id, int widths, int seeds, long sleepMillis) {
        List<Cell> cells = IntStream.range(0, widths * seeds)
                .mapToObj(i -> new Cell(10 + i / seeds, i % seeds, sleepMillis)).toList();
        return Grid.of(id, cells, SleepGrid::run, Result.class);
    }
}
