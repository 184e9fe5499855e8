package io.dualnet.experiment;

/**
 * Progress of one running task, as handed out by a {@link ProgressSink}. Implementations must be thread-safe:
 * grid workers call {@link #step()} concurrently.
 */
public interface ProgressTracker extends AutoCloseable {

    /** Records one finished step. */
    void step();

    /** Ends the task (idempotent); does not throw. */
    @Override
    void close();
}
