package io.starling.sql.parser.ast;

import java.math.BigDecimal;

/**
 * Formats floating-point numbers as ClickHouse prints them: the shortest text that reads back to the same
 * value, plain between 1e-6 and 1e21 ({@code 0.1}, {@code 100}, {@code 1.5}), exponent form outside
 * ({@code 1e-7}, {@code 1.5e21}), and {@code inf}, {@code -inf}, {@code nan}.
 */
public final class FloatText {
    private FloatText() {
    }

    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        return shortest(new BigDecimal(Double.toString(value)), Math.abs(value));
    }

    /** Float32 values (held as double) print with float's shortest form. */
    public static String formatFloat32(double value) {
        float single = (float) value;
        if (Float.isNaN(single) || Float.isInfinite(single) || single == 0) {
            return format(single);
        }
        return shortest(new BigDecimal(Float.toString(single)), Math.abs(single));
    }

    private static String shortest(BigDecimal decimal, double magnitude) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (magnitude >= 1e-6 && magnitude < 1e21) {
            return stripped.toPlainString();
        }
        String digits = stripped.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - stripped.scale();
        StringBuilder out = new StringBuilder();
        if (stripped.signum() < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        return out.append('e').append(exponent).toString();
    }
}
