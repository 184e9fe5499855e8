package io.dualnet.linalg;

/**
 * A scope in which the calling thread keeps its large native buffers between calls ({@link Linalg#retainScratch}):
 * for a solver that factors an {@code n x n} matrix many times. Close it on the thread that opened it, with
 * try-with-resources; scopes nest, and the outermost frees the buffers.
 */
public final class ScratchRetention implements AutoCloseable {
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    ScratchRetention() {
        NativeScratch.retain();
    }

    /** Ends the scope (once; a second call does nothing). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a scratch retention is closed on the thread that opened it");
        }
        closed = true;
        NativeScratch.endRetention();
    }
}
