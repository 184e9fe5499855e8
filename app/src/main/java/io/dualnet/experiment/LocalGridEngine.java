package io.dualnet.experiment;

import io.dualnet.data.InvalidInputException;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The default {@link GridEngine}: a fixed pool of daemon threads in this process. */
public final class LocalGridEngine implements GridEngine {

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final int threads;

    /** An engine with {@code threads >= 1} worker threads. */
    public LocalGridEngine(int threads) {
        this.threads = InvalidInputException.requireAtLeast("threads", threads, 1);
    }

    @Override
    public String name() {
        return "local (" + threads + " threads)";
    }

    @Override
    public <C extends Serializable, R> void compute(GridExperiment<C, R> experiment, List<C> cells,
                                                    List<String> keys, Listener<C, R> listener) {
        if (cells.isEmpty()) {
            return;
        }
        CellFunction<C, R> function = experiment.cellFunction();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, cells.size()),
                threadFactory(experiment.id()));
        try {
            List<Future<?>> futures = new ArrayList<>(cells.size());
            for (int i = 0; i < cells.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> listener.finished(index,
                        CellOutcome.compute(cells.get(index), keys.get(index), function))));
            }
            for (Future<?> future : futures) {
                await(future);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("grid run interrupted; finished cells are saved and will be resumed");
        } catch (ExecutionException e) {
            throw GridEngine.workerFailure(e);
        }
    }

    private static ThreadFactory threadFactory(String id) {
        int pool = POOL_NUMBER.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "dualnet-grid-" + pool + "-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
