package io.starling.sql.format;

/**
 * Writes floats as ClickHouse prints them: the shortest text that reads back to the same value, without a
 * trailing {@code .0} ({@code 1}, {@code 1.5}, {@code 0.1}), in plain notation for decimal exponents from -6
 * to 20 and otherwise as {@code 1e21} / {@code 1.5e-7}; {@code inf}, {@code -inf} and {@code nan}.
 * Float32 values print with float precision ({@code 0.1}, not {@code 0.10000000149011612}).
 */
public final class FloatText {
    private FloatText() {
    }

    public static void write(double value, boolean float32, ByteSink out) {
        if (Double.isNaN(value)) {
            out.writeAscii("nan");
            return;
        }
        if (Double.isInfinite(value)) {
            out.writeAscii(value > 0 ? "inf" : "-inf");
            return;
        }
        if (value == 0) {
            out.writeAscii(1 / value < 0 ? "-0" : "0");
            return;
        }
        if (value == Math.rint(value) && Math.abs(value) < (float32 ? 16_777_216 : 1e15)) {
            out.writeLong((long) value);
            return;
        }
        String shortest = float32 ? Float.toString((float) value) : Double.toString(value);
        writeShortest(shortest, out);
    }

    public static String toString(double value, boolean float32) {
        ByteSink sink = new ByteSink();
        write(value, float32, sink);
        return sink.toString();
    }

    /** Re-renders Java's shortest representation ({@code 1.5E-7}, {@code 123.45}) in ClickHouse's notation. */
    private static void writeShortest(String text, ByteSink out) {
        int position = 0;
        if (text.charAt(0) == '-') {
            out.write('-');
            position = 1;
        }
        char[] digits = new char[text.length()];
        int digitCount = 0;
        int pointIndex = -1;
        int exponent = 0;
        for (int i = position; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '.') {
                pointIndex = digitCount;
            } else if (ch == 'E') {
                exponent = Integer.parseInt(text, i + 1, text.length(), 10);
                break;
            } else {
                digits[digitCount++] = ch;
            }
        }
        if (pointIndex < 0) {
            pointIndex = digitCount;
        }
        // value = 0.d1d2... * 10^(pointIndex + exponent); strip leading and trailing zeros.
        int first = 0;
        while (first < digitCount - 1 && digits[first] == '0') {
            first++;
            pointIndex--;
        }
        int last = digitCount;
        while (last > first + 1 && digits[last - 1] == '0') {
            last--;
        }
        int significant = last - first;
        int decimalExponent = pointIndex + exponent - 1; // value = d.ddd * 10^decimalExponent
        if (decimalExponent >= -6 && decimalExponent < 21) {
            writePlain(digits, first, significant, decimalExponent, out);
        } else {
            out.write(digits[first]);
            if (significant > 1) {
                out.write('.');
                for (int i = first + 1; i < last; i++) {
                    out.write(digits[i]);
                }
            }
            out.write('e');
            out.writeLong(decimalExponent);
        }
    }

    private static void writePlain(char[] digits, int first, int significant, int decimalExponent, ByteSink out) {
        if (decimalExponent < 0) {
            out.write('0');
            out.write('.');
            for (int i = -1; i > decimalExponent; i--) {
                out.write('0');
            }
            for (int i = 0; i < significant; i++) {
                out.write(digits[first + i]);
            }
            return;
        }
        int integerDigits = decimalExponent + 1;
        for (int i = 0; i < Math.max(integerDigits, significant); i++) {
            if (i == integerDigits) {
                out.write('.');
            }
            out.write(i < significant ? digits[first + i] : '0');
        }
    }
}
