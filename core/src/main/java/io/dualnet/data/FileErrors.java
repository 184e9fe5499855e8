package io.dualnet.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Turns I/O failures on user-named files into one-line {@link InvalidInputException}s. */
final class FileErrors {
    private FileErrors() {
    }

    /**
     * Checks up front that {@code path} is an existing, readable regular file.
     *
     * @throws InvalidInputException naming {@code parameter} and {@code path} otherwise
     */
    static void requireReadableFile(Path path, String parameter) {
        if (Files.isDirectory(path)) {
            throw new InvalidInputException(parameter, path, "a file, not a directory");
        }
        if (!Files.exists(path)) {
            throw new InvalidInputException(parameter, path, "an existing file (no such file)");
        }
        if (!Files.isReadable(path)) {
            throw new InvalidInputException(parameter, path, "a readable file (permission denied)");
        }
    }

    /** The exception to throw when reading {@code path} failed with {@code e}. */
    static InvalidInputException cannotRead(Path path, String parameter, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InvalidInputException(parameter, path, "an existing file (no such file)");
        }
        if (e instanceof AccessDeniedException) {
            return new InvalidInputException(parameter, path, "a readable file (permission denied)");
        }
        if (e instanceof CharacterCodingException) {
            return new DataFormatException(parameter, path, null, "UTF-8 text (found bytes that are not UTF-8)");
        }
        return new InvalidInputException(parameter, path, "a readable file (" + oneLine(e.getMessage()) + ")");
    }

    /** The exception to throw when writing {@code path} failed with {@code e}. */
    static InvalidInputException cannotWrite(Path path, String parameter, UncheckedIOException e) {
        IOException cause = e.getCause();
        String reason = cause instanceof AccessDeniedException ? "permission denied"
                : cause instanceof NoSuchFileException ? "no such directory"
                : cause instanceof FileAlreadyExistsException f ? f.getFile() + " exists and is not a directory"
                : oneLine(cause.getMessage());
        return new InvalidInputException(parameter, path, "a writable file location (" + reason + ")");
    }

    private static String oneLine(String message) {
        return message == null ? "I/O error" : message.replaceAll("\\s+", " ").trim();
    }
}
