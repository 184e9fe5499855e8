package io.dualnet.deeprelu;

import io.dualnet.data.InvalidInputException;

import java.util.Locale;

/**
 * Data that violate an assumption a closed form needs, with the measured deviation and the tolerance in one line,
 * e.g. {@code X is not whitened: ||X X^T - I|| = 0.31 > tolerance 1e-9}.
 */
public final class WhitenedAssumptionException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    private final String message;

    /**
     * @param parameter the offending input ({@code x} or {@code y})
     * @param what the violated assumption, e.g. {@code X is not whitened}
     * @param measure the measured quantity, e.g. {@code ||X X^T - I||}
     * @param deviation its value
     * @param tolerance the tolerance it exceeds
     */
    public WhitenedAssumptionException(String parameter, String what, String measure, double deviation,
            double tolerance) {
        super(parameter, deviation, measure + " <= " + tolerance);
        this.message = what + ": " + measure + " = " + compact(deviation) + " > tolerance " + compact(tolerance);
    }

    /** Three significant digits without trailing zeros: {@code 0.31}, {@code 1e-9}, {@code 2.5e+03}. */
    static String compact(double v) {
        String s = String.format(Locale.ROOT, "%.3g", v);
        String exp = "";
        int e = s.indexOf('e');
        if (e >= 0) {
            exp = s.substring(e);
            s = s.substring(0, e);
            exp = exp.replaceFirst("e([+-])0*(\\d)", "e$1$2").replace("e+", "e");
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s + exp;
    }

    @Override
    public String getMessage() {
        return message;
    }
}
