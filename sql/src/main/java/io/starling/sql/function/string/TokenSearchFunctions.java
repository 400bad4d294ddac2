package io.starling.sql.function.string;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.sql.function.Values;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Token and multi-needle search: hasToken, hasTokenCaseInsensitive (a token is a run of ASCII letters and
 * digits or non-ASCII bytes), multiSearchAny, multiSearchFirstIndex, multiSearchFirstPosition,
 * multiSearchAllPositions (substring needles), multiMatchAny and multiMatchAnyIndex (regular expressions), and
 * ngramDistance (4-gram distance between 0 and 1).
 */
public final class TokenSearchFunctions {
    private TokenSearchFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        registry.add(ScalarFunction.of("hasToken", arguments -> hasToken("hasToken", arguments, false)));
        registry.add(ScalarFunction.of("hasTokenCaseInsensitive",
                arguments -> hasToken("hasTokenCaseInsensitive", arguments, true)));
        registry.add(ScalarFunction.of("multiSearchAny", arguments -> multiSearch("multiSearchAny", arguments, Mode.ANY, false)));
        registry.add(ScalarFunction.of("multiSearchAnyCaseInsensitive",
                arguments -> multiSearch("multiSearchAnyCaseInsensitive", arguments, Mode.ANY, true)));
        registry.add(ScalarFunction.of("multiSearchFirstIndex",
                arguments -> multiSearch("multiSearchFirstIndex", arguments, Mode.FIRST_INDEX, false)));
        registry.add(ScalarFunction.of("multiSearchFirstPosition",
                arguments -> multiSearch("multiSearchFirstPosition", arguments, Mode.FIRST_POSITION, false)));
        registry.add(ScalarFunction.of("multiSearchAllPositions", TokenSearchFunctions::multiSearchAllPositions));
        registry.add(ScalarFunction.of("multiMatchAny", arguments -> multiMatch("multiMatchAny", arguments, false)));
        registry.add(ScalarFunction.of("multiMatchAnyIndex", arguments -> multiMatch("multiMatchAnyIndex", arguments, true)));
        registry.add(ScalarFunction.of("ngramDistance", arguments -> ngramDistance("ngramDistance", arguments, false)));
        registry.add(ScalarFunction.of("ngramDistanceCaseInsensitive",
                arguments -> ngramDistance("ngramDistanceCaseInsensitive", arguments, true)));
    }

    private enum Mode { ANY, FIRST_INDEX, FIRST_POSITION }

    private static boolean isTokenByte(byte b) {
        return b < 0 || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    private static ScalarKernel hasToken(String name, List<Argument> arguments, boolean caseInsensitive) {
        Errors.checkCount(name, arguments, 2, 2);
        if (!Types.isString(arguments.get(0).type()) || !Types.isString(arguments.get(1).type())) {
            throw Errors.illegalType(name, arguments);
        }
        String tokenText = arguments.get(1).constantString(name, 1);
        byte[] token = (caseInsensitive ? tokenText.toLowerCase(Locale.ROOT) : tokenText).getBytes(StandardCharsets.UTF_8);
        for (byte b : token) {
            if (!isTokenByte(b)) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Needle [" + tokenText + "] of function [" + name
                        + "] must not contain whitespace or separator characters; search for one token at a time");
            }
        }
        return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
            StringColumn strings = operands[0].strings();
            byte[] bytes = strings.rawBytes();
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                out[i] = containsToken(bytes, strings.valueOffset(row), strings.valueLength(row), token, caseInsensitive) ? 1 : 0;
            }
            return new LongColumn(Types.UINT8, out);
        });
    }

    private static boolean containsToken(byte[] bytes, int start, int length, byte[] token, boolean caseInsensitive) {
        if (token.length == 0) {
            return false;
        }
        int end = start + length;
        for (int p = start; p + token.length <= end; p++) {
            if (p > start && isTokenByte(bytes[p - 1])) {
                continue;
            }
            int after = p + token.length;
            if (after < end && isTokenByte(bytes[after])) {
                continue;
            }
            boolean equal = true;
            for (int k = 0; k < token.length && equal; k++) {
                byte b = bytes[p + k];
                if (caseInsensitive && b >= 'A' && b <= 'Z') {
                    b = (byte) (b + 32);
                }
                equal = b == token[k];
            }
            if (equal) {
                return true;
            }
        }
        return false;
    }

    /** The needles of row {@code row}: the constant list, or the row's array. */
    private static List<?> needles(Argument argument, Operand operand, int row) {
        if (argument.constant()) {
            return (List<?>) argument.value();
        }
        return (List<?>) Values.get(operand.column(), operand.row(row));
    }

    private static void requireStringAndArray(String name, List<Argument> arguments) {
        Errors.checkCount(name, arguments, 2, 2);
        if (!Types.isString(arguments.get(0).type()) || !(arguments.get(1).type() instanceof ArrayType array)
                || !(Types.isString(Types.base(array.element())) || Types.isNothing(array.element())
                        || array.element() instanceof io.starling.storage.type.NothingType)) {
            throw Errors.illegalType(name, arguments);
        }
    }

    private static ScalarKernel multiSearch(String name, List<Argument> arguments, Mode mode, boolean caseInsensitive) {
        requireStringAndArray(name, arguments);
        Argument needleArgument = arguments.get(1);
        IntegerType result = mode == Mode.ANY ? IntegerType.UINT8 : IntegerType.UINT64;
        return ScalarKernel.of(result, (operands, rows) -> {
            StringColumn strings = operands[0].strings();
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                String haystack = strings.getString(operands[0].row(i));
                byte[] hay = haystackBytes(haystack, caseInsensitive);
                List<?> needles = needles(needleArgument, operands[1], i);
                long best = 0;
                int bestAt = Integer.MAX_VALUE;
                for (int n = 0; n < needles.size(); n++) {
                    byte[] needle = haystackBytes((String) needles.get(n), caseInsensitive);
                    int at = LikeMatcher.indexOf(hay, 0, hay.length, needle);
                    if (at < 0) {
                        continue;
                    }
                    if (mode == Mode.ANY) {
                        best = 1;
                        break;
                    }
                    if (at < bestAt) {
                        bestAt = at;
                        best = mode == Mode.FIRST_INDEX ? n + 1 : at + 1;
                    }
                }
                out[i] = best;
            }
            return new LongColumn(result, out);
        });
    }

    private static byte[] haystackBytes(String text, boolean caseInsensitive) {
        return (caseInsensitive ? text.toLowerCase(Locale.ROOT) : text).getBytes(StandardCharsets.UTF_8);
    }

    private static ScalarKernel multiSearchAllPositions(List<Argument> arguments) {
        requireStringAndArray("multiSearchAllPositions", arguments);
        Argument needleArgument = arguments.get(1);
        ArrayType type = new ArrayType(IntegerType.UINT64);
        return ScalarKernel.of(type, (operands, rows) -> {
            StringColumn strings = operands[0].strings();
            int[] offsets = new int[rows + 1];
            long[] values = new long[16];
            int count = 0;
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                List<?> needles = needles(needleArgument, operands[1], i);
                for (Object needle : needles) {
                    byte[] bytes = ((String) needle).getBytes(StandardCharsets.UTF_8);
                    if (count == values.length) {
                        values = java.util.Arrays.copyOf(values, 2 * count);
                    }
                    values[count++] = LikeMatcher.indexOf(strings.rawBytes(), strings.valueOffset(row),
                            strings.valueLength(row), bytes) + 1;
                }
                offsets[i + 1] = count;
            }
            return new ArrayColumn(type, offsets, new LongColumn(IntegerType.UINT64, values, 0, count), 0, rows);
        });
    }

    private static ScalarKernel multiMatch(String name, List<Argument> arguments, boolean index) {
        requireStringAndArray(name, arguments);
        Argument patternArgument = arguments.get(1);
        Pattern[] constant = patternArgument.constant() ? compile(name, (List<?>) patternArgument.value()) : null;
        IntegerType result = index ? IntegerType.UINT64 : IntegerType.UINT8;
        return ScalarKernel.of(result, (operands, rows) -> {
            StringColumn strings = operands[0].strings();
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                Pattern[] patterns = constant != null ? constant : compile(name, needles(patternArgument, operands[1], i));
                String haystack = strings.getString(operands[0].row(i));
                for (int p = 0; p < patterns.length; p++) {
                    if (patterns[p].matcher(haystack).find()) {
                        out[i] = index ? p + 1 : 1;
                        break;
                    }
                }
            }
            return new LongColumn(result, out);
        });
    }

    private static Pattern[] compile(String name, List<?> texts) {
        Pattern[] patterns = new Pattern[texts.size()];
        for (int i = 0; i < patterns.length; i++) {
            String text = (String) texts.get(i);
            try {
                patterns[i] = Pattern.compile(text, Pattern.DOTALL);
            } catch (PatternSyntaxException e) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Function [" + name
                        + "] cannot compile the regular expression [" + text + "]: " + e.getDescription());
            }
        }
        return patterns;
    }

    private static ScalarKernel ngramDistance(String name, List<Argument> arguments, boolean caseInsensitive) {
        Errors.checkCount(name, arguments, 2, 2);
        if (!Types.isString(arguments.get(0).type()) || !Types.isString(arguments.get(1).type())) {
            throw Errors.illegalType(name, arguments);
        }
        FloatType result = new FloatType(32);
        return ScalarKernel.of(result, (operands, rows) -> {
            double[] out = new double[rows];
            for (int i = 0; i < rows; i++) {
                byte[] first = haystackBytes(operands[0].strings().getString(operands[0].row(i)), caseInsensitive);
                byte[] second = haystackBytes(operands[1].strings().getString(operands[1].row(i)), caseInsensitive);
                out[i] = (float) NGrams.distance(first, second);
            }
            return new DoubleColumn(result, out);
        });
    }
}
