package io.starling.node.ingest;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Observes the values of one guessed column and answers the narrowest ClickHouse type that holds them all
 * (spec data-plane §4.3): integers as Int16/Int32/Int64 (UInt64 only above Int64), other numbers Float64,
 * true/false Bool, ISO-like date strings Date / DateTime / DateTime64(3|6), everything else (or a mix) String;
 * arrays Array(T) of their elements' type. Missing values and nulls make the column Nullable (never arrays).
 * Not thread-safe.
 */
final class TypeTally {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.(\\d{1,9}))?(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,40}");
    private static final Pattern FLOAT = Pattern.compile("-?(\\d+\\.?\\d*([eE][-+]?\\d+)?|\\.\\d+([eE][-+]?\\d+)?|inf|nan)",
            Pattern.CASE_INSENSITIVE);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private long present;
    private long missing;
    private boolean anyInteger;
    private boolean anyFloat;
    private boolean anyBool;
    private boolean anyDate;
    private boolean anyDateTime;
    private int fractionDigits;
    private boolean anyOther;
    private boolean anyArray;
    private boolean negative;
    private BigInteger max = BigInteger.ZERO;
    private BigInteger min = BigInteger.ZERO;
    private TypeTally elements;

    void missing() {
        missing++;
    }

    long present() {
        return present;
    }

    long seen() {
        return present + missing;
    }

    /** A JSON number or an unquoted CSV value that may be one. */
    void number(String text) {
        present++;
        if (INTEGER.matcher(text).matches()) {
            integer(new BigInteger(text));
        } else if (FLOAT.matcher(text).matches()) {
            anyFloat = true;
        } else {
            anyOther = true;
        }
    }

    private void integer(BigInteger value) {
        anyInteger = true;
        if (value.signum() < 0) {
            negative = true;
        }
        max = max.max(value);
        min = min.min(value);
    }

    void bool() {
        present++;
        anyBool = true;
    }

    /** A string value (JSON string, or CSV text): dates are recognised; numbers too when {@code numeric}. */
    void text(String text, boolean numeric) {
        if (numeric && (INTEGER.matcher(text).matches() || FLOAT.matcher(text).matches()) && !text.isEmpty()) {
            number(text);
            return;
        }
        present++;
        var dateTime = DATE_TIME.matcher(text);
        if (dateTime.matches()) {
            anyDateTime = true;
            String fraction = dateTime.group(2);
            if (fraction != null) {
                fractionDigits = Math.max(fractionDigits, fraction.length() <= 3 ? 3 : 6);
            }
        } else if (DATE.matcher(text).matches()) {
            anyDate = true;
        } else if (numeric && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            anyBool = true;
        } else {
            anyOther = true;
        }
    }

    /** A JSON object or array of arrays: kept as its JSON text in a String column. */
    void other() {
        present++;
        anyOther = true;
    }

    /** An array value; its elements go to {@link #elements()}. */
    TypeTally array() {
        present++;
        anyArray = true;
        if (elements == null) {
            elements = new TypeTally();
        }
        return elements;
    }

    TypeTally elements() {
        return elements;
    }

    boolean isArray() {
        return anyArray && !anyOther && !anyInteger && !anyFloat && !anyBool && !anyDate && !anyDateTime;
    }

    /** The guessed type; {@code typeGuessing=false} answers String (Array(String) for arrays). */
    String type(boolean typeGuessing) {
        if (isArray()) {
            String element = elements == null || elements.present == 0 ? "String" : elements.baseType(typeGuessing);
            return "Array(" + element + ")";
        }
        String base = baseType(typeGuessing);
        return missing > 0 || present == 0 ? "Nullable(" + base + ")" : base;
    }

    private String baseType(boolean typeGuessing) {
        if (!typeGuessing || anyOther || anyArray || present == 0) {
            return "String";
        }
        boolean numeric = anyInteger || anyFloat;
        boolean temporal = anyDate || anyDateTime;
        if ((numeric && (anyBool || temporal)) || (anyBool && temporal)) {
            return "String";
        }
        if (anyBool) {
            return "Bool";
        }
        if (temporal) {
            if (!anyDateTime) {
                return "Date";
            }
            return fractionDigits > 0 ? "DateTime64(" + fractionDigits + ")" : "DateTime";
        }
        if (anyFloat) {
            return "Float64";
        }
        if (!negative && max.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
            return max.compareTo(UINT64_MAX) <= 0 ? "UInt64" : "Float64";
        }
        if (max.bitLength() < 16 && min.bitLength() < 16) {
            return "Int16";
        }
        if (max.bitLength() < 32 && min.bitLength() < 32) {
            return "Int32";
        }
        if (max.bitLength() < 64 && min.bitLength() < 64) {
            return "Int64";
        }
        return "Float64";
    }
}
