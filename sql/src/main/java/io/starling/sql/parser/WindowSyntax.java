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

    static Expression over(FunctionCall call, ExpressionParser expressions, TokenCursor cursor) {
        if (!cursor.peek().isKeyword("OVER") || !cursor.peek(1).isSymbol("(")) {
            return call;
        }
        cursor.advance();
        cursor.expectSymbol("(");
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
        return new FunctionCall(WINDOW, List.of(call, new FunctionCall("tuple", partition, null, false),
                new FunctionCall("tuple", order, null, false), Literal.of(frame)), null, false);
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
