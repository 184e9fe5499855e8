package io.dualnet.opt;

import io.dualnet.data.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Runs independent tasks {@code 0..count-1} on a private pool of {@code threads} threads and returns their results
 * in index order, so that a computation whose tasks are pure functions of their index gives the same result for
 * every thread count.
 */
public final class Parallel {
    private Parallel() {
    }

    /**
     * @param count number of tasks, {@code >= 0}
     * @param threads pool size, {@code >= 1} (1 runs the tasks on the calling thread)
     * @param task index to result; a runtime exception or error it throws is rethrown unchanged
     * @throws IllegalStateException if the calling thread is interrupted (the flag is restored)
     */
    public static <T> List<T> map(int count, int threads, IntFunction<T> task) {
        InvalidInputException.requireAtLeast("threads", threads, 1);
        if (threads == 1 || count <= 1) {
            List<T> out = new ArrayList<>(Math.max(count, 0));
            for (int i = 0; i < count; i++) {
                out.add(task.apply(i));
            }
            return out;
        }
        ForkJoinPool pool = new ForkJoinPool(Math.min(threads, count));
        try {
            return pool.submit(() -> IntStream.range(0, count).parallel().mapToObj(task).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
