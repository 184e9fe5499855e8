package io.dualnet.report;

import io.dualnet.experiment.ZhangVggOptions;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The optional {@code vgg} module (Zhang et al. A.1 with DJL's PyTorch engine) as seen from the app, found at run
 * time with {@link ServiceLoader} so that the default command line never depends on the engine. The module
 * registers its implementation in {@code META-INF/services/io.dualnet.report.ZhangVggModule}.
 */
public interface ZhangVggModule {
    /** How to build the module, for the one-line message when it is missing. */
    String BUILD_HINT = "the optional vgg module (DJL + PyTorch) is not built; build it with "
            + "'mvn -B -ntp -pl vgg -am package -DskipTests' and run ./dualnet again";

    /** The training files of the CIFAR-10 binary version, in order (checked by the app before the module is found). */
    List<String> CIFAR10_TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");

    /** The test file of the CIFAR-10 binary version. */
    String CIFAR10_TEST_FILE = "test_batch.bin";

    /**
     * Checks the options against the data before any output is written (a {@code --cifar10} folder lacking its
     * files, a batch larger than the data).
     *
     * @throws io.dualnet.data.InvalidInputException naming the flag
     */
    void validate(ZhangVggOptions options);

    /** Runs (or resumes) the grid and describes it: figure, configuration table, verdicts. */
    SectionResult render(ZhangVggOptions options, ReportContext ctx) throws Exception;

    /** The module, when it is on the class path. */
    static Optional<ZhangVggModule> find() {
        return ServiceLoader.load(ZhangVggModule.class).findFirst();
    }
}
