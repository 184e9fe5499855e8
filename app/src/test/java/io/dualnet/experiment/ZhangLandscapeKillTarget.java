package io.dualnet.experiment;

import java.nio.file.Path;

/**
 * Child process of {@link ZhangLandscapeGridTest}: runs {@link ZhangLandscapeGridTest#cells()} into
 * {@code args[0]/zhang-landscape/cells.jsonl} on 2 threads and prints {@code finished} after each saved panel, until
 * it is killed.
 */
public final class ZhangLandscapeKillTarget {

    private ZhangLandscapeKillTarget() {
    }

    public static void main(String[] args) {
        new GridRunner(new GridOptions(Path.of(args[0]), 2), GridKillTarget.printing())
                .run(ZhangLandscape.grid(ZhangLandscapeGridTest.cells()));
    }
}
