package io.dualnet.experiment;

/**
 * A {@link GridEngine} found at run time with {@link java.util.ServiceLoader} (an optional module lists its
 * implementation in {@code META-INF/services/io.dualnet.experiment.GridEngineProvider}), so that the default command
 * line does not carry the engine's dependencies.
 */
public interface GridEngineProvider {

    /** The engine's name as the option names it ({@code spark}). */
    String name();

    /**
     * The engine for {@code master} (for Spark: a master URL such as {@code local[2]} or {@code spark://host:7077},
     * or {@code submit} for the master given to {@code spark-submit}).
     *
     * @throws io.dualnet.data.InvalidInputException when {@code master} is not valid for this engine
     */
    GridEngine open(String master);
}
