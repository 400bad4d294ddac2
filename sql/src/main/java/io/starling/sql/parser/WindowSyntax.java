package io.starling.sql.parser;

import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Literal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code f(...) OVER ([PARTITION BY ...] [ORDER BY ...] [ROWS|RANGE frame])} into the call
 * {@code __window(f(...), tuple(partition...), tuple(order...), 'frame')}, where a descending key is wrapped
 * in {@code __desc(...)} and the frame is text {@code ROWS|RANGE start end} with bounds {@code UNBOUNDED_PRECEDING},
 * {@code n_PRECEDING}, {@code CURRENT_ROW}, {@code n_FOLLOWING}, {@code UNBOUNDED_FOLLOWING} (empty: the default).
 */
public final class WindowSyntax {
    public static final String WINDOW = "__window";
    public static final String DESC = "__desc";

    private WindowSyntax() {
    }

    /** A reference to a window of the WINDOW clause: {@code __window_ref(f(...), 'name')}, replaced after parsing. */
    public static final String WINDOW_REF = "__window_ref";

    static Expression over(FunctionCall call, ExpressionParser expressions, TokenCursor cursor) {
        if (!cursor.peek().isKeyword("OVER")) {
            return call;
        }
        if (!cursor.peek(1).isSymbol("(")) {
            Token name = cursor.peek(1);
            if (name.type() != TokenType.WORD && name.type() != TokenType.QUOTED_IDENTIFIER) {
                return call;
            }
            cursor.advance();
            return FunctionCall.of(WINDOW_REF, call, Literal.of(cursor.identifier()));
        }
        cursor.advance();
        cursor.expectSymbol("(");
        List<Expression> window = new ArrayList<>();
        window.add(call);
        window.addAll(spec(expressions, cursor));
        return new FunctionCall(WINDOW, window, null, false);
    }

    /**
     * After '(': {@code [PARTITION BY ...] [ORDER BY ...] [ROWS|RANGE frame])}, as the three trailing arguments
     * of a {@code __window} call: partition tuple, order tuple, frame text.
     */
    static List<Expression> spec(ExpressionParser expressions, TokenCursor cursor) {
        List<Expression> partition = new ArrayList<>();
        List<Expression> order = new ArrayList<>();
        if (cursor.acceptKeyword("PARTITION")) {
            cursor.expectKeyword("BY");
            partition.addAll(expressions.list());
        }
        if (cursor.acceptKeyword("ORDER")) {
            cursor.expectKeyword("BY");
            do {
                Expression key = expressions.expression();
                boolean descending = cursor.acceptKeyword("DESC") || cursor.acceptKeyword("DESCENDING");
                if (!descending && !cursor.acceptKeyword("ASC")) {
                    cursor.acceptKeyword("ASCENDING");
                }
                order.add(descending ? FunctionCall.of(DESC, key) : key);
            } while (cursor.acceptSymbol(","));
        }
        String frame = "";
        if (cursor.peek().isKeyword("ROWS") || cursor.peek().isKeyword("RANGE")) {
            String unit = cursor.advance().text().toUpperCase(Locale.ROOT);
            String start;
            String end = "CURRENT_ROW";
            if (cursor.acceptKeyword("BETWEEN")) {
                start = bound(cursor);
                cursor.expectKeyword("AND");
                end = bound(cursor);
            } else {
                start = bound(cursor);
            }
            frame = unit + " " + start + " " + end;
        }
        cursor.expectSymbol(")");
        return List.of(new FunctionCall("tuple", partition, null, false), new FunctionCall("tuple", order, null, false),
                Literal.of(frame));
    }

    /** Replaces {@code OVER name} references with the windows the WINDOW clause defined. */
    static Expression resolve(Expression expression, java.util.Map<String, List<Expression>> windows) {
        if (!(expression instanceof FunctionCall call)) {
            if (expression instanceof io.starling.sql.parser.ast.Alias alias) {
                return new io.starling.sql.parser.ast.Alias(resolve(alias.expression(), windows), alias.name());
            }
            return expression;
        }
        if (call.name().equals(WINDOW_REF)) {
            String name = (String) ((Literal) call.arguments().get(1)).value();
            List<Expression> spec = windows.get(name);
            if (spec == null) {
                throw new io.starling.storage.error.StarlingException(io.starling.storage.error.ErrorCode.BAD_ARGUMENTS,
                        "Window '" + name + "' is not defined; define it with WINDOW " + name + " AS (...) after HAVING");
            }
            List<Expression> window = new ArrayList<>();
            window.add(call.arguments().get(0));
            window.addAll(spec);
            return new FunctionCall(WINDOW, window, null, false);
        }
        List<Expression> arguments = new ArrayList<>(call.arguments().size());
        for (Expression argument : call.arguments()) {
            arguments.add(resolve(argument, windows));
        }
        return new FunctionCall(call.name(), arguments, call.parameters(), call.distinct());
    }

    private static String bound(TokenCursor cursor) {
        if (cursor.acceptKeyword("UNBOUNDED")) {
            if (cursor.acceptKeyword("PRECEDING")) {
                return "UNBOUNDED_PRECEDING";
            }
            cursor.expectKeyword("FOLLOWING");
            return "UNBOUNDED_FOLLOWING";
        }
        if (cursor.acceptKeyword("CURRENT")) {
            cursor.expectKeyword("ROW");
            return "CURRENT_ROW";
        }
        Token number = cursor.peek();
        if (number.type() != TokenType.INTEGER) {
            throw cursor.error(List.of("UNBOUNDED", "CURRENT ROW", "a number of rows"));
        }
        cursor.advance();
        if (cursor.acceptKeyword("PRECEDING")) {
            return number.text() + "_PRECEDING";
        }
        cursor.expectKeyword("FOLLOWING");
        return number.text() + "_FOLLOWING";
    }

    /** How ClickHouse prints the column: {@code f(x) OVER (PARTITION BY a ORDER BY b DESC ROWS ...)}. */
    public static String format(FunctionCall window) {
        FunctionCall call = (FunctionCall) window.arguments().get(0);
        List<Expression> partition = ((FunctionCall) window.arguments().get(1)).arguments();
        List<Expression> order = ((FunctionCall) window.arguments().get(2)).arguments();
        String frame = (String) ((Literal) window.arguments().get(3)).value();
        StringBuilder out = new StringBuilder(call.columnName()).append(" OVER (");
        String separator = "";
        if (!partition.isEmpty()) {
            out.append("PARTITION BY ");
            for (int i = 0; i < partition.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(partition.get(i).columnName());
            }
            separator = " ";
        }
        if (!order.isEmpty()) {
            out.append(separator).append("ORDER BY ");
            for (int i = 0; i < order.size(); i++) {
                Expression key = order.get(i);
                boolean descending = key instanceof FunctionCall desc && desc.name().equals(DESC);
                out.append(i == 0 ? "" : ", ").append((descending ? ((FunctionCall) key).arguments().get(0) : key)
                        .columnName()).append(descending ? " DESC" : " ASC");
            }
            separator = " ";
        }
        if (!frame.isEmpty()) {
            String[] parts = frame.split(" ");
            out.append(separator).append(parts[0]).append(" BETWEEN ").append(parts[1].replace('_', ' '))
                    .append(" AND ").append(parts[2].replace('_', ' '));
        }
        return out.append(')').toString();
    }
}
