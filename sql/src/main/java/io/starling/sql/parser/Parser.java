package io.starling.sql.parser;

import io.starling.sql.parser.ast.Expression;
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
            "FROM", "WHERE", "GROUP BY", "HAVING", "ORDER BY", "LIMIT", "UNION ALL", "FORMAT", "SETTINGS", "end of query");

    private final TokenCursor cursor;
    private final ExpressionParser expressions;

    private Parser(String sql) {
        this.cursor = new TokenCursor(sql);
        this.expressions = new ExpressionParser(cursor, this);
    }

    public static Statement parse(String sql) {
        return new Parser(sql).statement();
    }

    /** Parses a standalone expression, e.g. a table's sorting key {@code toDate(timestamp)}. */
    public static Expression parseExpression(String text) {
        Parser parser = new Parser(text);
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

    /** A SELECT or several joined by UNION ALL. */
    QueryNode query() {
        List<QueryNode> parts = new ArrayList<>();
        parts.add(unionPart());
        while (cursor.peek().isKeyword("UNION")) {
            cursor.advance();
            if (!cursor.acceptKeyword("ALL")) {
                if (cursor.peek().isKeyword("DISTINCT")) {
                    throw new StarlingException(ErrorCode.NOT_IMPLEMENTED,
                            "UNION DISTINCT is not supported yet; use UNION ALL and SELECT DISTINCT over it");
                }
                throw cursor.error(List.of("ALL"));
            }
            parts.add(unionPart());
        }
        return parts.size() == 1 ? parts.get(0) : new UnionQuery(parts);
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
            where = where == null ? condition : io.starling.sql.parser.ast.FunctionCall.of("and", where, condition);
        }
        List<Expression> groupBy = List.of();
        if (cursor.acceptKeyword("GROUP")) {
            cursor.expectKeyword("BY");
            groupBy = expressions.list();
        }
        Expression having = cursor.acceptKeyword("HAVING") ? expressions.expression() : null;
        List<OrderItem> orderBy = List.of();
        if (cursor.acceptKeyword("ORDER")) {
            cursor.expectKeyword("BY");
            orderBy = orderItems();
        }
        LimitClause limit = limit();
        return new SelectQuery(with, distinct, select, from, where, groupBy, having, orderBy, limit);
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
            items.add(new OrderItem(expression, descending, nullsFirst));
        } while (cursor.acceptSymbol(","));
        return items;
    }

    private LimitClause limit() {
        long limit = -1;
        long offset = 0;
        if (cursor.acceptKeyword("LIMIT")) {
            long first = number();
            if (cursor.acceptSymbol(",")) {
                offset = first;
                limit = number();
            } else {
                limit = first;
                if (cursor.acceptKeyword("OFFSET")) {
                    offset = number();
                }
            }
        } else if (cursor.acceptKeyword("OFFSET")) {
            offset = number();
            cursor.acceptKeyword("ROWS");
        }
        if (cursor.peek().isKeyword("BY")) {
            throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "LIMIT BY is not supported yet");
        }
        return limit < 0 && offset == 0 ? null : new LimitClause(limit, offset);
    }

    private long number() {
        Token token = cursor.peek();
        if (token.type() != TokenType.INTEGER) {
            throw cursor.error(List.of("number"));
        }
        cursor.advance();
        Expression literal = Parser.parseExpression(token.text());
        return (Long) ((Literal) literal).value();
    }
}
