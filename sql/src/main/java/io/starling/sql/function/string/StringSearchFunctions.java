package io.starling.sql.function.string;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.ArrayColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.column.StringColumnBuilder;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.StringType;
import java.util.List;

/** like, notLike, ilike, notILike, startsWith, endsWith, position, replaceAll, replaceOne, splitByChar. */
public final class StringSearchFunctions {
    private StringSearchFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        registry.add(ScalarFunction.of("like", arguments -> like("like", arguments, false, false)));
        registry.add(ScalarFunction.of("notLike", arguments -> like("notLike", arguments, false, true)));
        registry.add(ScalarFunction.of("ilike", arguments -> like("ilike", arguments, true, false)));
        registry.add(ScalarFunction.of("notILike", arguments -> like("notILike", arguments, true, true)));
        registry.add(ScalarFunction.of("startsWith", arguments -> affix("startsWith", arguments, true)));
        registry.add(ScalarFunction.of("endsWith", arguments -> affix("endsWith", arguments, false)));
        registry.addCaseInsensitive(ScalarFunction.of("position", StringSearchFunctions::position));
        registry.alias("locate", "position", true);
        registry.add(ScalarFunction.of("replaceAll", arguments -> replace("replaceAll", arguments, true)));
        registry.alias("replace", "replaceAll", true);
        registry.add(ScalarFunction.of("replaceOne", arguments -> replace("replaceOne", arguments, false)));
        registry.add(ScalarFunction.of("splitByChar", StringSearchFunctions::splitByChar));
    }

    private static void requireAllStrings(String name, List<Argument> arguments, int count) {
        Errors.checkCount(name, arguments, count, count);
        for (Argument argument : arguments) {
            if (!Types.isString(argument.type())) {
                throw Errors.illegalType(name, arguments);
            }
        }
    }

    private static ScalarKernel like(String name, List<Argument> arguments, boolean caseInsensitive, boolean negated) {
        requireAllStrings(name, arguments, 2);
        Argument pattern = arguments.get(1);
        LikeMatcher constant = pattern.constant() ? LikeMatcher.compile((String) pattern.value(), caseInsensitive) : null;
        return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
            StringColumn strings = operands[0].strings();
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                LikeMatcher matcher = constant != null ? constant
                        : LikeMatcher.compile(operands[1].strings().getString(operands[1].row(i)), caseInsensitive);
                int row = operands[0].row(i);
                boolean matches = matcher.matches(strings.rawBytes(), strings.valueOffset(row), strings.valueLength(row));
                out[i] = matches != negated ? 1 : 0;
            }
            return new LongColumn(Types.UINT8, out);
        });
    }

    private static ScalarKernel affix(String name, List<Argument> arguments, boolean prefix) {
        requireAllStrings(name, arguments, 2);
        return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
            StringColumn haystacks = operands[0].strings();
            StringColumn needles = operands[1].strings();
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                int needleRow = operands[1].row(i);
                int length = haystacks.valueLength(row);
                int needleLength = needles.valueLength(needleRow);
                if (needleLength > length) {
                    continue;
                }
                int start = haystacks.valueOffset(row) + (prefix ? 0 : length - needleLength);
                int needleStart = needles.valueOffset(needleRow);
                out[i] = java.util.Arrays.equals(haystacks.rawBytes(), start, start + needleLength,
                        needles.rawBytes(), needleStart, needleStart + needleLength) ? 1 : 0;
            }
            return new LongColumn(Types.UINT8, out);
        });
    }

    private static ScalarKernel position(List<Argument> arguments) {
        if (arguments.size() == 3) {
            return StringExtraFunctions.position("position", arguments, false, false);
        }
        requireAllStrings("position", arguments, 2);
        return ScalarKernel.of(IntegerType.UINT64, (operands, rows) -> {
            StringColumn haystacks = operands[0].strings();
            StringColumn needles = operands[1].strings();
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                int row = operands[0].row(i);
                byte[] needle = needles.getBytes(operands[1].row(i));
                int found = LikeMatcher.indexOf(haystacks.rawBytes(), haystacks.valueOffset(row), haystacks.valueLength(row), needle);
                out[i] = found + 1;
            }
            return new LongColumn(IntegerType.UINT64, out);
        });
    }

    private static ScalarKernel replace(String name, List<Argument> arguments, boolean all) {
        requireAllStrings(name, arguments, 3);
        return ScalarKernel.of(StringType.STRING, (operands, rows) -> {
            StringColumnBuilder builder = new StringColumnBuilder(StringType.STRING, rows);
            for (int i = 0; i < rows; i++) {
                String text = text(operands[0], i);
                String pattern = text(operands[1], i);
                String replacement = text(operands[2], i);
                if (pattern.isEmpty()) {
                    builder.appendString(text);
                } else if (all) {
                    builder.appendString(text.replace(pattern, replacement));
                } else {
                    int at = text.indexOf(pattern);
                    builder.appendString(at < 0 ? text : text.substring(0, at) + replacement + text.substring(at + pattern.length()));
                }
            }
            return builder.build();
        });
    }

    private static String text(Operand operand, int row) {
        return operand.strings().getString(operand.row(row));
    }

    private static ScalarKernel splitByChar(List<Argument> arguments) {
        requireAllStrings("splitByChar", arguments, 2);
        String separator = arguments.get(0).constantString("splitByChar", 0);
        if (separator.length() != 1) {
            throw Errors.illegalArgument("splitByChar", 0, "a single character");
        }
        byte split = (byte) separator.charAt(0);
        ArrayType type = new ArrayType(StringType.STRING);
        return ScalarKernel.of(type, (operands, rows) -> {
            StringColumn strings = operands[1].strings();
            StringColumnBuilder elements = new StringColumnBuilder(StringType.STRING, rows * 2);
            int[] offsets = new int[rows + 1];
            for (int i = 0; i < rows; i++) {
                int row = operands[1].row(i);
                byte[] bytes = strings.rawBytes();
                int start = strings.valueOffset(row);
                int end = start + strings.valueLength(row);
                int pieceStart = start;
                for (int b = start; b < end; b++) {
                    if (bytes[b] == split) {
                        elements.appendBytes(bytes, pieceStart, b - pieceStart);
                        pieceStart = b + 1;
                    }
                }
                elements.appendBytes(bytes, pieceStart, end - pieceStart);
                offsets[i + 1] = elements.size();
            }
            return new ArrayColumn(type, offsets, elements.build(), 0, rows);
        });
    }
}
