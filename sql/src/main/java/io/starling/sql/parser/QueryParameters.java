package io.starling.sql.parser;

import io.starling.sql.format.ValueParser;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Identifier;
import io.starling.sql.parser.ast.Literal;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.StringType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ClickHouse query parameters: {@code {name:Type}} in the query text takes the value given for {@code name}
 * (HTTP: URL parameter {@code param_name}). The value is read as text in the escaped (TabSeparated) form and
 * must parse completely as {@code Type} (else BAD_QUERY_PARAMETER, 457); a placeholder without a value fails
 * with UNKNOWN_QUERY_PARAMETER (456). The value becomes a constant node of the syntax tree,
 * {@code _CAST(value, 'Type')} (a String is a plain string literal), never query text, so no value can inject SQL.
 * {@code {name:Identifier}} names a table or column instead.
 */
final class QueryParameters {
    private final Map<String, String> values;

    QueryParameters(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Reads {@code {name:Type}} at the cursor (at '{') and answers its value as an expression. */
    Expression expression(TokenCursor cursor, ExpressionParser expressions) {
        Placeholder placeholder = placeholder(cursor, expressions);
        if (placeholder.type().equals("Identifier")) {
            return new Identifier(identifierParts(placeholder));
        }
        return constant(placeholder);
    }

    /** Reads {@code {name:Identifier}} (a table name, possibly {@code db.table}) at the cursor. */
    List<String> identifier(TokenCursor cursor, ExpressionParser expressions) {
        Placeholder placeholder = placeholder(cursor, expressions);
        if (!placeholder.type().equals("Identifier")) {
            throw new StarlingException(ErrorCode.BAD_QUERY_PARAMETER, "Query parameter [" + placeholder.name()
                    + "] names a table here, so its type must be Identifier: {" + placeholder.name() + ":Identifier}");
        }
        return identifierParts(placeholder);
    }

    /** Reads {@code {name:Type}} where a number is expected (LIMIT, OFFSET); the value must be an integer. */
    long integer(TokenCursor cursor, ExpressionParser expressions) {
        Placeholder placeholder = placeholder(cursor, expressions);
        DataType type = type(placeholder);
        if (!(type instanceof IntegerType)) {
            throw new StarlingException(ErrorCode.BAD_QUERY_PARAMETER, "Query parameter [" + placeholder.name()
                    + "] is used as a row count, so its type must be an integer type such as UInt64, not " + placeholder.type());
        }
        check(placeholder, type);
        try {
            return Long.parseLong(placeholder.value().trim());
        } catch (NumberFormatException e) {
            throw bad(placeholder, "it is not a row count");
        }
    }

    private record Placeholder(String name, String type, String value) {
    }

    private Placeholder placeholder(TokenCursor cursor, ExpressionParser expressions) {
        int start = cursor.peek().offset();
        cursor.expectSymbol("{");
        String name = cursor.identifier();
        cursor.expectSymbol(":");
        String type = expressions.typeName();
        cursor.expectSymbol("}");
        String value = values.get(name);
        if (value == null) {
            throw new StarlingException(ErrorCode.UNKNOWN_QUERY_PARAMETER, "Substitution `" + name + "` is not set"
                    + " (query parameter {" + name + ":" + type + "} at position " + (start + 1)
                    + "); pass it as the URL parameter param_" + name + "=...");
        }
        return new Placeholder(name, type, value);
    }

    private static List<String> identifierParts(Placeholder placeholder) {
        List<String> parts = new ArrayList<>();
        for (String part : placeholder.value().split("\\.", -1)) {
            if (part.isEmpty()) {
                throw bad(placeholder, "it is not an identifier");
            }
            parts.add(part);
        }
        return parts;
    }

    private static DataType type(Placeholder placeholder) {
        return DataTypes.parse(placeholder.type());
    }

    private static Expression constant(Placeholder placeholder) {
        DataType type = type(placeholder);
        String text = unescape(placeholder.value());
        if (type instanceof StringType) {
            return Literal.of(text);
        }
        check(placeholder, type);
        Expression value;
        DataType base = type.unwrapNullable();
        if (type.isNullable() && (text.equals("\\N") || text.isEmpty() || text.equalsIgnoreCase("null"))) {
            value = Literal.NULL;
        } else if (base instanceof IntegerType && text.trim().matches("-?\\d+")) {
            value = number(text.trim());
        } else if (base instanceof FloatType && text.trim().matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            value = Literal.of(Double.parseDouble(text.trim()));
        } else {
            value = Literal.of(text);
        }
        return FunctionCall.of("_CAST", value, Literal.of(placeholder.type()));
    }

    private static Literal number(String digits) {
        if (digits.startsWith("-")) {
            return Literal.of(Long.parseLong(digits));
        }
        long value = Long.parseUnsignedLong(digits);
        return new Literal(value, value < 0);
    }

    /** The whole value must parse as the type. */
    private static void check(Placeholder placeholder, DataType type) {
        ValueParser parser = new ValueParser();
        String text = unescape(placeholder.value());
        if (!parser.parseInto(type, text, ColumnBuilder.forType(type, 1))) {
            throw bad(placeholder, "it is not a valid " + placeholder.type());
        }
    }

    private static StarlingException bad(Placeholder placeholder, String why) {
        return new StarlingException(ErrorCode.BAD_QUERY_PARAMETER, "Value [" + placeholder.value()
                + "] cannot be parsed as " + placeholder.type() + " for query parameter '" + placeholder.name()
                + "': " + why);
    }

    /** Reads the escaped (TabSeparated) form: {@code \t}, {@code \n}, {@code \\}, {@code \'} and so on. */
    static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'N' -> out.append("\\N");
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
