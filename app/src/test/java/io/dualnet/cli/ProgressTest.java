package io.dualnet.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    @Test
    void silentWhenQuietOrNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress quiet = Progress.start("quiet", 3, err, true)) {
            quiet.step();
            quiet.message("x");
            assertThat(quiet.active()).isFalse();
        }
        // under the test runner there is no console, so even a non-quiet bar is silent
        try (Progress p = Progress.start("auto", 3, err, false)) {
            p.step();
            assertThat(p.active()).isEqualTo(System.console() != null);
        }
        if (System.console() == null) {
            assertThat(bytes.toByteArray()).isEmpty();
        }
    }
}
