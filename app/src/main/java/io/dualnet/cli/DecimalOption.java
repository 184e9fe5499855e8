package io.dualnet.cli;

import io.dualnet.data.InputLimits;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/**
 * The one rule for every decimal option of every command (picocli converter for {@code double} and {@code Double}):
 * a finite number, 0 or of magnitude in {@code [1e-100, 1e100]}. NaN, infinities and extreme finite values (whose
 * squares, reciprocals or products overflow deep inside a solver) are refused while parsing, as
 * {@code Invalid value for option '--tau': 1e-320: expected 0 or a magnitude in [1e-100, 1e+100]}.
 */
final class DecimalOption implements ITypeConverter<Double> {
    /** Smallest accepted non-zero magnitude, the reciprocal of {@link InputLimits#MAX_MAGNITUDE}. */
    static final double MIN_MAGNITUDE = 1 / InputLimits.MAX_MAGNITUDE;

    @Override
    public Double convert(String value) {
        double v;
        try {
            v = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new TypeConversionException(value + ": expected a finite number");
        }
        double a = Math.abs(v);
        if (a != 0 && (a < MIN_MAGNITUDE || a > InputLimits.MAX_MAGNITUDE)) {
            throw new TypeConversionException(value + ": expected 0 or a magnitude in ["
                    + String.format(Locale.ROOT, "%.0e, %.0e", MIN_MAGNITUDE, InputLimits.MAX_MAGNITUDE) + "]");
        }
        return v;
    }
}
