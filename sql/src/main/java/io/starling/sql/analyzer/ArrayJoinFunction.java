package io.starling.sql.analyzer;

import io.starling.sql.parser.ast.Alias;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Identifier;
import io.starling.sql.parser.ast.OrderItem;
import io.starling.sql.parser.ast.SelectQuery;
import io.starling.sql.parser.ast.TableExpression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the {@code arrayJoin(arr)} function into an ARRAY JOIN of the FROM source: each distinct call becomes
 * a hidden joined column, and the select list keeps the names ClickHouse prints ({@code arrayJoin(arr)}).
 */
final class ArrayJoinFunction {
    private final Map<String, Expression> calls = new LinkedHashMap<>();

    private ArrayJoinFunction() {
    }

    static SelectQuery rewrite(SelectQuery select) {
        ArrayJoinFunction rewriter = new ArrayJoinFunction();
        List<Expression> items = new ArrayList<>();
        for (Expression item : select.select()) {
            Expression replaced = rewriter.replace(item);
            if (replaced != item && !(item instanceof Alias)) {
                replaced = new Alias(replaced, item.columnName());
            }
            items.add(replaced);
        }
        if (rewriter.calls.isEmpty()) {
            return select;
        }
        Expression where = select.where() == null ? null : rewriter.replace(select.where());
        List<Expression> groupBy = select.groupBy().stream().map(rewriter::replace).toList();
        List<OrderItem> orderBy = select.orderBy().stream()
                .map(item -> new OrderItem(rewriter.replace(item.expression()), item.descending(), item.nullsFirst(),
                        item.fill())).toList();
        TableExpression from = select.from();
        for (Map.Entry<String, Expression> call : rewriter.calls.entrySet()) {
            from = new TableExpression.ArrayJoin(from, false, List.of(new Alias(call.getValue(), call.getKey())));
        }
        return select.withClauses(items, from, where, groupBy, orderBy);
    }

    private Expression replace(Expression expression) {
        return switch (expression) {
            case FunctionCall call when call.name().equals("arrayJoin") && call.arguments().size() == 1 -> {
                String key = call.columnName();
                String hidden = "__arrayJoin_" + Integer.toHexString(key.hashCode()) + "_" + calls.size();
                for (Map.Entry<String, Expression> entry : calls.entrySet()) {
                    if (entry.getValue().columnName().equals(call.arguments().get(0).columnName())) {
                        hidden = entry.getKey();
                    }
                }
                calls.putIfAbsent(hidden, call.arguments().get(0));
                yield Identifier.of(hidden);
            }
            case FunctionCall call -> {
                List<Expression> arguments = call.arguments().stream().map(this::replace).toList();
                boolean same = true;
                for (int i = 0; i < arguments.size(); i++) {
                    same &= arguments.get(i) == call.arguments().get(i);
                }
                yield same ? call : new FunctionCall(call.name(), arguments, call.parameters(), call.distinct());
            }
            case Alias alias -> {
                Expression inner = replace(alias.expression());
                yield inner == alias.expression() ? alias : new Alias(inner, alias.name());
            }
            default -> expression;
        };
    }
}
