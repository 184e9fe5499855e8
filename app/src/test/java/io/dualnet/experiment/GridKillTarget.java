package io.dualnet.experiment;

import java.nio.file.Path;

/**
 * Child process of {@link GridKillTest}: runs a slow grid into {@code args[0]} on 2 threads and prints
 * {@code finished} on standard output after each cell is saved, until it is killed.
 */
public final class GridKillTarget {

    private GridKillTarget() {
    }

    public static void main(String[] args) {
        ProgressSink printing = (task, total) -> new ProgressTracker() {
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
        new GridRunner(new GridOptions(Path.of(args[0]), 2).directFile(), printing)
                .run(SleepGrid.grid("kill", 4, 25, 60));
    }
}
