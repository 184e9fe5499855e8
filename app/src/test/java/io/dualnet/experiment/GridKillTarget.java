package io.dualnet.experiment;

import java.nio.file.Path;

/**
 * Child process of {@link KillHarness}: runs a slow {@link SleepGrid} into {@code args[0]} on the engine
 * {@code args[1]} ({@code local}, or a Spark master) with 2 threads, {@code args[2]} cells sleeping {@code args[3]}
 * milliseconds each, and prints {@code finished} on standard output after each cell is saved, until it is killed.
 */
public final class GridKillTarget {

    private GridKillTarget() {
    }

    public static void main(String[] args) {
        GridOptions options = new GridOptions(Path.of(args[0]), 2).directFile()
                .withSpark("local".equals(args[1]) ? null : args[1]);
        new GridRunner(options, printing()).run(SleepGrid.grid("kill", 4, Integer.parseInt(args[2]) / 4,
                Long.parseLong(args[3])));
    }

    /** A progress sink printing {@code finished} on standard output after each saved cell. */
    static ProgressSink printing() {
        return (task, total) -> new ProgressTracker() {
            @Override
            public void step() {
                synchronized (System.out) {
                    System.out.println("finished");
                    System.out.flush();
                }
            }

            @Override
            public void close() {
                // nothing
            }
        };
    }
}
