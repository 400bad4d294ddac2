package io.starling.sql.parser.ast;

import java.util.List;

/** Prints expressions the way ClickHouse names result columns: {@code plus(a, 1)}, {@code count()}, {@code 'x'}. */
public final class ExpressionFormatter {
    private ExpressionFormatter() {
    }

    public static String format(Expression expression) {
        StringBuilder out = new StringBuilder();
        append(out, expression);
        return out.toString();
    }

    private static void append(StringBuilder out, Expression expression) {
        switch (expression) {
            case Literal literal -> out.append(literal(literal));
            case Identifier identifier -> {
                for (int i = 0; i < identifier.parts().size(); i++) {
                    if (i > 0) {
                        out.append('.');
                    }
                    out.append(quoteIdentifier(identifier.parts().get(i)));
                }
            }
            case Asterisk asterisk -> out.append(asterisk.qualifier() == null ? "*" : asterisk.qualifier() + ".*");
            case Alias alias -> out.append(quoteIdentifier(alias.name()));
            case SubqueryExpression ignored -> out.append("_subquery");
            case Lambda lambda -> {
                out.append("lambda(tuple(").append(String.join(", ", lambda.parameters())).append("), ");
                append(out, lambda.body());
                out.append(')');
            }
            case FunctionCall call -> call(out, call);
        }
    }

    private static void call(StringBuilder out, FunctionCall call) {
        if (call.name().equals(io.starling.sql.parser.WindowSyntax.WINDOW) && call.arguments().size() == 4) {
            out.append(io.starling.sql.parser.WindowSyntax.format(call));
            return;
        }
        boolean allLiterals = call.arguments().stream().allMatch(ExpressionFormatter::isLiteral);
        if (call.name().equals("array") && allLiterals) {
            list(out.append('['), call.arguments()).append(']');
            return;
        }
        if (call.name().equals("tuple") && allLiterals && call.arguments().size() > 1) {
            list(out.append('('), call.arguments()).append(')');
            return;
        }
        out.append(call.name());
        if (call.distinct()) {
            out.append("Distinct");
        }
        if (call.parameters() != null) {
            list(out.append('('), call.parameters()).append(')');
        }
        list(out.append('('), call.arguments()).append(')');
    }

    private static boolean isLiteral(Expression expression) {
        if (expression instanceof Literal) {
            return true;
        }
        return expression instanceof FunctionCall call && (call.name().equals("array") || call.name().equals("tuple"))
                && call.arguments().stream().allMatch(ExpressionFormatter::isLiteral);
    }

    private static StringBuilder list(StringBuilder out, List<Expression> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            append(out, items.get(i));
        }
        return out;
    }

    public static String literal(Literal literal) {
        Object value = literal.value();
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Long number) {
            return literal.unsigned() ? Long.toUnsignedString(number) : Long.toString(number);
        }
        if (value instanceof Double number) {
            String text = FloatText.format(number);
            return text.contains(".") || text.contains("e") || text.contains("n") ? text : text + ".";
        }
        if (value instanceof Boolean bool) {
            return bool.toString();
        }
        return quoteString(value.toString());
    }

    public static String quoteString(String text) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    private static String quoteIdentifier(String name) {
        boolean plain = !name.isEmpty() && !Character.isDigit(name.charAt(0));
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = Character.isLetterOrDigit(c) || c == '_';
        }
        return plain ? name : "`" + name.replace("`", "\\`") + "`";
    }
}
