package io.dualnet.cli;

import io.dualnet.experiment.ProgressSink;
import io.dualnet.experiment.ProgressTracker;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;

/**
 * A terminal progress bar on standard error (wrapping {@code me.tongfei.progressbar}).
 *
 * <p>The bar is shown only when the process runs in an interactive terminal ({@link System#console()} is not
 * {@code null}) and the user did not ask for quiet output; otherwise every method is a no-op, so tests, CI logs and
 * {@code --json} pipes stay clean. Thread-safe.
 */
public final class Progress implements ProgressTracker {

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** True when a bar would be displayed: an interactive terminal and not {@code quiet}. */
    public static boolean enabled(boolean quiet) {
        return !quiet && System.console() != null;
    }

    /**
     * Starts a bar (or a silent tracker, see the class comment).
     *
     * @param task short name shown before the bar
     * @param total number of steps
     * @param err where the bar is drawn (standard error)
     * @param quiet true to never show a bar
     */
    public static Progress start(String task, long total, PrintStream err, boolean quiet) {
        if (!enabled(quiet)) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(Math.max(total, 0))
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new InteractiveConsoleProgressBarConsumer(err))
                .build();
        return new Progress(bar);
    }

    /**
     * A sink creating bars on {@code err}, for library code that takes a {@link ProgressSink}; its notes (e.g. how
     * many grid cells a rerun skipped) go to {@code err} as {@code dualnet: ...} lines, even when {@code quiet}.
     */
    public static ProgressSink sink(PrintStream err, boolean quiet) {
        return new ProgressSink() {
            @Override
            public ProgressTracker start(String task, long total) {
                return Progress.start(task, total, err, quiet);
            }

            @Override
            public void note(String line) {
                err.println("dualnet: " + line);
            }
        };
    }

    /** True when this tracker draws a bar. */
    public boolean active() {
        return bar != null;
    }

    @Override
    public synchronized void step() {
        if (bar != null) {
            bar.step();
        }
    }

    /** Moves the bar to {@code position} (never backwards). */
    public synchronized void stepTo(long position) {
        if (bar != null && position > bar.getCurrent()) {
            bar.stepTo(position);
        }
    }

    /** Shows a short message after the bar (e.g. the current item). */
    public synchronized void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
