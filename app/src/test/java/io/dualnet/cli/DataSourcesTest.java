package io.dualnet.cli;

import io.dualnet.data.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The data-source rule of the commands that read {@code --x/--y} files or {@code --generate NAME}. */
class DataSourcesTest {
    private static final Path X = Path.of("x.csv");
    private static final Path Y = Path.of("y.csv");

    @Test
    void filesOrGenerateSaysWhichSourceWasGiven() {
        assertThat(DataSources.filesOrGenerate(X, Y, null, true)).isTrue();
        assertThat(DataSources.filesOrGenerate(null, null, "tiny", true)).isFalse();
        assertThat(DataSources.filesOrGenerate(null, null, null, false)).isFalse();
    }

    @Test
    void filesOrGenerateRejectsContradictionsNamingTheFlags() {
        assertThatThrownBy(() -> DataSources.filesOrGenerate(null, null, null, true))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid --x/--y = (missing): expected one data source: --x/--y or --generate");
        assertThatThrownBy(() -> DataSources.filesOrGenerate(X, Y, "tiny", false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid --x/--y and --generate = both given: expected one data source: --x/--y or "
                        + "--generate");
        assertThatThrownBy(() -> DataSources.filesOrGenerate(X, null, null, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid --y = (missing): expected a CSV or .npy file with --x");
        assertThatThrownBy(() -> DataSources.filesOrGenerate(null, Y, null, true))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid --x = (missing): expected a CSV or .npy file with --y");
    }
}
