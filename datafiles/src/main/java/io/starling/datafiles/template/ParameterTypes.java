package io.starling.datafiles.template;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validation, conversion and placeholders for the typed parameter functions. Request values are strings; a value
 * that does not fit its type is a 400 naming the parameter. Converted values are engine values (Long/BigInteger,
 * Double, Boolean, normalised date strings) that {@link SqlLiterals} writes safely.
 */
final class ParameterTypes {
    static final String NO_VALUE = "__no_value__";

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern DATE = Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2})");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[ T](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?Z?");
    private static final Set<String> BOOLEAN_TRUE = Set.of("true", "1");
    private static final Set<String> BOOLEAN_FALSE = Set.of("false", "0");
    private static final List<String> INTEGER_TYPES = List.of("Int8", "Int16", "Int32", "Int64", "Int128", "Int256",
            "UInt8", "UInt16", "UInt32", "UInt64", "UInt128", "UInt256", "Int", "Integer");
    private static final List<String> OTHER_TYPES = List.of("String", "Boolean", "Float32", "Float64", "Date",
            "DateTime", "DateTime64");

    private ParameterTypes() {
    }

    static boolean isScalarType(String name) {
        return INTEGER_TYPES.contains(name) || OTHER_TYPES.contains(name);
    }

    static boolean isNumeric(String type) {
        return INTEGER_TYPES.contains(type) || type.startsWith("Float");
    }

    /** Converts a non-null value to {@code type}, or throws a 400 naming {@code parameter}. */
    static Object convert(String type, Object value, String parameter) {
        if (INTEGER_TYPES.contains(type)) {
            return integer(type, value, parameter);
        }
        return switch (type) {
            case "String" -> value instanceof String text ? text : Values.str(value);
            case "Boolean" -> bool(value, parameter);
            case "Float32", "Float64" -> floating(type, value, parameter);
            case "Date" -> date(value, parameter);
            case "DateTime" -> dateTime(type, value, parameter, false);
            case "DateTime64" -> dateTime(type, value, parameter, true);
            default -> throw TemplateException.parameter(parameter, "Type [" + type + "] of parameter [" + parameter
                    + "] is not a template type; use String, Int32, Float64, Date, DateTime, Boolean, ...");
        };
    }

    /** The value a typed function renders when the parameter is missing and has no default. */
    static Object placeholder(String type) {
        if (isNumeric(type)) {
            return 0L;
        }
        return switch (type) {
            case "Boolean" -> Boolean.FALSE;
            case "Date" -> "2019-01-01";
            case "DateTime" -> "2019-01-01 00:00:00";
            case "DateTime64" -> "2019-01-01 00:00:00.000";
            default -> NO_VALUE;
        };
    }

    /** The request text that stands for a missing parameter when rendering for analysis. */
    static String placeholderText(String type) {
        if (type.startsWith("Array(")) {
            String element = type.substring(6, type.length() - 1);
            return isNumeric(element) ? "0,1" : NO_VALUE + "0," + NO_VALUE + "1";
        }
        Object placeholder = placeholder(type);
        return placeholder instanceof Boolean ? "0" : Values.str(placeholder);
    }

    private static Object integer(String type, Object value, String parameter) {
        BigInteger number;
        if (value instanceof Boolean || value instanceof Long || value instanceof BigInteger) {
            number = Values.toBigInteger(value);
        } else if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            number = java.math.BigDecimal.valueOf(d).toBigInteger();
        } else {
            String text = Values.str(value).strip();
            if (!INTEGER.matcher(text).matches()) {
                throw invalid(type, value, parameter, "pass a whole number" + range(type));
            }
            number = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
        }
        BigInteger[] bounds = bounds(type);
        if (bounds != null && (number.compareTo(bounds[0]) < 0 || number.compareTo(bounds[1]) > 0)) {
            throw invalid(type, value, parameter, "the number is out of range; pass a whole number" + range(type));
        }
        return Values.integer(number);
    }

    private static String range(String type) {
        BigInteger[] bounds = bounds(type);
        return bounds == null ? "" : " between " + bounds[0] + " and " + bounds[1];
    }

    private static BigInteger[] bounds(String type) {
        if (type.equals("Int") || type.equals("Integer")) {
            return null;
        }
        boolean unsigned = type.startsWith("U");
        int bits = Integer.parseInt(type.substring(unsigned ? 4 : 3));
        if (unsigned) {
            return new BigInteger[] {BigInteger.ZERO, BigInteger.TWO.pow(bits).subtract(BigInteger.ONE)};
        }
        BigInteger half = BigInteger.TWO.pow(bits - 1);
        return new BigInteger[] {half.negate(), half.subtract(BigInteger.ONE)};
    }

    private static Object floating(String type, Object value, String parameter) {
        if (Values.isNumber(value)) {
            return Values.toDouble(value);
        }
        String text = Values.str(value).strip();
        if (!FLOAT.matcher(text).matches()) {
            throw invalid(type, value, parameter, "pass a number such as 1.5");
        }
        double number = Double.parseDouble(text);
        if (Double.isInfinite(number)) {
            throw invalid(type, value, parameter, "the number is too large");
        }
        return number;
    }

    private static Object bool(Object value, String parameter) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        String text = Values.str(value).strip().toLowerCase(Locale.ROOT);
        if (BOOLEAN_TRUE.contains(text)) {
            return Boolean.TRUE;
        }
        if (BOOLEAN_FALSE.contains(text)) {
            return Boolean.FALSE;
        }
        throw invalid("Boolean", value, parameter, "pass true, false, 1 or 0");
    }

    private static Object date(Object value, String parameter) {
        Matcher matcher = DATE.matcher(Values.str(value).strip());
        if (matcher.matches()) {
            try {
                return LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                        Integer.parseInt(matcher.group(3))).toString();
            } catch (DateTimeException e) {
                // falls through to the error below
            }
        }
        throw invalid("Date", value, parameter, "pass a date as YYYY-MM-DD");
    }

    private static Object dateTime(String type, Object value, String parameter, boolean withFraction) {
        Matcher matcher = DATE_TIME.matcher(Values.str(value).strip());
        if (matcher.matches()) {
            try {
                LocalDate date = LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                        Integer.parseInt(matcher.group(3)));
                LocalTime time = LocalTime.of(group(matcher, 4), group(matcher, 5), group(matcher, 6));
                String text = date + " " + String.format(Locale.ROOT, "%02d:%02d:%02d", time.getHour(),
                        time.getMinute(), time.getSecond());
                if (!withFraction) {
                    return text;
                }
                String fraction = matcher.group(7) == null ? "000" : matcher.group(7);
                return text + "." + (fraction.length() < 3 ? (fraction + "00").substring(0, 3) : fraction);
            } catch (DateTimeException e) {
                // falls through to the error below
            }
        }
        String expected = withFraction ? "YYYY-MM-DD HH:MM:SS.mmm" : "YYYY-MM-DD HH:MM:SS";
        throw invalid(type, value, parameter, "pass a date and time as " + expected);
    }

    private static int group(Matcher matcher, int group) {
        return matcher.group(group) == null ? 0 : Integer.parseInt(matcher.group(group));
    }

    private static TemplateException invalid(String type, Object value, String parameter, String hint) {
        return TemplateException.parameter(parameter, "Parameter [" + parameter + "] value [" + shown(value)
                + "] is not a valid " + type + "; " + hint);
    }

    private static String shown(Object value) {
        String text = Values.str(value);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 60; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return text.length() > 60 ? out + "..." : out.toString();
    }
}
