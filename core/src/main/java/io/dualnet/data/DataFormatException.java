package io.dualnet.data;

import java.nio.file.Path;

/**
 * A data file whose content is not in the expected format: one line naming the parameter, the file, the place in
 * the file (line and column, array element, header field...) and what was expected.
 *
 * <p>Example: {@code invalid --x = data/x.csv (line 3, column 2: "abc"): expected a number}.
 */
public class DataFormatException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** Longest token shown in a message; longer ones are shortened with an ellipsis. */
    private static final int MAX_TOKEN_CHARS = 40;

    /**
     * @param parameter the name of the parameter that named the file (e.g. {@code --x})
     * @param file the offending file
     * @param where where in the file the problem is, e.g. {@code line 3, column 2: "abc"}; {@code null} for the
     *     whole file
     * @param expected what would have been accepted
     */
    public DataFormatException(String parameter, Path file, String where, String expected) {
        super(parameter, where == null ? String.valueOf(file) : file + " (" + where + ")", expected);
    }

    /**
     * Renders an offending token for a one-line message: double-quoted, control characters replaced by {@code ?}
     * and shortened to at most 40 characters.
     *
     * @param token the raw token
     * @return the quoted, printable token
     */
    public static String quote(String token) {
        String shown = token.length() > MAX_TOKEN_CHARS ? token.substring(0, MAX_TOKEN_CHARS) + "..." : token;
        StringBuilder sb = new StringBuilder(shown.length() + 2).append('"');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return sb.append('"').toString();
    }
}
