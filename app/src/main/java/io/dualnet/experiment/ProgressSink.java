package io.dualnet.experiment;

/**
 * Where long-running loops report their progress. The command line supplies a terminal progress bar
 * ({@code io.dualnet.cli.Progress}); tests and libraries use {@link #none()}.
 */
@FunctionalInterface
public interface ProgressSink {

    /**
     * Starts tracking a task.
     *
     * @param task short task name shown to the user
     * @param total number of steps expected
     * @return the tracker to step and close
     */
    ProgressTracker start(String task, long total);

    /**
     * Tells the user something worth one line (e.g. how many grid cells a rerun skipped); by default nothing.
     *
     * @param line the message, without a newline
     */
    default void note(String line) {
        // silent
    }

    /** A sink that shows nothing. */
    static ProgressSink none() {
        return (task, total) -> new ProgressTracker() {
            @Override
            public void step() {
                // silent
            }

            @Override
            public void close() {
                // silent
            }
        };
    }
}
