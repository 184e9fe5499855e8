package io.dualnet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
    private static final String PARAM = "--images";
    private static final int N = 4;
    private static final int ROWS = 2;
    private static final int COLS = 3;

    @TempDir
    Path dir;

    /** Image {@code i}, pixel {@code p}: a value that exercises the unsigned range (up to 255). */
    private static int pixel(int i, int p) {
        return (i * 67 + p * 41 + 200) % 256;
    }

    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private static byte[] images() {
        byte[] data = new byte[N * ROWS * COLS];
        for (int i = 0; i < N; i++) {
            for (int p = 0; p < ROWS * COLS; p++) {
                data[i * ROWS * COLS + p] = (byte) pixel(i, p);
            }
        }
        return idx(IdxReader.IMAGES_MAGIC, new int[] {N, ROWS, COLS}, data);
    }

    private static byte[] labels() {
        return idx(IdxReader.LABELS_MAGIC, new int[] {N}, new byte[] {7, 0, (byte) 255, 3});
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private Path file(String name, byte[] raw, boolean gz) throws IOException {
        return write(gz ? name + ".gz" : name, gz ? gzip(raw) : raw);
    }

    private static void assertImages(DMatrixRMaj m, int... items) {
        assertThat(m.numRows).isEqualTo(items.length);
        assertThat(m.numCols).isEqualTo(ROWS * COLS);
        for (int r = 0; r < items.length; r++) {
            for (int p = 0; p < ROWS * COLS; p++) {
                assertThat(m.get(r, p)).isEqualTo(pixel(items[r], p));
            }
        }
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void imagesRoundTrip(boolean gz) throws IOException {
        Path p = file("images", images(), gz);
        assertImages(IdxReader.readImages(p, PARAM), 0, 1, 2, 3);
        assertImages(IdxReader.readImages(p, PARAM, 2), 0, 1);
        assertImages(IdxReader.readImages(p, PARAM, 100), 0, 1, 2, 3);
        assertImages(IdxReader.readImages(p, PARAM, new int[] {1, 3}), 1, 3);
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void labelsRoundTrip(boolean gz) throws IOException {
        Path p = file("labels", labels(), gz);
        assertThat(IdxReader.readLabels(p, PARAM)).containsExactly(7, 0, 255, 3);
        assertThat(IdxReader.readLabels(p, PARAM, 3)).containsExactly(7, 0, 255);
    }

    @Test
    void gzipIsRecognisedByContentNotName() throws IOException {
        Path plainNamedGz = write("labels.gz", labels());
        Path gzNamedPlain = write("labels.idx", gzip(labels()));
        assertThat(IdxReader.readLabels(plainNamedGz, PARAM)).containsExactly(7, 0, 255, 3);
        assertThat(IdxReader.readLabels(gzNamedPlain, PARAM)).containsExactly(7, 0, 255, 3);
    }

    @Test
    void limitOnlyNeedsTheBeginningOfTheFile() throws IOException {
        byte[] full = images();
        Path p = write("images", Arrays.copyOf(full, full.length - ROWS * COLS));
        assertImages(IdxReader.readImages(p, PARAM, 3), 0, 1, 2);
        assertThatThrownBy(() -> IdxReader.readImages(p, PARAM)).isInstanceOf(DataFormatException.class);
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void truncatedDataIsAFormatError(boolean gz) throws IOException {
        byte[] full = images();
        Path p = file("images", Arrays.copyOf(full, full.length - 1), gz);
        assertThatThrownBy(() -> IdxReader.readImages(p, PARAM))
                .isExactlyInstanceOf(DataFormatException.class)
                .hasMessage("invalid " + PARAM + " = " + p + " (truncated data: the header says 4x2x3 = 24 bytes, "
                        + "the file has 23 before it ends): expected a complete IDX file");
        Path labels = file("labels", Arrays.copyOf(labels(), 10), gz);
        assertThatThrownBy(() -> IdxReader.readLabels(labels, PARAM))
                .isExactlyInstanceOf(DataFormatException.class).hasMessageContaining("truncated data");
    }

    @Test
    void truncatedHeaderIsAFormatError() throws IOException {
        Path p = write("images", Arrays.copyOf(images(), 9));
        assertThatThrownBy(() -> IdxReader.readImages(p, PARAM))
                .isExactlyInstanceOf(DataFormatException.class).hasMessageContaining("truncated header");
        Path tiny = write("tiny", new byte[] {0, 0});
        assertThatThrownBy(() -> IdxReader.readLabels(tiny, PARAM))
                .isExactlyInstanceOf(DataFormatException.class).hasMessageContaining("only 2 bytes");
    }

    @Test
    void truncatedGzipStreamIsAFormatError() throws IOException {
        byte[] gz = gzip(images());
        Path p = write("images.gz", Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.readImages(p, PARAM))
                .isExactlyInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("invalid " + PARAM + " = " + p + " (")
                .hasMessageContaining("truncated");
    }

    @Test
    void corruptGzipIsAFormatError() throws IOException {
        byte[] gz = gzip(images());
        gz[2] = 7;
        Path p = write("images.gz", gz);
        assertThatThrownBy(() -> IdxReader.readImages(p, PARAM))
                .isExactlyInstanceOf(DataFormatException.class).hasMessageContaining("corrupt gzip data");
        byte[] body = gzip(images());
        for (int i = 12; i < body.length - 8; i++) {
            body[i] = (byte) 0xFF;
        }
        Path q = write("body.gz", body);
        assertThatThrownBy(() -> IdxReader.readImages(q, PARAM)).isExactlyInstanceOf(DataFormatException.class);
    }

    @Test
    void checksumIsVerifiedWhenEveryItemIsRead() throws IOException {
        byte[] gz = gzip(labels());
        gz[gz.length - 8] ^= 1;
        Path p = write("labels.gz", gz);
        assertThatThrownBy(() -> IdxReader.readLabels(p, PARAM))
                .isExactlyInstanceOf(DataFormatException.class)
                .hasMessageContaining("corrupt gzip data").hasMessageContaining("expected a valid gzip-compressed");
        assertThat(IdxReader.readLabels(p, PARAM, N - 1)).containsExactly(7, 0, 255);
        byte[] images = gzip(images());
        images[images.length - 1] ^= 1;
        Path q = write("images.gz", images);
        assertThatThrownBy(() -> IdxReader.readImages(q, PARAM)).isExactlyInstanceOf(DataFormatException.class);
    }

    @Test
    void wrongMagicNumbersNameWhatWasFound() throws IOException {
        Path labels = write("labels", labels());
        assertThatThrownBy(() -> IdxReader.readImages(labels, PARAM))
                .isExactlyInstanceOf(DataFormatException.class)
                .hasMessage("invalid " + PARAM + " = " + labels + " (magic number 0x00000801 (1 dimensions)): "
                        + "expected an IDX images file (magic number 0x00000803: unsigned bytes, 3 dimensions), "
                        + "plain or gzip-compressed");
        Path floats = write("floats", idx(0x00000D01, new int[] {1}, new byte[4]));
        assertThatThrownBy(() -> IdxReader.readLabels(floats, PARAM))
                .isExactlyInstanceOf(DataFormatException.class).hasMessageContaining("element type 0x0D");
        Path text = write("text", "hello world\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> IdxReader.readLabels(text, PARAM))
                .isExactlyInstanceOf(DataFormatException.class).hasMessageContaining("(not an IDX file)");
    }

    @Test
    void zeroDimensionIsAFormatError() throws IOException {
        Path p = write("images", idx(IdxReader.IMAGES_MAGIC, new int[] {0, 28, 28}, new byte[0]));
        assertThatThrownBy(() -> IdxReader.readImages(p, PARAM))
                .isExactlyInstanceOf(DataFormatException.class).hasMessageContaining("dimension 0 = 0");
    }

    @Test
    void missingFileAndBadArgumentsAreInputErrors() throws IOException {
        Path missing = dir.resolve("nope.gz");
        assertThatThrownBy(() -> IdxReader.readLabels(missing, PARAM))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("invalid " + PARAM + " = " + missing + ": expected an existing file (no such file)");
        Path p = write("images", images());
        assertThatThrownBy(() -> IdxReader.readImages(p, PARAM, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("maxItems");
        assertThatThrownBy(() -> IdxReader.readImages(p, PARAM, new int[] {2, 1}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("items[1]");
        assertThatThrownBy(() -> IdxReader.readImages(p, PARAM, new int[] {0, N}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("below the 4 images");
    }
}
