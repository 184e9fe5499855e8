package io.dualnet.experiment;

import io.dualnet.data.InvalidInputException;

import java.util.ServiceLoader;

/** Chooses the {@link GridEngine} that {@link GridOptions} ask for. */
public final class GridEngines {

    /** How to build the Spark engine, for the message shown when it is absent. */
    public static final String SPARK_BUILD_HINT = "the Spark module on the class path: build it with "
            + "'mvn -B -ntp -DskipTests -pl spark -am package' (the ./dualnet launcher then uses it for --spark)";

    private GridEngines() {
    }

    /** The local thread pool, or the Spark engine when {@code options.spark()} is set. */
    public static GridEngine forOptions(GridOptions options) {
        return options.spark() == null ? new LocalGridEngine(options.threads()) : open("spark", options.spark());
    }

    /**
     * Checks, before any long work, that the Spark engine is installed when {@code spark} (a {@code --spark} value)
     * is set and accepts that master.
     *
     * @throws InvalidInputException naming {@code --spark} and how to build the module when it is not installed
     */
    public static void requireAvailable(String spark) {
        if (spark != null) {
            open("spark", spark);
        }
    }

    /**
     * The engine {@code name} found with {@link ServiceLoader}, opened for {@code master}.
     *
     * @throws InvalidInputException naming {@code --spark} and how to build the module when it is not installed
     */
    public static GridEngine open(String name, String master) {
        for (GridEngineProvider provider : ServiceLoader.load(GridEngineProvider.class)) {
            if (provider.name().equals(name)) {
                return provider.open(master);
            }
        }
        throw new InvalidInputException("--" + name, master, SPARK_BUILD_HINT);
    }
}
