package io.dualnet.spark;

import io.dualnet.data.InvalidInputException;
import io.dualnet.experiment.GridEngine;
import io.dualnet.experiment.GridEngineProvider;

/** Makes {@link SparkGridEngine} available to the app's {@code --spark MASTER} through {@link java.util.ServiceLoader}. */
public final class SparkGridEngineProvider implements GridEngineProvider {

    @Override
    public String name() {
        return "spark";
    }

    /**
     * @param master a Spark master URL ({@code local}, {@code local[N]}, {@code local[*]}, {@code spark://host:port},
     *               {@code yarn}, {@code k8s://...}) or {@code submit} for the one {@code spark-submit} was given
     */
    @Override
    public GridEngine open(String master) {
        if (master == null || master.isBlank() || master.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInputException("--spark", master,
                    "a Spark master URL (local[2], spark://host:7077, yarn, ...) or 'submit' under spark-submit");
        }
        return new SparkGridEngine(master);
    }
}
