package io.dualnet.data;

import java.util.Locale;

/**
 * Bad input to the library: one message naming the parameter, the value and what is expected.
 *
 * <p>Every validation failure in DualNet is an instance of this class (a subclass of
 * {@link IllegalArgumentException}); the command line turns it into one line on standard error and exit code 2.
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    /**
     * @param parameter the name of the offending parameter, as the user knows it (e.g. {@code gamma}, {@code --x})
     * @param value the offending value, rendered for the message
     * @param expected what would have been accepted
     */
    public InvalidInputException(String parameter, Object value, String expected) {
        super(format(parameter, value, expected));
        this.parameter = parameter;
    }

    private InvalidInputException(String parameter, String message, Void raw) {
        super(message);
        this.parameter = parameter;
    }

    /**
     * The same failure naming {@code newParameter} instead (e.g. the command-line flag {@code --y} for the library's
     * {@code y[3]}), with the same value and expectation.
     *
     * @param newParameter the name to show
     * @return a new exception (not a {@link DataFormatException}: the message is kept as it is)
     */
    public InvalidInputException withParameter(String newParameter) {
        String prefix = "invalid " + parameter;
        String message = getMessage();
        String rest = message.startsWith(prefix) ? message.substring(prefix.length()) : ": " + message;
        InvalidInputException renamed = new InvalidInputException(newParameter, "invalid " + newParameter + rest,
                (Void) null);
        renamed.initCause(this);
        return renamed;
    }

    /** The name of the offending parameter. */
    public String parameter() {
        return parameter;
    }

    private static String format(String parameter, Object value, String expected) {
        String shown = value instanceof Double d ? String.format(Locale.ROOT, "%s", d) : String.valueOf(value);
        return "invalid " + parameter + " = " + shown + ": expected " + expected;
    }

    /** Throws unless {@code value} is finite. */
    public static double requireFinite(String parameter, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(parameter, value, "a finite number");
        }
        return value;
    }

    /** Throws unless {@code value} is finite and {@code >= 0}. */
    public static double requireNonNegative(String parameter, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new InvalidInputException(parameter, value, "a finite number >= 0");
        }
        return value;
    }

    /** Throws unless {@code value} is finite and {@code > 0}. */
    public static double requirePositive(String parameter, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new InvalidInputException(parameter, value, "a finite number > 0");
        }
        return value;
    }

    /** Throws unless {@code value >= min}. */
    public static int requireAtLeast(String parameter, int value, int min) {
        if (value < min) {
            throw new InvalidInputException(parameter, value, "an integer >= " + min);
        }
        return value;
    }
}
