package io.dualnet.bench;

import io.dualnet.solve.SolveListener;

import java.util.Locale;

/**
 * A {@link SolveListener} for the timing programs: prints every progress report with its wall time since construction,
 * the primal and dual values and their relative gap, one line each, flushed.
 */
final class ProgressPrinter implements SolveListener {
    private final long start = System.nanoTime();

    @Override
    public void progress(String method, int iteration, double primal, double dual) {
        System.out.printf(Locale.ROOT, "  %8.1f s  %s  it %6d  primal %.10g  dual %.10g  rel %.2e%n",
                seconds(), method, iteration, primal, dual,
                (primal - dual) / Math.max(Math.abs(primal), Double.MIN_NORMAL));
        System.out.flush();
    }

    /** Seconds since construction. */
    double seconds() {
        return (System.nanoTime() - start) * 1e-9;
    }
}
