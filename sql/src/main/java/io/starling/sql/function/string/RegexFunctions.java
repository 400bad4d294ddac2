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
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.StringType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular-expression functions: match, extract, extractAll, replaceRegexpOne, replaceRegexpAll. ClickHouse uses
 * RE2; Java's engine accepts the same syntax for the patterns real projects use (classes, alternation, anchors,
 * {@code (?i)}). Substitutions write groups as {@code \0}..{@code \9}. A constant pattern is compiled once.
 */
public final class RegexFunctions {
    private static final ArrayType STRING_ARRAY = new ArrayType(StringType.STRING);

    private RegexFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        registry.add(ScalarFunction.of("match", arguments -> {
            requireStrings("match", arguments, 2);
            return ScalarKernel.of(Types.UINT8, (operands, rows) -> {
                Patterns patterns = new Patterns("match", operands[1]);
                StringColumn haystack = operands[0].strings();
                long[] out = new long[rows];
                for (int i = 0; i < rows; i++) {
                    out[i] = patterns.at(i).matcher(haystack.getString(operands[0].row(i))).find() ? 1 : 0;
                }
                return new LongColumn(Types.UINT8, out);
            });
        }));
        registry.alias("REGEXP_MATCHES", "match", true);
        registry.add(ScalarFunction.of("extract", arguments -> {
            requireStrings("extract", arguments, 2);
            return ScalarKernel.of(StringType.STRING, (operands, rows) -> {
                Patterns patterns = new Patterns("extract", operands[1]);
                StringColumn haystack = operands[0].strings();
                StringColumnBuilder out = new StringColumnBuilder(StringType.STRING, rows);
                for (int i = 0; i < rows; i++) {
                    Matcher matcher = patterns.at(i).matcher(haystack.getString(operands[0].row(i)));
                    String found = "";
                    if (matcher.find()) {
                        found = matcher.groupCount() >= 1 ? nullToEmpty(matcher.group(1)) : matcher.group();
                    }
                    append(out, found);
                }
                return out.build();
            });
        }));
        registry.add(ScalarFunction.of("extractAll", arguments -> {
            requireStrings("extractAll", arguments, 2);
            return ScalarKernel.of(STRING_ARRAY, (operands, rows) -> {
                Patterns patterns = new Patterns("extractAll", operands[1]);
                StringColumn haystack = operands[0].strings();
                StringColumnBuilder elements = new StringColumnBuilder(StringType.STRING, rows);
                int[] offsets = new int[rows + 1];
                for (int i = 0; i < rows; i++) {
                    Matcher matcher = patterns.at(i).matcher(haystack.getString(operands[0].row(i)));
                    while (matcher.find()) {
                        append(elements, matcher.groupCount() >= 1 ? nullToEmpty(matcher.group(1)) : matcher.group());
                        if (matcher.end() == matcher.start() && matcher.end() >= matcher.regionEnd()) {
                            break;
                        }
                    }
                    offsets[i + 1] = elements.size();
                }
                return new ArrayColumn(STRING_ARRAY, offsets, elements.build(), 0, rows);
            });
        }));
        registry.add(ScalarFunction.of("replaceRegexpOne", arguments -> replace("replaceRegexpOne", arguments, false)));
        registry.add(ScalarFunction.of("replaceRegexpAll", arguments -> replace("replaceRegexpAll", arguments, true)));
        registry.alias("REGEXP_REPLACE", "replaceRegexpAll", true);
    }

    private static void requireStrings(String name, List<Argument> arguments, int count) {
        Errors.checkCount(name, arguments, count, count);
        for (Argument argument : arguments) {
            if (!Types.isString(argument.type())) {
                throw Errors.illegalType(name, arguments);
            }
        }
    }

    private static ScalarKernel replace(String name, List<Argument> arguments, boolean all) {
        requireStrings(name, arguments, 3);
        return ScalarKernel.of(StringType.STRING, (operands, rows) -> {
            Patterns patterns = new Patterns(name, operands[1]);
            StringColumn haystack = operands[0].strings();
            StringColumn replacements = operands[2].strings();
            StringColumnBuilder out = new StringColumnBuilder(StringType.STRING, rows);
            String lastReplacement = null;
            String javaReplacement = null;
            for (int i = 0; i < rows; i++) {
                String replacement = replacements.getString(operands[2].row(i));
                if (!replacement.equals(lastReplacement)) {
                    lastReplacement = replacement;
                    javaReplacement = javaReplacement(replacement);
                }
                Matcher matcher = patterns.at(i).matcher(haystack.getString(operands[0].row(i)));
                append(out, all ? matcher.replaceAll(javaReplacement) : matcher.replaceFirst(javaReplacement));
            }
            return out.build();
        });
    }

    /** ClickHouse's {@code \N} group references as Java's {@code $N}; everything else literal. */
    static String javaReplacement(String replacement) {
        StringBuilder out = new StringBuilder(replacement.length() + 8);
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\' && i + 1 < replacement.length() && Character.isDigit(replacement.charAt(i + 1))) {
                out.append('$').append(replacement.charAt(++i));
            } else if (c == '\\' && i + 1 < replacement.length() && replacement.charAt(i + 1) == '\\') {
                out.append("\\\\");
                i++;
            } else if (c == '$' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static void append(StringColumnBuilder out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.appendBytes(bytes, 0, bytes.length);
    }

    /** The pattern of each row: compiled once when constant, else recompiled only when it changes. */
    private static final class Patterns {
        private final String function;
        private final Operand operand;
        private String lastText;
        private Pattern last;

        Patterns(String function, Operand operand) {
            this.function = function;
            this.operand = operand;
        }

        Pattern at(int row) {
            String text = operand.strings().getString(operand.row(row));
            if (!text.equals(lastText)) {
                try {
                    last = Pattern.compile(text);
                } catch (PatternSyntaxException e) {
                    throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Function [" + function
                            + "] cannot compile the regular expression [" + text + "]: " + e.getDescription());
                }
                lastText = text;
            }
            return last;
        }
    }
}
