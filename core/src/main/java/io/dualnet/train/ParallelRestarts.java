package io.dualnet.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs independent training restarts on a fixed pool of daemon threads and returns their results in restart order,
 * so that a trainer's result does not depend on the thread count as long as each restart is a pure function of its
 * index (its seed fixed before the restarts start).
 */
final class ParallelRestarts {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private ParallelRestarts() {
    }

    /**
     * @param count number of restarts, {@code >= 1}
     * @param threads pool size, {@code >= 1} (capped at {@code count})
     * @param restart restart {@code r -> result}; a runtime exception or error it throws is rethrown unchanged
     */
    static <T> List<T> run(int count, int threads, IntFunction<T> restart) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, count), runnable -> {
            Thread t = new Thread(runnable, "dualnet-restart-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int r = 0; r < count; r++) {
                int index = r;
                futures.add(pool.submit(() -> restart.apply(index)));
            }
            List<T> results = new ArrayList<>(count);
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
