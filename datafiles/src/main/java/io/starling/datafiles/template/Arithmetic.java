package io.starling.datafiles.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Python arithmetic: integers never overflow, {@code /} is true division, {@code +} also joins strings and lists. */
final class Arithmetic {
    private Arithmetic() {
    }

    static Object apply(String operator, Object left, Object right, int line) {
        if (operator.equals("+")) {
            if (left instanceof String a && right instanceof String b) {
                return a + b;
            }
            if (left instanceof List<?> a && right instanceof List<?> b) {
                List<Object> joined = new ArrayList<>(a);
                joined.addAll(b);
                return java.util.Collections.unmodifiableList(joined);
            }
        }
        if (operator.equals("*") && left instanceof String text && Values.isInteger(right)) {
            return text.repeat(Math.max(0, Values.toBigInteger(right).intValueExact()));
        }
        if (!Values.isNumber(left) || !Values.isNumber(right)) {
            throw TemplateException.render("cannot apply [" + operator + "] to " + Values.typeName(left) + " and "
                    + Values.typeName(right) + "; check the parameters are defined and of the expected type", line);
        }
        if (left instanceof Double || right instanceof Double || operator.equals("/")) {
            return doubles(operator, Values.toDouble(left), Values.toDouble(right), line);
        }
        return integers(operator, Values.toBigInteger(left), Values.toBigInteger(right), line);
    }

    private static Object doubles(String operator, double a, double b, int line) {
        if ((operator.equals("/") || operator.equals("//") || operator.equals("%")) && b == 0.0) {
            throw TemplateException.render("division by zero in template expression", line);
        }
        return switch (operator) {
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            case "/" -> a / b;
            case "//" -> Math.floor(a / b);
            case "%" -> a - b * Math.floor(a / b);
            case "**" -> Math.pow(a, b);
            default -> throw TemplateException.render("unknown operator [" + operator + "]", line);
        };
    }

    private static Object integers(String operator, BigInteger a, BigInteger b, int line) {
        if ((operator.equals("//") || operator.equals("%")) && b.signum() == 0) {
            throw TemplateException.render("division by zero in template expression", line);
        }
        return switch (operator) {
            case "+" -> Values.integer(a.add(b));
            case "-" -> Values.integer(a.subtract(b));
            case "*" -> Values.integer(a.multiply(b));
            case "//" -> Values.integer(floorDivide(a, b));
            case "%" -> Values.integer(a.subtract(floorDivide(a, b).multiply(b)));
            case "**" -> power(a, b, line);
            default -> throw TemplateException.render("unknown operator [" + operator + "]", line);
        };
    }

    private static Object power(BigInteger a, BigInteger b, int line) {
        if (b.signum() < 0) {
            return Math.pow(a.doubleValue(), b.doubleValue());
        }
        if (b.compareTo(BigInteger.valueOf(1024)) > 0) {
            throw TemplateException.render("exponent [" + b + "] is too large; templates allow up to 1024", line);
        }
        return Values.integer(a.pow(b.intValue()));
    }

    private static BigInteger floorDivide(BigInteger a, BigInteger b) {
        BigInteger[] division = a.divideAndRemainder(b);
        if (division[1].signum() != 0 && (division[1].signum() != b.signum())) {
            return division[0].subtract(BigInteger.ONE);
        }
        return division[0];
    }
}
