package io.dualnet.experiment;

import io.dualnet.data.InvalidInputException;
import io.dualnet.teacher.StudentSgd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs (or resumes) the grid of Table 1 of Zhang et al.: one cell per {@code (width, seed)}, each written to
 * {@code cells.jsonl} (a {@link CellStore}: one JSON line appended and forced as soon as the run ends) so that a
 * rerun with the same file skips the finished cells.
 *
 * <p>Unlike {@link GridRunner}, which computes cells one by one, the pending seeds of a width are trained together
 * in lock-step blocks of at most {@link #LANES} runs ({@link StudentSgd#runLanes}, the seeds being SIMD lanes), the
 * blocks spread over a thread pool; a run's numbers do not depend on its block or thread, so the file is the same
 * as a cell-by-cell run's (up to the {@code seconds} field). This is why this grid does not go through a
 * {@link GridEngine} (nor Spark): a remote engine would ship cells one at a time.
 */
public final class ZhangTable1Runner {
    /**
     * Runs per lock-step batch at most (a width's 100 seeds make two batches of 50, each trained as SIMD blocks of
     * 8 lanes by {@link StudentSgd#runLanes}; the batches of all widths share the thread pool).
     */
    public static final int LANES = 64;

    private ZhangTable1Runner() {
    }

    /**
     * What a run of the grid produced.
     *
     * @param results one per cell, in cell order (diverged runs included; they are not saved)
     * @param skipped cells read back from the file instead of computed
     * @param seconds wall time of the computed cells
     * @param steps SGD steps of the computed cells (summed over runs)
     * @param threads worker threads used
     */
    public record Outcome(List<ZhangTable1Result> results, int skipped, double seconds, long steps, int threads) {
        /** Wall microseconds per SGD step of one run ({@code NaN} when nothing was computed). */
        public double microsPerStep() {
            return steps == 0 ? Double.NaN : 1e6 * seconds / steps;
        }

        /** The first diverged run, or {@code null}. */
        public ZhangTable1Result firstDiverged() {
            return results.stream().filter(ZhangTable1Result::diverged).findFirst().orElse(null);
        }
    }

    /** The cells of the grid, width-major. */
    public static List<ZhangTable1Cell> cells(ZhangTable1Setup setup, int[] widths, long[] seeds) {
        List<ZhangTable1Cell> cells = new ArrayList<>();
        for (int w : widths) {
            InvalidInputException.requireAtLeast("--widths", w, 1);
            for (long s : seeds) {
                cells.add(new ZhangTable1Cell(w, s, setup));
            }
        }
        return cells;
    }

    /**
     * Runs the cells that {@code cellsFile} does not hold yet and returns every cell's result.
     *
     * @throws InvalidInputException when the file cannot be written or another run holds it
     * @throws CancellationException when interrupted (finished cells stay saved)
     */
    public static Outcome run(ZhangTable1Setup setup, int[] widths, long[] seeds, Path cellsFile, int threads,
                              ProgressSink progress) {
        InvalidInputException.requireAtLeast("--threads", threads, 1);
        List<ZhangTable1Cell> cells = cells(setup, widths, seeds);
        Map<String, ZhangTable1Result> done = Collections.synchronizedMap(new LinkedHashMap<>());
        try (CellStore store = CellStore.open(cellsFile)) {
            Map<Integer, List<Long>> pending = new LinkedHashMap<>();
            int skipped = 0;
            for (ZhangTable1Cell cell : cells) {
                ZhangTable1Result saved = store.result(cell.key(), ZhangTable1Result.class);
                if (saved != null) {
                    done.put(cell.key(), saved);
                    skipped++;
                } else {
                    pending.computeIfAbsent(cell.width(), w -> new ArrayList<>()).add(cell.seed());
                }
            }
            if (skipped > 0) {
                progress.note("zhang-table1: skipped " + skipped + " of " + cells.size()
                        + " cells finished earlier (" + store.file() + ")");
            }
            StudentSgd kernel = setup.kernel();
            long start = System.nanoTime();
            long[] steps = new long[1];
            try (ProgressTracker tracker = progress.start("zhang-table1", cells.size())) {
                for (int i = 0; i < skipped; i++) {
                    tracker.step();
                }
                List<long[]> blocks = new ArrayList<>();
                List<Integer> blockWidths = new ArrayList<>();
                for (Map.Entry<Integer, List<Long>> e : pending.entrySet()) {
                    List<Long> list = e.getValue();
                    int count = (list.size() + LANES - 1) / LANES;
                    for (int b = 0; b < count; b++) {
                        int from = b * list.size() / count;
                        int to = (b + 1) * list.size() / count;
                        blocks.add(list.subList(from, to).stream().mapToLong(Long::longValue).toArray());
                        blockWidths.add(e.getKey());
                    }
                }
                int pool = Math.max(1, Math.min(threads, blocks.size()));
                ExecutorService executor = Executors.newFixedThreadPool(pool,
                        LocalGridEngine.threadFactory("zhang-table1"));
                try {
                    List<Future<?>> futures = new ArrayList<>();
                    for (int b = 0; b < blocks.size(); b++) {
                        int width = blockWidths.get(b);
                        long[] block = blocks.get(b);
                        futures.add(executor.submit(() -> {
                            long blockStart = System.nanoTime();
                            kernel.runLanes(width, block, run -> {
                                ZhangTable1Result result = ZhangTable1Result.of(run);
                                ZhangTable1Cell cell = new ZhangTable1Cell(width, run.seed(), setup);
                                if (!result.diverged()) {
                                    store.append(cell.key(), (System.nanoTime() - blockStart) / 1e9, cell, result);
                                }
                                done.put(cell.key(), result);
                                synchronized (steps) {
                                    steps[0] += run.iterations();
                                }
                                tracker.step();
                            });
                        }));
                    }
                    for (Future<?> f : futures) {
                        LocalGridEngine.await(f);
                    }
                } finally {
                    executor.shutdownNow();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<ZhangTable1Result> results = new ArrayList<>(cells.size());
            for (ZhangTable1Cell cell : cells) {
                results.add(done.get(cell.key()));
            }
            return new Outcome(results, skipped, seconds, steps[0], threads);
        }
    }
}
