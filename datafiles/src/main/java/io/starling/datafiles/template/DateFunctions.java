package io.starling.datafiles.template;

/**
 * {@code date_diff_in_seconds/minutes/hours/days(d1, d2, date_format=..., backup_date_format=None,
 * none_if_error=False)} and {@code day_diff(d1, d2, default=None)}: absolute differences computed at render time.
 */
final class DateFunctions {
    private static final String DATE_TIME_FORMAT = "%Y-%m-%d %H:%M:%S";
    private static final String DATE_FORMAT = "%Y-%m-%d";

    private DateFunctions() {
    }

    static TemplateFunction dateDiff(double secondsPerUnit, boolean wholeUnits) {
        String defaultFormat = wholeUnits ? DATE_FORMAT : DATE_TIME_FORMAT;
        return invocation -> {
            String format = invocation.stringArg(2, "date_format", defaultFormat);
            String backup = invocation.stringArg(3, "backup_date_format", null);
            boolean noneIfError = Values.truthy(invocation.arg(4, "none_if_error"));
            Double first = seconds(invocation, 0, format, backup, noneIfError);
            Double second = seconds(invocation, 1, format, backup, noneIfError);
            if (first == null || second == null) {
                return null;
            }
            double difference = Math.abs(second - first) / secondsPerUnit;
            return wholeUnits ? (Object) (long) Math.floor(difference) : difference;
        };
    }

    /** {@code day_diff(d1, d2, default=None)}: whole days between two dates (date-times are cut to the date). */
    static Object dayDiff(Invocation invocation) {
        Object first = invocation.arg(0);
        Object second = invocation.arg(1);
        Object fallback = invocation.arg(2, "default");
        if (first == null || second == null) {
            return fallback == null ? 0L : fallback;
        }
        Double a = StrftimeParser.parse(datePart(first), DATE_FORMAT);
        Double b = StrftimeParser.parse(datePart(second), DATE_FORMAT);
        if (a == null || b == null) {
            if (fallback != null) {
                return fallback;
            }
            throw invocation.error("dates [" + Values.str(first) + "] and [" + Values.str(second)
                    + "] must be YYYY-MM-DD");
        }
        return (long) Math.floor(Math.abs(b - a) / 86400);
    }

    private static String datePart(Object value) {
        String text = Values.str(value).strip();
        return text.length() > 10 ? text.substring(0, 10) : text;
    }

    private static Double seconds(Invocation invocation, int index, String format, String backup,
                                  boolean noneIfError) {
        Object value = invocation.arg(index);
        String parameter = invocation.parameterName(index);
        if (value == null) {
            if (noneIfError) {
                return null;
            }
            throw TemplateException.parameter(parameter, "Parameter [" + parameter + "] of "
                    + invocation.function() + "() has no value; pass a date as " + format);
        }
        String text = Values.str(value);
        Double seconds = StrftimeParser.parse(text, format);
        if (seconds == null && backup != null) {
            seconds = StrftimeParser.parse(text, backup);
        }
        if (seconds == null && !noneIfError) {
            throw TemplateException.parameter(parameter, "Parameter [" + parameter + "] value [" + text
                    + "] does not match the date format [" + format + "]" + (backup == null ? "" : " or [" + backup
                    + "]"));
        }
        return seconds;
    }
}
