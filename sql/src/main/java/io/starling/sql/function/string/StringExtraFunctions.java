package io.starling.sql.function.string;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.RowKernel;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.conversion.Cast;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.StringType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * repeat, format, concatWithSeparator, leftPad/rightPad (and UTF8), left/right, base64Encode/Decode,
 * positionCaseInsensitive/positionUTF8, splitByString/splitByRegexp/splitByWhitespace/splitByNonAlpha/alphaTokens,
 * emptyArray*, initcap. Byte semantics like ClickHouse unless the name says UTF8.
 */
public final class StringExtraFunctions {
    private static final ArrayType STRINGS = new ArrayType(StringType.STRING);

    private StringExtraFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        registry.add(ScalarFunction.of("repeat", arguments -> {
            Errors.checkCount("repeat", arguments, 2, 2);
            requireString("repeat", arguments, 0);
            requireInteger("repeat", arguments, 1);
            return RowKernel.of(StringType.STRING, values -> {
                long times = ((Number) values[1]).longValue();
                byte[] bytes = RowKernel.bytes(values[0]);
                if (times <= 0 || bytes.length == 0) {
                    return "";
                }
                if (times * bytes.length > 1 << 30) {
                    throw new StarlingException(ErrorCode.TOO_LARGE_STRING_SIZE, "Function [repeat] would build a string of "
                            + times * bytes.length + " bytes; repeat fewer times");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream((int) (times * bytes.length));
                for (long i = 0; i < times; i++) {
                    out.writeBytes(bytes);
                }
                return out.toByteArray();
            });
        }));
        registry.add(ScalarFunction.of("format", StringExtraFunctions::format));
        registry.add(ScalarFunction.of("concatWithSeparator", arguments -> {
            if (arguments.isEmpty()) {
                throw Errors.argumentCount("concatWithSeparator", 0, "at least 1");
            }
            requireString("concatWithSeparator", arguments, 0);
            return textKernel(arguments, texts -> {
                StringBuilder out = new StringBuilder();
                for (int i = 1; i < texts.length; i++) {
                    out.append(i > 1 ? texts[0] : "").append(texts[i]);
                }
                return out.toString();
            });
        }));
        registry.alias("concat_ws", "concatWithSeparator", true);
        for (boolean left : new boolean[] {true, false}) {
            for (boolean utf8 : new boolean[] {false, true}) {
                String name = (left ? "leftPad" : "rightPad") + (utf8 ? "UTF8" : "");
                registry.add(ScalarFunction.of(name, arguments -> pad(name, arguments, left, utf8)));
            }
        }
        registry.alias("lpad", "leftPad", true);
        registry.alias("rpad", "rightPad", true);
        for (boolean left : new boolean[] {true, false}) {
            for (boolean utf8 : new boolean[] {false, true}) {
                String name = (left ? "left" : "right") + (utf8 ? "UTF8" : "");
                registry.add(ScalarFunction.of(name, arguments -> leftRight(name, arguments, left, utf8)));
            }
        }
        registry.add(ScalarFunction.of("base64Encode", arguments -> {
            Errors.checkCount("base64Encode", arguments, 1, 1);
            requireString("base64Encode", arguments, 0);
            return RowKernel.of(StringType.STRING, values -> Base64.getEncoder().encodeToString(RowKernel.bytes(values[0])));
        }));
        registry.alias("TO_BASE64", "base64Encode", true);
        registry.add(ScalarFunction.of("base64Decode", arguments -> base64Decode("base64Decode", arguments, true)));
        registry.alias("FROM_BASE64", "base64Decode", true);
        registry.add(ScalarFunction.of("tryBase64Decode", arguments -> base64Decode("tryBase64Decode", arguments, false)));
        registry.add(ScalarFunction.of("positionCaseInsensitive", arguments -> position("positionCaseInsensitive", arguments, true, false)));
        registry.add(ScalarFunction.of("positionUTF8", arguments -> position("positionUTF8", arguments, false, true)));
        registry.add(ScalarFunction.of("positionCaseInsensitiveUTF8", arguments -> position("positionCaseInsensitiveUTF8", arguments, true, true)));
        registry.add(ScalarFunction.of("splitByString", StringExtraFunctions::splitByString));
        registry.add(ScalarFunction.of("splitByRegexp", StringExtraFunctions::splitByRegexp));
        registry.add(ScalarFunction.of("splitByWhitespace", arguments -> tokens("splitByWhitespace", arguments,
                c -> c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x0B)));
        registry.add(ScalarFunction.of("splitByNonAlpha", arguments -> tokens("splitByNonAlpha", arguments,
                c -> Character.isLetterOrDigit(c) && c < 128 || c >= 128)));
        registry.add(ScalarFunction.of("alphaTokens", arguments -> tokens("alphaTokens", arguments,
                c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')));
        registry.alias("splitByAlpha", "alphaTokens", false);
        for (String type : List.of("UInt8", "UInt16", "UInt32", "UInt64", "Int8", "Int16", "Int32", "Int64", "Float32",
                "Float64", "Date", "DateTime", "String")) {
            ArrayType arrayType = new ArrayType(DataTypes.parse(type));
            String name = "emptyArray" + type;
            registry.add(ScalarFunction.of(name, arguments -> {
                Errors.checkCount(name, arguments, 0, 0);
                return ScalarKernel.of(arrayType, (operands, rows) -> {
                    ColumnBuilder builder = ColumnBuilder.forType(arrayType, rows);
                    for (int i = 0; i < rows; i++) {
                        builder.appendDefault();
                    }
                    return builder.build();
                });
            }));
        }
        registry.add(ScalarFunction.of("toValidUTF8", arguments -> {
            Errors.checkCount("toValidUTF8", arguments, 1, 1);
            requireString("toValidUTF8", arguments, 0);
            return RowKernel.of(StringType.STRING, values -> validUtf8(RowKernel.bytes(values[0])));
        }));
        registry.add(ScalarFunction.of("initcap", arguments -> {
            Errors.checkCount("initcap", arguments, 1, 1);
            requireString("initcap", arguments, 0);
            return RowKernel.of(StringType.STRING, values -> initcap(RowKernel.text(values[0])));
        }));
        registry.add(ScalarFunction.of("reverseUTF8", arguments -> StringFunctions.mapText("reverseUTF8", arguments,
                text -> new StringBuilder(text).reverse().toString())));
    }

    private static void requireString(String name, List<Argument> arguments, int index) {
        DataType type = arguments.get(index).type();
        if (!Types.isString(type) && !(type.behavesAs() instanceof io.starling.storage.type.FixedStringType)) {
            throw Errors.illegalArgument(name, index, "a String, not " + type.name());
        }
    }

    private static void requireInteger(String name, List<Argument> arguments, int index) {
        if (!Types.isInteger(arguments.get(index).type())) {
            throw Errors.illegalArgument(name, index, "an integer, not " + arguments.get(index).type().name());
        }
    }

    /** Every argument converted to its text (numbers as toString does), then combined per row. */
    private static ScalarKernel textKernel(List<Argument> arguments, java.util.function.Function<String[], String> body) {
        return ScalarKernel.of(StringType.STRING, (operands, rows) -> {
            Column[] texts = new Column[operands.length];
            for (int a = 0; a < operands.length; a++) {
                texts[a] = Types.isString(operands[a].type()) ? operands[a].column()
                        : Cast.cast(operands[a].column(), StringType.STRING);
            }
            ColumnBuilder builder = ColumnBuilder.forType(StringType.STRING, rows);
            String[] values = new String[operands.length];
            for (int i = 0; i < rows; i++) {
                for (int a = 0; a < operands.length; a++) {
                    values[a] = ((io.starling.storage.column.StringColumn) texts[a]).getString(operands[a].row(i));
                }
                builder.appendString(body.apply(values));
            }
            return builder.build();
        });
    }

    /** format(pattern, args...): {@code {}} takes the next argument, {@code {N}} argument N, {@code {{ }}} escape. */
    private static ScalarKernel format(List<Argument> arguments) {
        if (arguments.isEmpty()) {
            throw Errors.argumentCount("format", 0, "at least 1");
        }
        String pattern = arguments.get(0).constantString("format", 0);
        List<Object> parts = parseFormat(pattern, arguments.size() - 1);
        return textKernel(arguments, texts -> {
            StringBuilder out = new StringBuilder();
            for (Object part : parts) {
                out.append(part instanceof Integer index ? texts[index + 1] : (String) part);
            }
            return out.toString();
        });
    }

    private static List<Object> parseFormat(String pattern, int argumentCount) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int next = 0;
        Boolean numbered = null;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
                literal.append('{');
                i++;
            } else if (c == '}' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '}') {
                literal.append('}');
                i++;
            } else if (c == '{') {
                int close = pattern.indexOf('}', i);
                if (close < 0) {
                    throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Function [format]: unclosed '{' in pattern [" + pattern + "]");
                }
                String inside = pattern.substring(i + 1, close);
                int index;
                if (inside.isEmpty()) {
                    if (Boolean.TRUE.equals(numbered)) {
                        throw mixed(pattern);
                    }
                    numbered = false;
                    index = next++;
                } else {
                    if (Boolean.FALSE.equals(numbered) || !inside.chars().allMatch(Character::isDigit)) {
                        throw mixed(pattern);
                    }
                    numbered = true;
                    index = Integer.parseInt(inside);
                }
                if (index >= argumentCount) {
                    throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Function [format]: pattern [" + pattern
                            + "] refers to argument " + index + " but only " + argumentCount + " are given");
                }
                parts.add(literal.toString());
                literal.setLength(0);
                parts.add(index);
                i = close;
            } else if (c == '}') {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Function [format]: unmatched '}' in pattern [" + pattern
                        + "]; write '}}' for a literal brace");
            } else {
                literal.append(c);
            }
        }
        parts.add(literal.toString());
        return parts;
    }

    private static StarlingException mixed(String pattern) {
        return new StarlingException(ErrorCode.BAD_ARGUMENTS, "Function [format]: pattern [" + pattern
                + "] mixes {} with {N} or has a bad field; use only {} or only {0}, {1}...");
    }

    private static ScalarKernel pad(String name, List<Argument> arguments, boolean left, boolean utf8) {
        Errors.checkCount(name, arguments, 2, 3);
        requireString(name, arguments, 0);
        requireInteger(name, arguments, 1);
        if (arguments.size() == 3) {
            requireString(name, arguments, 2);
        }
        return RowKernel.of(StringType.STRING, values -> {
            long length = ((Number) values[1]).longValue();
            if (length < 0) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Function [" + name
                        + "]: the length must not be negative, got " + length);
            }
            String padding = values.length == 3 ? RowKernel.text(values[2]) : " ";
            if (utf8) {
                int[] text = RowKernel.text(values[0]).codePoints().toArray();
                int[] fill = padding.codePoints().toArray();
                return new String(padded(text, fill, (int) length, left), 0, (int) Math.min(length, Math.max(text.length, length)));
            }
            byte[] text = RowKernel.bytes(values[0]);
            byte[] fill = padding.getBytes(StandardCharsets.UTF_8);
            return padBytes(text, fill, (int) length, left);
        });
    }

    private static int[] padded(int[] text, int[] fill, int length, boolean left) {
        if (length <= text.length) {
            return java.util.Arrays.copyOf(text, length);
        }
        if (fill.length == 0) {
            return text;
        }
        int[] out = new int[length];
        int padCount = length - text.length;
        int at = left ? 0 : text.length;
        for (int i = 0; i < padCount; i++) {
            out[at + i] = fill[i % fill.length];
        }
        System.arraycopy(text, 0, out, left ? padCount : 0, text.length);
        return out;
    }

    private static byte[] padBytes(byte[] text, byte[] fill, int length, boolean left) {
        if (length <= text.length) {
            return java.util.Arrays.copyOf(text, length);
        }
        if (fill.length == 0) {
            return text;
        }
        byte[] out = new byte[length];
        int padCount = length - text.length;
        int at = left ? 0 : text.length;
        for (int i = 0; i < padCount; i++) {
            out[at + i] = fill[i % fill.length];
        }
        System.arraycopy(text, 0, out, left ? padCount : 0, text.length);
        return out;
    }

    /** left(s, n) / right(s, n): the first or last n bytes (code points for UTF8); negative n drops that many from the other end. */
    private static ScalarKernel leftRight(String name, List<Argument> arguments, boolean left, boolean utf8) {
        Errors.checkCount(name, arguments, 2, 2);
        requireString(name, arguments, 0);
        requireInteger(name, arguments, 1);
        return RowKernel.of(StringType.STRING, values -> {
            long n = ((Number) values[1]).longValue();
            if (utf8) {
                int[] points = RowKernel.text(values[0]).codePoints().toArray();
                int[] range = range(points.length, n, left);
                return new String(points, range[0], range[1] - range[0]);
            }
            byte[] bytes = RowKernel.bytes(values[0]);
            int[] range = range(bytes.length, n, left);
            return java.util.Arrays.copyOfRange(bytes, range[0], range[1]);
        });
    }

    private static int[] range(int size, long n, boolean left) {
        long count = n >= 0 ? Math.min(n, size) : Math.max(0, size + n);
        return left ? new int[] {0, (int) count} : new int[] {(int) (size - count), size};
    }

    private static ScalarKernel base64Decode(String name, List<Argument> arguments, boolean strict) {
        Errors.checkCount(name, arguments, 1, 1);
        requireString(name, arguments, 0);
        return RowKernel.of(StringType.STRING, values -> {
            String text = RowKernel.text(values[0]);
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                if (strict) {
                    throw new StarlingException(ErrorCode.INCORRECT_DATA, "Function [" + name + "] cannot decode [" + text
                            + "] as base64; use tryBase64Decode to get an empty string for bad input");
                }
                return "";
            }
        });
    }

    static ScalarKernel position(String name, List<Argument> arguments, boolean caseInsensitive, boolean utf8) {
        Errors.checkCount(name, arguments, 2, 3);
        requireString(name, arguments, 0);
        requireString(name, arguments, 1);
        if (arguments.size() == 3) {
            requireInteger(name, arguments, 2);
        }
        return RowKernel.of(IntegerType.UINT64, values -> {
            String haystack = RowKernel.text(values[0]);
            String needle = RowKernel.text(values[1]);
            long start = values.length == 3 ? ((Number) values[2]).longValue() : 1;
            if (caseInsensitive) {
                haystack = utf8 ? haystack.toLowerCase(Locale.ROOT) : asciiLower(haystack);
                needle = utf8 ? needle.toLowerCase(Locale.ROOT) : asciiLower(needle);
            }
            if (utf8) {
                int[] h = haystack.codePoints().toArray();
                int[] n = needle.codePoints().toArray();
                return (long) indexOf(h, n, start);
            }
            byte[] h = haystack.getBytes(StandardCharsets.UTF_8);
            byte[] n = needle.getBytes(StandardCharsets.UTF_8);
            int[] hi = new int[h.length];
            int[] ni = new int[n.length];
            for (int i = 0; i < h.length; i++) {
                hi[i] = h[i];
            }
            for (int i = 0; i < n.length; i++) {
                ni[i] = n[i];
            }
            return (long) indexOf(hi, ni, start);
        });
    }

    private static int indexOf(int[] haystack, int[] needle, long start) {
        if (start < 1 || start > haystack.length + 1L) {
            return 0;
        }
        outer:
        for (int i = (int) start - 1; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i + 1;
        }
        return 0;
    }

    private static String asciiLower(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return out.toString();
    }

    private static ScalarKernel splitByString(List<Argument> arguments) {
        Errors.checkCount("splitByString", arguments, 2, 3);
        String separator = arguments.get(0).constantString("splitByString", 0);
        requireString("splitByString", arguments, 1);
        long max = maxSplits("splitByString", arguments);
        return RowKernel.of(STRINGS, values -> {
            byte[] text = RowKernel.bytes(values[1]);
            List<Object> out = new ArrayList<>();
            byte[] sep = separator.getBytes(StandardCharsets.UTF_8);
            if (sep.length == 0) {
                for (byte b : text) {
                    out.add(new byte[] {b});
                }
                return limit(out, max);
            }
            int start = 0;
            for (int i = 0; i + sep.length <= text.length; ) {
                if (java.util.Arrays.equals(text, i, i + sep.length, sep, 0, sep.length)) {
                    out.add(java.util.Arrays.copyOfRange(text, start, i));
                    i += sep.length;
                    start = i;
                } else {
                    i++;
                }
            }
            out.add(java.util.Arrays.copyOfRange(text, start, text.length));
            return limit(out, max);
        });
    }

    private static long maxSplits(String name, List<Argument> arguments) {
        if (arguments.size() < 3) {
            return -1;
        }
        long max = arguments.get(2).constantLong(name, 2);
        return max <= 0 ? -1 : max;
    }

    private static List<Object> limit(List<Object> parts, long max) {
        return max > 0 && parts.size() > max ? new ArrayList<>(parts.subList(0, (int) max)) : parts;
    }

    private static ScalarKernel splitByRegexp(List<Argument> arguments) {
        Errors.checkCount("splitByRegexp", arguments, 2, 3);
        String regex = arguments.get(0).constantString("splitByRegexp", 0);
        requireString("splitByRegexp", arguments, 1);
        long max = maxSplits("splitByRegexp", arguments);
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Function [splitByRegexp] cannot compile [" + regex + "]: "
                    + e.getDescription());
        }
        return RowKernel.of(STRINGS, values -> {
            String text = RowKernel.text(values[1]);
            List<Object> out = new ArrayList<>();
            if (regex.isEmpty()) {
                text.codePoints().forEach(point -> out.add(new String(Character.toChars(point))));
                return limit(out, max);
            }
            Matcher matcher = pattern.matcher(text);
            int start = 0;
            while (matcher.find()) {
                if (matcher.end() == matcher.start()) {
                    continue;
                }
                out.add(text.substring(start, matcher.start()));
                start = matcher.end();
            }
            out.add(text.substring(start));
            return limit(out, max);
        });
    }

    /** Maximal runs of bytes accepted by {@code member}. */
    private static ScalarKernel tokens(String name, List<Argument> arguments, java.util.function.IntPredicate member) {
        Errors.checkCount(name, arguments, 1, 2);
        requireString(name, arguments, 0);
        long max = arguments.size() == 2 ? Math.max(-1, arguments.get(1).constantLong(name, 1)) : -1;
        return RowKernel.of(STRINGS, values -> {
            byte[] text = RowKernel.bytes(values[0]);
            List<Object> out = new ArrayList<>();
            int start = -1;
            for (int i = 0; i <= text.length; i++) {
                boolean in = i < text.length && member.test(text[i] & 0xFF);
                if (in && start < 0) {
                    start = i;
                } else if (!in && start >= 0) {
                    out.add(java.util.Arrays.copyOfRange(text, start, i));
                    start = -1;
                }
            }
            return limit(out, max == 0 ? -1 : max);
        });
    }

    /** Replaces each run of invalid UTF-8 bytes by one U+FFFD. */
    private static String validUtf8(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        boolean inBad = false;
        int i = 0;
        while (i < bytes.length) {
            int length = sequenceLength(bytes, i);
            if (length == 0) {
                if (!inBad) {
                    out.append('\uFFFD');
                }
                inBad = true;
                i++;
            } else {
                out.append(new String(bytes, i, length, StandardCharsets.UTF_8));
                inBad = false;
                i += length;
            }
        }
        return out.toString();
    }

    private static int sequenceLength(byte[] bytes, int at) {
        int b = bytes[at] & 0xFF;
        int length = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
        if (length == 0 || at + length > bytes.length) {
            return 0;
        }
        for (int k = 1; k < length; k++) {
            if ((bytes[at + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        int second = bytes[at + 1 < bytes.length ? at + 1 : at] & 0xFF;
        if (b == 0xE0 && second < 0xA0 || b == 0xED && second > 0x9F || b == 0xF0 && second < 0x90 || b == 0xF4 && second > 0x8F) {
            return 0;
        }
        return length;
    }

    private static String initcap(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean wordStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alnum = Character.isLetterOrDigit(c);
            out.append(alnum ? (wordStart ? Character.toUpperCase(c) : Character.toLowerCase(c)) : c);
            wordStart = !alnum;
        }
        return out.toString();
    }
}
