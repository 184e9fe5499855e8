package io.dualnet.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens data files that may be gzip-compressed, recognised by their content (magic bytes {@code 1f 8b}), not name. */
final class CompressedFiles {
    /** Read-buffer size. */
    static final int BUFFER_BYTES = 1 << 16;

    private CompressedFiles() {
    }

    /**
     * Opens {@code path} for reading, decompressing it on the fly when it starts with the gzip magic bytes.
     *
     * @throws IOException if the file cannot be opened or its gzip header is invalid
     */
    static InputStream open(Path path) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES);
        try {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(raw, BUFFER_BYTES), BUFFER_BYTES);
            }
            return raw;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Reads {@code in} to its end, which makes a gzip stream verify its checksum and length. */
    static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    /**
     * The exception for an I/O failure while reading {@code path}: corrupt or truncated gzip data is a
     * {@link DataFormatException}, anything else as {@link FileErrors#cannotRead}.
     */
    static InvalidInputException readError(Path path, String parameter, IOException e) {
        if (e instanceof ZipException) {
            return new DataFormatException(parameter, path, "corrupt gzip data: " + e.getMessage(),
                    "a valid gzip-compressed or uncompressed file");
        }
        if (e instanceof EOFException) {
            return new DataFormatException(parameter, path, "truncated gzip data",
                    "a complete gzip-compressed file");
        }
        return FileErrors.cannotRead(path, parameter, e);
    }
}
