package io.starling.sql.parser;

import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.LimitByClause;
import io.starling.sql.parser.ast.LimitClause;
import io.starling.sql.parser.ast.Literal;
import io.starling.sql.parser.ast.OrderItem;
import io.starling.sql.parser.ast.QueryNode;
import io.starling.sql.parser.ast.SelectQuery;
import io.starling.sql.parser.ast.Statement;
import io.starling.sql.parser.ast.TableExpression;
import io.starling.sql.parser.ast.UnionQuery;
import io.starling.sql.parser.ast.WithItem;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one ClickHouse SELECT statement (with UNION ALL, FORMAT, SETTINGS and a trailing semicolon) into a
 * {@link Statement}. Stateless entry point; each call uses its own cursor.
 */
public final class Parser {
    private static final List<String> AFTER_SELECT = List.of(
            "FROM", "WHERE", "GROUP BY", "HAVING", "ORDER BY", "LIMIT", "UNION", "INTERSECT", "EXCEPT", "FORMAT",
            "SETTINGS", "end of query");
    /** The key list of {@code GROUP BY ALL} and {@code ORDER BY ALL}: every select item (not aggregates for GROUP BY). */
    public static final String ALL_MARKER = "__all";

    private final TokenCursor cursor;
    private final ExpressionParser expressions;
    private final QueryParameters parameters;

    private Parser(String sql, Map<String, String> parameters) {
        this.cursor = new TokenCursor(sql);
        this.parameters = new QueryParameters(parameters);
        this.expressions = new ExpressionParser(cursor, this);
    }

    public static Statement parse(String sql) {
        return parse(sql, Map.of());
    }

    /**
     * Parses a statement whose {@code {name:Type}} placeholders take their values from {@code parameters}
     * (ClickHouse's query parameters). A value becomes a typed constant, never SQL text, so it cannot change
     * the query's structure.
     */
    public static Statement parse(String sql, Map<String, String> parameters) {
        return new Parser(sql, parameters).statement();
    }

    /** Parses a standalone expression, e.g. a table's sorting key {@code toDate(timestamp)}. */
    public static Expression parseExpression(String text) {
        Parser parser = new Parser(text, Map.of());
        Expression expression = parser.expressions.expression();
        if (!parser.cursor.atEnd()) {
            throw parser.cursor.error(List.of("end of expression"));
        }
        return expression;
    }

    private Statement statement() {
        if (!cursor.peek().isKeyword("SELECT") && !cursor.peek().isKeyword("WITH") && !cursor.peek().isSymbol("(")) {
            throw cursor.error(List.of("SELECT", "WITH"));
        }
        QueryNode query = query();
        String format = null;
        Map<String, String> settings = new LinkedHashMap<>();
        for (int clause = 0; clause < 2; clause++) {
            if (format == null && cursor.acceptKeyword("FORMAT")) {
                format = cursor.identifier();
            } else if (settings.isEmpty() && cursor.acceptKeyword("SETTINGS")) {
                settings(settings);
            }
        }
        cursor.acceptSymbol(";");
        if (!cursor.atEnd()) {
            throw cursor.error(AFTER_SELECT);
        }
        return new Statement(query, format, settings);
    }

    private void settings(Map<String, String> settings) {
        do {
            String name = cursor.identifier();
            cursor.expectSymbol("=");
            Token value = cursor.advance();
            if (value.type() == TokenType.END || value.type() == TokenType.SYMBOL) {
                if (value.isSymbol("-") && cursor.peek().type() == TokenType.INTEGER) {
                    settings.put(name, "-" + cursor.advance().text());
                    continue;
                }
                throw cursor.error(List.of("setting value"));
            }
            settings.put(name, value.text());
        } while (cursor.acceptSymbol(","));
    }

    /**
     * A SELECT or several joined by set operators. As in ClickHouse, INTERSECT binds tighter than UNION and
     * EXCEPT, and EXCEPT applies to everything on its left: {@code a UNION ALL b EXCEPT c} is
     * {@code (a UNION ALL b) EXCEPT c}, {@code a UNION ALL b INTERSECT c} is {@code a UNION ALL (b INTERSECT c)}.
     */
    QueryNode query() {
        List<QueryNode> children = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        children.add(unionPart());
        boolean lastIsExcept = false; // an EXCEPT built here (not one written in parentheses)
        while (true) {
            String operator = setOperator();
            if (operator == null) {
                break;
            }
            QueryNode right = unionPart();
            if (operator.startsWith("EXCEPT")) {
                QueryNode left = SetOperations.unions(children, modes);
                children = new ArrayList<>(List.of(new UnionQuery(List.of(left, right), operator)));
                modes = new ArrayList<>();
                lastIsExcept = true;
            } else if (operator.startsWith("INTERSECT")) {
                QueryNode last = children.get(children.size() - 1);
                if (lastIsExcept && last instanceof UnionQuery except) {
                    children.set(children.size() - 1, new UnionQuery(List.of(except.parts().get(0),
                            new UnionQuery(List.of(except.parts().get(1), right), operator)), except.operator()));
                } else {
                    children.set(children.size() - 1, new UnionQuery(List.of(last, right), operator));
                }
            } else {
                children.add(right);
                modes.add(operator);
                lastIsExcept = false;
            }
        }
        return SetOperations.unions(children, modes);
    }

    /** Reads {@code UNION|INTERSECT|EXCEPT [ALL|DISTINCT]}, or null when none follows. */
    private String setOperator() {
        Token token = cursor.peek();
        String word;
        if (token.isKeyword("UNION")) {
            word = "UNION";
        } else if (token.isKeyword("INTERSECT")) {
            word = "INTERSECT";
        } else if (token.isKeyword("EXCEPT")) {
            word = "EXCEPT";
        } else {
            return null;
        }
        cursor.advance();
        if (cursor.acceptKeyword("ALL")) {
            return word + " ALL";
        }
        if (cursor.acceptKeyword("DISTINCT")) {
            return word + " DISTINCT";
        }
        return word;
    }

    private QueryNode unionPart() {
        if (cursor.acceptSymbol("(")) {
            QueryNode inner = query();
            cursor.expectSymbol(")");
            return inner;
        }
        return select();
    }

    private SelectQuery select() {
        List<WithItem> with = cursor.acceptKeyword("WITH") ? withItems() : List.of();
        cursor.expectKeyword("SELECT");
        boolean distinct = cursor.acceptKeyword("DISTINCT");
        cursor.acceptKeyword("ALL");
        List<Expression> select = selectList();
        TableExpression from = cursor.acceptKeyword("FROM") ? joins(from()) : null;
        Expression where = null;
        if (cursor.acceptKeyword("PREWHERE")) {
            where = expressions.expression();
        }
        if (cursor.acceptKeyword("WHERE")) {
            Expression condition = expressions.expression();
            where = where == null ? condition : FunctionCall.of("and", where, condition);
        }
        GroupByClause groupBy = GroupByClause.NONE;
        if (cursor.acceptKeyword("GROUP")) {
            cursor.expectKeyword("BY");
            groupBy = GroupByClause.parse(cursor, expressions);
        }
        Expression having = cursor.acceptKeyword("HAVING") ? expressions.expression() : null;
        Map<String, List<Expression>> windows = new java.util.HashMap<>();
        if (cursor.acceptKeyword("WINDOW")) {
            do {
                String name = cursor.identifier();
                cursor.expectKeyword("AS");
                cursor.expectSymbol("(");
                windows.put(name, WindowSyntax.spec(expressions, cursor));
            } while (cursor.acceptSymbol(","));
        }
        Expression qualify = cursor.acceptKeyword("QUALIFY") ? expressions.expression() : null;
        List<OrderItem> orderBy = List.of();
        if (cursor.acceptKeyword("ORDER")) {
            cursor.expectKeyword("BY");
            orderBy = orderItems();
        }
        select = select.stream().map(item -> WindowSyntax.resolve(item, windows)).toList();
        qualify = qualify == null ? null : WindowSyntax.resolve(qualify, windows);
        orderBy = orderBy.stream().map(item -> new OrderItem(WindowSyntax.resolve(item.expression(), windows),
                item.descending(), item.nullsFirst(), item.fill())).toList();
        LimitByClause limitBy = null;
        LimitClause limit = null;
        if (cursor.peek().isKeyword("LIMIT")) {
            int mark = cursor.mark();
            cursor.advance();
            long[] limitAndOffset = limitNumbers();
            if (cursor.acceptKeyword("BY")) {
                limitBy = new LimitByClause(limitAndOffset[0], limitAndOffset[1], expressions.list());
            } else {
                cursor.reset(mark);
            }
        }
        limit = limit();
        return new SelectQuery(with, distinct, select, from, where, groupBy.keys(), having, orderBy, limit,
                groupBy.sets(), groupBy.totals(), limitBy, qualify);
    }

    private List<Expression> selectList() {
        List<Expression> items = new ArrayList<>();
        do {
            Expression item = expressions.aliasable();
            if (!(item instanceof io.starling.sql.parser.ast.Alias) && cursor.atImplicitAlias()) {
                item = new io.starling.sql.parser.ast.Alias(item, cursor.identifier());
            }
            items.add(item);
        } while (cursor.acceptSymbol(","));
        return items;
    }

    private List<WithItem> withItems() {
        List<WithItem> items = new ArrayList<>();
        do {
            Token first = cursor.peek();
            if ((first.type() == TokenType.WORD || first.type() == TokenType.QUOTED_IDENTIFIER)
                    && cursor.peek(1).isKeyword("AS") && cursor.peek(2).isSymbol("(")
                    && (cursor.peek(3).isKeyword("SELECT") || cursor.peek(3).isKeyword("WITH"))) {
                String name = cursor.identifier();
                cursor.expectKeyword("AS");
                cursor.expectSymbol("(");
                QueryNode query = query();
                cursor.expectSymbol(")");
                items.add(new WithItem.CommonTable(name, query));
            } else {
                Expression expression = expressions.expression();
                cursor.expectKeyword("AS");
                items.add(new WithItem.ScalarAlias(expression, cursor.identifier()));
            }
        } while (cursor.acceptSymbol(","));
        return items;
    }

    private TableExpression from() {
        TableExpression source;
        if (cursor.acceptSymbol("(")) {
            QueryNode query = query();
            cursor.expectSymbol(")");
            source = new TableExpression.Subquery(query, alias());
        } else if (cursor.peek().isSymbol("{")) {
            List<String> parts = parameters.identifier(cursor, expressions);
            source = new TableExpression.TableName(parts.size() > 1 ? parts.get(0) : null,
                    parts.get(parts.size() - 1), alias());
        } else {
            String first = cursor.identifier();
            if (cursor.peek().isSymbol("(")) {
                cursor.advance();
                List<Expression> arguments = cursor.peek().isSymbol(")") ? List.of() : expressions.list();
                cursor.expectSymbol(")");
                source = new TableExpression.TableFunction(first, arguments, alias());
            } else if (cursor.acceptSymbol(".")) {
                String name = cursor.identifier();
                source = new TableExpression.TableName(first, name, alias());
            } else {
                source = new TableExpression.TableName(null, first, alias());
            }
        }
        if (cursor.acceptKeyword("FINAL") && source instanceof TableExpression.TableName table) {
            return table.asFinal();
        }
        return source;
    }

    private String alias() {
        if (cursor.acceptKeyword("AS")) {
            return cursor.identifier();
        }
        return cursor.atImplicitAlias() ? cursor.identifier() : null;
    }

    QueryParameters parameters() {
        return parameters;
    }

    /** Joins and ARRAY JOINs after the first FROM source, left to right. */
    private TableExpression joins(TableExpression left) {
        while (true) {
            Token token = cursor.peek();
            if (token.isKeyword("ARRAY") || (token.isKeyword("LEFT") && cursor.peek(1).isKeyword("ARRAY"))) {
                boolean outer = cursor.acceptKeyword("LEFT");
                cursor.expectKeyword("ARRAY");
                cursor.expectKeyword("JOIN");
                List<Expression> arrays = new ArrayList<>();
                do {
                    arrays.add(expressions.aliasable());
                } while (cursor.acceptSymbol(","));
                left = new TableExpression.ArrayJoin(left, outer, arrays);
                continue;
            }
            if (cursor.acceptSymbol(",")) {
                left = new TableExpression.Join(left, from(), "CROSS", "ALL", null, List.of());
                continue;
            }
            JoinWords words = joinWords();
            if (words == null) {
                return left;
            }
            TableExpression right = from();
            Expression on = null;
            List<String> using = new ArrayList<>();
            if (!words.kind().equals("CROSS")) {
                if (cursor.acceptKeyword("ON")) {
                    on = expressions.expression();
                } else if (cursor.acceptKeyword("USING")) {
                    boolean parenthesised = cursor.acceptSymbol("(");
                    do {
                        using.add(cursor.identifier());
                    } while (cursor.acceptSymbol(","));
                    if (parenthesised) {
                        cursor.expectSymbol(")");
                    }
                } else {
                    throw cursor.error(List.of("ON", "USING"));
                }
            }
            left = new TableExpression.Join(left, right, words.kind(), words.strictness(), on, using);
        }
    }

    private record JoinWords(String kind, String strictness) {
    }

    /** Reads {@code [GLOBAL] [ANY|ALL|SEMI|ANTI] [INNER|LEFT|RIGHT|FULL [OUTER]|CROSS] JOIN}, or null when absent. */
    private JoinWords joinWords() {
        int mark = cursor.mark();
        cursor.acceptKeyword("GLOBAL");
        String strictness = strictness();
        String kind = "INNER";
        for (String candidate : List.of("INNER", "LEFT", "RIGHT", "FULL", "CROSS")) {
            if (cursor.acceptKeyword(candidate)) {
                kind = candidate;
                cursor.acceptKeyword("OUTER");
                break;
            }
        }
        if (strictness == null) {
            strictness = strictness();
        }
        if (!cursor.acceptKeyword("JOIN")) {
            cursor.reset(mark);
            return null;
        }
        if (strictness != null && strictness.equals("ASOF")) {
            throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "ASOF JOIN is not supported yet");
        }
        return new JoinWords(kind, strictness == null ? "ALL" : strictness);
    }

    private String strictness() {
        for (String candidate : List.of("ANY", "ALL", "SEMI", "ANTI", "ASOF")) {
            if (cursor.acceptKeyword(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private List<OrderItem> orderItems() {
        List<OrderItem> items = new ArrayList<>();
        do {
            Expression expression = expressions.expression();
            boolean descending = false;
            if (cursor.acceptKeyword("DESC") || cursor.acceptKeyword("DESCENDING")) {
                descending = true;
            } else if (!cursor.acceptKeyword("ASC")) {
                cursor.acceptKeyword("ASCENDING");
            }
            Boolean nullsFirst = null;
            if (cursor.acceptKeyword("NULLS")) {
                if (cursor.acceptKeyword("FIRST")) {
                    nullsFirst = true;
                } else {
                    cursor.expectKeyword("LAST");
                    nullsFirst = false;
                }
            }
            if (cursor.peek().isKeyword("COLLATE")) {
                throw new StarlingException(ErrorCode.NOT_IMPLEMENTED,
                        "ORDER BY ... COLLATE is not supported yet; strings sort by their bytes");
            }
            OrderItem.Fill fill = null;
            if (cursor.peek().isKeyword("WITH") && cursor.peek(1).isKeyword("FILL")) {
                cursor.advance();
                cursor.advance();
                Expression fillFrom = cursor.acceptKeyword("FROM") ? expressions.expression() : null;
                Expression fillTo = cursor.acceptKeyword("TO") ? expressions.expression() : null;
                Expression step = cursor.acceptKeyword("STEP") ? expressions.expression() : null;
                fill = new OrderItem.Fill(fillFrom, fillTo, step);
            }
            items.add(new OrderItem(expression, descending, nullsFirst, fill));
        } while (cursor.acceptSymbol(","));
        if (cursor.peek().isKeyword("INTERPOLATE")) {
            throw new StarlingException(ErrorCode.NOT_IMPLEMENTED,
                    "INTERPOLATE is not supported yet; filled rows take default values");
        }
        return items;
    }

    private LimitClause limit() {
        long limit = -1;
        long offset = 0;
        if (cursor.acceptKeyword("LIMIT")) {
            long[] limitAndOffset = limitNumbers();
            limit = limitAndOffset[0];
            offset = limitAndOffset[1];
            if (cursor.peek().isKeyword("WITH") && cursor.peek(1).isKeyword("TIES")) {
                throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "LIMIT ... WITH TIES is not supported yet");
            }
            if (cursor.peek().isKeyword("BY")) {
                throw cursor.error(List.of("end of query"));
            }
        } else if (cursor.acceptKeyword("OFFSET")) {
            offset = number();
            if (!cursor.acceptKeyword("ROWS")) {
                cursor.acceptKeyword("ROW");
            }
        }
        return limit < 0 && offset == 0 ? null : new LimitClause(limit, offset);
    }

    /** After LIMIT: {@code n [OFFSET m]} or {@code m, n}; answers {n, m}. */
    private long[] limitNumbers() {
        long first = number();
        if (cursor.acceptSymbol(",")) {
            return new long[] {number(), first};
        }
        long offset = 0;
        if (cursor.acceptKeyword("OFFSET")) {
            offset = number();
        }
        return new long[] {first, offset};
    }

    private long number() {
        Token token = cursor.peek();
        if (token.isSymbol("{")) {
            return parameters.integer(cursor, expressions);
        }
        if (token.type() != TokenType.INTEGER) {
            throw cursor.error(List.of("number"));
        }
        cursor.advance();
        Expression literal = Parser.parseExpression(token.text());
        return (Long) ((Literal) literal).value();
    }
}
