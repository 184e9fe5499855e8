package io.dualnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The all-or-nothing output directory: checked first, staged beside, published whole or not at all. */
class OutputSetTest {
    @TempDir
    Path dir;

    private Set<String> tree() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void newDirectoryAppearsWithTheWholeSetAndNothingBeside() throws IOException {
        Path out = dir.resolve("a/b/out");
        List<Path> written;
        try (OutputSet set = OutputSet.prepare(out, "--out", "x.txt")) {
            set.writeString("x.txt", "1\n");
            NpyWriter.write(set.file("m.npy"), Generators.identity(2));
            assertThat(out).doesNotExist();
            written = set.commit();
        }
        assertThat(written).containsExactly(out.resolve("x.txt"), out.resolve("m.npy"));
        assertThat(tree()).containsExactly("", "a", "a/b", "a/b/out", "a/b/out/m.npy", "a/b/out/x.txt");
        assertThat(Files.readString(out.resolve("x.txt"))).isEqualTo("1\n");
    }

    @Test
    void failureBeforeTheCommitLeavesNothing() throws IOException {
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> {
            try (OutputSet set = OutputSet.prepare(out, "--out")) {
                set.writeString("x.txt", "1\n");
                throw new IllegalStateException("the computation failed");
            }
        }).hasMessage("the computation failed");
        assertThat(tree()).containsExactly("");
    }

    @Test
    void existingDirectoryKeepsItsOtherFilesAndGetsTheNewSet() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.writeString(out.resolve("x.txt"), "old\n");
        Files.writeString(out.resolve("keep.txt"), "keep\n");
        try (OutputSet set = OutputSet.prepare(out, "--out")) {
            set.writeString("x.txt", "new\n");
            set.writeString("y.txt", "y\n");
            set.commit();
        }
        assertThat(tree()).containsExactly("", "out", "out/keep.txt", "out/x.txt", "out/y.txt");
        assertThat(Files.readString(out.resolve("x.txt"))).isEqualTo("new\n");
    }

    @Test
    void aNameTakenByADirectoryFailsAtTheCommitWithoutPublishingAnything() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.writeString(out.resolve("a.txt"), "old\n");
        OutputSet set = OutputSet.prepare(out, "--out");
        set.writeString("a.txt", "new\n");
        Files.createDirectory(out.resolve("b.txt"));
        assertThatThrownBy(() -> {
            set.writeString("b.txt", "new\n");
            set.commit();
        }).isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid --out = " + out + ": expected a directory where b.txt can be written (" + out
                        + "/b.txt is a directory)");
        set.close();
        assertThat(tree()).containsExactly("", "out", "out/a.txt", "out/b.txt");
        assertThat(Files.readString(out.resolve("a.txt"))).isEqualTo("old\n");
    }

    @Test
    void badLocationsAreRejectedBeforeAnyWorkInWords() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> OutputSet.prepare(file, "--out")).isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid --out = " + file + ": expected a directory (it is an existing file)");
        assertThatThrownBy(() -> OutputSet.prepare(file.resolve("sub"), "--out"))
                .hasMessage("invalid --out = " + file.resolve("sub") + ": expected a path of directories (" + file
                        + " is a file)");
        Path taken = Files.createDirectories(dir.resolve("out/certificate.json"));
        assertThatThrownBy(() -> OutputSet.prepare(dir.resolve("out"), "--out", "certificate.json"))
                .hasMessageContaining("expected a directory where certificate.json can be written");
        // /proc cannot take new directories, not even for root
        assertThatThrownBy(() -> OutputSet.prepare(Path.of("/proc/dualnet-test/out"), "--out"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("invalid --out = /proc/dualnet-test/out: expected a writable location "
                        + "(cannot create files in /proc: ")
                .hasMessageNotContaining("Exception");
        assertThat(tree()).containsExactly("", "file", "out", "out/certificate.json");
        assertThat(taken).isDirectory();
    }
}
