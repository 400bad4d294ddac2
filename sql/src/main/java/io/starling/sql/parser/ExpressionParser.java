package io.starling.sql.parser;

import io.starling.sql.parser.ast.Alias;
import io.starling.sql.parser.ast.Asterisk;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Identifier;
import io.starling.sql.parser.ast.Lambda;
import io.starling.sql.parser.ast.Literal;
import io.starling.sql.parser.ast.SubqueryExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recursive-descent expression parser with ClickHouse's precedence, lowest first: lambda, ternary {@code ?:},
 * OR, AND, NOT, IS [NOT] NULL, comparison (= != < LIKE IN BETWEEN), {@code ||}, + -, * / %, unary minus,
 * postfix ({@code x[i]}, {@code x::T}, {@code t.1}), primary.
 */
final class ExpressionParser {
    private static final List<String> PRIMARY = List.of("literal", "identifier", "function", "'('", "'['", "CASE", "CAST");
    private static final Map<String, String> COMPARISONS = Map.of(
            "=", "equals", "==", "equals", "!=", "notEquals", "<>", "notEquals",
            "<", "less", "<=", "lessOrEquals", ">", "greater", ">=", "greaterOrEquals");
    private static final Map<String, String> INTERVAL_UNITS = Map.ofEntries(
            Map.entry("SECOND", "Second"), Map.entry("SECONDS", "Second"), Map.entry("MINUTE", "Minute"),
            Map.entry("MINUTES", "Minute"), Map.entry("HOUR", "Hour"), Map.entry("HOURS", "Hour"),
            Map.entry("DAY", "Day"), Map.entry("DAYS", "Day"), Map.entry("WEEK", "Week"), Map.entry("WEEKS", "Week"),
            Map.entry("MONTH", "Month"), Map.entry("MONTHS", "Month"), Map.entry("QUARTER", "Quarter"),
            Map.entry("QUARTERS", "Quarter"), Map.entry("YEAR", "Year"), Map.entry("YEARS", "Year"));

    private final TokenCursor cursor;
    private final Parser queries;

    ExpressionParser(TokenCursor cursor, Parser queries) {
        this.cursor = cursor;
        this.queries = queries;
    }

    /** An expression, possibly followed by {@code AS alias} (used in lists where aliases are allowed). */
    Expression aliasable() {
        Expression expression = lambdaOrExpression();
        if (cursor.acceptKeyword("AS")) {
            return new Alias(expression, cursor.identifier());
        }
        return expression;
    }

    Expression lambdaOrExpression() {
        int mark = cursor.mark();
        List<String> parameters = lambdaParameters();
        if (parameters != null && cursor.acceptSymbol("->")) {
            return new Lambda(parameters, expression());
        }
        cursor.reset(mark);
        return expression();
    }

    private List<String> lambdaParameters() {
        if (cursor.peek().type() == TokenType.WORD && cursor.peek(1).isSymbol("->")) {
            return List.of(cursor.advance().text());
        }
        if (!cursor.acceptSymbol("(")) {
            return null;
        }
        List<String> names = new ArrayList<>();
        do {
            if (cursor.peek().type() != TokenType.WORD) {
                return null;
            }
            names.add(cursor.advance().text());
        } while (cursor.acceptSymbol(","));
        return cursor.acceptSymbol(")") ? names : null;
    }

    Expression expression() {
        Expression condition = or();
        if (cursor.acceptSymbol("?")) {
            Expression then = expression();
            cursor.expectSymbol(":");
            Expression otherwise = expression();
            return FunctionCall.of("if", condition, then, otherwise);
        }
        return condition;
    }

    private Expression or() {
        List<Expression> operands = new ArrayList<>(List.of(and()));
        while (cursor.acceptKeyword("OR")) {
            operands.add(and());
        }
        return operands.size() == 1 ? operands.get(0) : new FunctionCall("or", operands, null, false);
    }

    private Expression and() {
        List<Expression> operands = new ArrayList<>(List.of(not()));
        while (cursor.acceptKeyword("AND")) {
            operands.add(not());
        }
        return operands.size() == 1 ? operands.get(0) : new FunctionCall("and", operands, null, false);
    }

    private Expression not() {
        if (cursor.peek().isKeyword("NOT")) {
            cursor.advance();
            return FunctionCall.of("not", not());
        }
        return nullCheck();
    }

    private Expression nullCheck() {
        Expression operand = comparison();
        while (cursor.peek().isKeyword("IS")) {
            cursor.advance();
            boolean negated = cursor.acceptKeyword("NOT");
            cursor.expectKeyword("NULL");
            operand = FunctionCall.of(negated ? "isNotNull" : "isNull", operand);
        }
        return operand;
    }

    private Expression comparison() {
        Expression left = concat();
        while (true) {
            Token token = cursor.peek();
            String function = token.type() == TokenType.SYMBOL ? COMPARISONS.get(token.text()) : null;
            if (function != null) {
                cursor.advance();
                left = FunctionCall.of(function, left, concat());
                continue;
            }
            boolean negated = token.isKeyword("NOT") && isComparisonWord(cursor.peek(1));
            if (negated) {
                cursor.advance();
            }
            if (cursor.acceptKeyword("LIKE")) {
                left = FunctionCall.of(negated ? "notLike" : "like", left, concat());
            } else if (cursor.acceptKeyword("ILIKE")) {
                left = FunctionCall.of(negated ? "notILike" : "ilike", left, concat());
            } else if (cursor.peek().isKeyword("GLOBAL") || cursor.peek().isKeyword("IN")) {
                cursor.acceptKeyword("GLOBAL");
                cursor.expectKeyword("IN");
                left = FunctionCall.of(negated ? "notIn" : "in", left, concat());
            } else if (cursor.acceptKeyword("BETWEEN")) {
                Expression low = concat();
                cursor.expectKeyword("AND");
                Expression high = concat();
                left = negated
                        ? FunctionCall.of("or", FunctionCall.of("less", left, low), FunctionCall.of("greater", left, high))
                        : FunctionCall.of("and", FunctionCall.of("greaterOrEquals", left, low),
                                FunctionCall.of("lessOrEquals", left, high));
            } else {
                return left;
            }
        }
    }

    private static boolean isComparisonWord(Token token) {
        return token.isKeyword("LIKE") || token.isKeyword("ILIKE") || token.isKeyword("IN")
                || token.isKeyword("BETWEEN") || token.isKeyword("GLOBAL");
    }

    private Expression concat() {
        List<Expression> operands = new ArrayList<>(List.of(additive()));
        while (cursor.acceptSymbol("||")) {
            operands.add(additive());
        }
        return operands.size() == 1 ? operands.get(0) : new FunctionCall("concat", operands, null, false);
    }

    private Expression additive() {
        Expression left = multiplicative();
        while (true) {
            if (cursor.acceptSymbol("+")) {
                left = FunctionCall.of("plus", left, multiplicative());
            } else if (cursor.acceptSymbol("-")) {
                left = FunctionCall.of("minus", left, multiplicative());
            } else {
                return left;
            }
        }
    }

    private Expression multiplicative() {
        Expression left = unary();
        while (true) {
            if (cursor.acceptSymbol("*")) {
                left = FunctionCall.of("multiply", left, unary());
            } else if (cursor.acceptSymbol("/")) {
                left = FunctionCall.of("divide", left, unary());
            } else if (cursor.acceptSymbol("%") || cursor.acceptKeyword("MOD")) {
                left = FunctionCall.of("modulo", left, unary());
            } else if (cursor.acceptKeyword("DIV")) {
                left = FunctionCall.of("intDiv", left, unary());
            } else {
                return left;
            }
        }
    }

    private Expression unary() {
        if (cursor.acceptSymbol("-")) {
            Expression operand = unary();
            if (operand instanceof Literal literal && literal.value() instanceof Long value && !literal.unsigned()) {
                return Literal.of(-value);
            }
            if (operand instanceof Literal literal && literal.value() instanceof Double value) {
                return Literal.of(-value);
            }
            return FunctionCall.of("negate", operand);
        }
        if (cursor.acceptSymbol("+")) {
            return unary();
        }
        return postfix(primary());
    }

    private Expression postfix(Expression operand) {
        while (true) {
            if (cursor.acceptSymbol("[")) {
                Expression index = expression();
                cursor.expectSymbol("]");
                operand = FunctionCall.of("arrayElement", operand, index);
            } else if (cursor.acceptSymbol("::")) {
                operand = FunctionCall.of("CAST", operand, Literal.of(typeName()));
            } else if (cursor.peek().isSymbol(".") && cursor.peek(1).type() == TokenType.INTEGER) {
                cursor.advance();
                operand = FunctionCall.of("tupleElement", operand, integer(cursor.advance()));
            } else {
                return operand;
            }
        }
    }

    /** A type name such as {@code Nullable(DateTime64(3, 'UTC'))}, returned as its source text. */
    String typeName() {
        Token first = cursor.peek();
        if (first.type() != TokenType.WORD) {
            throw cursor.error(List.of("type name"));
        }
        cursor.advance();
        int end = first.offset() + first.text().length();
        if (cursor.peek().isSymbol("(")) {
            int depth = 0;
            do {
                Token token = cursor.advance();
                if (token.type() == TokenType.END) {
                    throw cursor.error(List.of("')'"));
                }
                depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
                end = token.offset() + token.text().length();
            } while (depth > 0);
        }
        return cursor.sql().substring(first.offset(), end);
    }

    private Expression primary() {
        Token token = cursor.peek();
        switch (token.type()) {
            case INTEGER -> {
                cursor.advance();
                return integer(token);
            }
            case FLOAT -> {
                cursor.advance();
                return Literal.of(Double.parseDouble(token.text()));
            }
            case STRING -> {
                cursor.advance();
                return Literal.of(token.text());
            }
            case WORD -> {
                return word();
            }
            case QUOTED_IDENTIFIER -> {
                return identifierOrCall();
            }
            case SYMBOL -> {
                return symbolPrimary(token);
            }
            case END -> throw cursor.error(PRIMARY);
        }
        throw cursor.error(PRIMARY);
    }

    private Expression symbolPrimary(Token token) {
        if (token.isSymbol("(")) {
            return parenthesised();
        }
        if (token.isSymbol("[")) {
            cursor.advance();
            List<Expression> elements = cursor.peek().isSymbol("]") ? List.of() : list();
            cursor.expectSymbol("]");
            return new FunctionCall("array", elements, null, false);
        }
        if (token.isSymbol("*")) {
            cursor.advance();
            return StarSyntax.transformers(new Asterisk(null), cursor, this);
        }
        if (token.isSymbol("{")) {
            return queries.parameters().expression(cursor, this);
        }
        throw cursor.error(PRIMARY);
    }

    private Expression parenthesised() {
        cursor.expectSymbol("(");
        if (cursor.peek().isKeyword("SELECT") || cursor.peek().isKeyword("WITH")) {
            Expression subquery = new SubqueryExpression(queries.query());
            cursor.expectSymbol(")");
            return subquery;
        }
        if (cursor.acceptSymbol(")")) {
            return new FunctionCall("tuple", List.of(), null, false);
        }
        List<Expression> items = new ArrayList<>();
        do {
            items.add(aliasable());
        } while (cursor.acceptSymbol(","));
        cursor.expectSymbol(")");
        return items.size() == 1 ? items.get(0) : new FunctionCall("tuple", items, null, false);
    }

    private Expression word() {
        Token token = cursor.peek();
        String upper = token.upper();
        boolean call = cursor.peek(1).isSymbol("(");
        switch (upper) {
            case "NULL" -> {
                cursor.advance();
                return Literal.NULL;
            }
            case "TRUE", "FALSE" -> {
                cursor.advance();
                return Literal.of(upper.equals("TRUE"));
            }
            case "CASE" -> {
                return caseExpression();
            }
            case "INTERVAL" -> {
                return interval();
            }
            case "DATE", "TIMESTAMP" -> {
                if (cursor.peek(1).type() == TokenType.STRING) {
                    cursor.advance();
                    return FunctionCall.of(upper.equals("DATE") ? "toDate" : "toDateTime", Literal.of(cursor.advance().text()));
                }
            }
            case "CAST" -> {
                if (call) {
                    return cast();
                }
            }
            case "INF" -> {
                cursor.advance();
                return Literal.of(Double.POSITIVE_INFINITY);
            }
            case "NAN" -> {
                cursor.advance();
                return Literal.of(Double.NaN);
            }
            default -> {
            }
        }
        return identifierOrCall();
    }

    private Expression identifierOrCall() {
        List<String> parts = new ArrayList<>();
        parts.add(cursor.identifier());
        while (cursor.peek().isSymbol(".")) {
            Token next = cursor.peek(1);
            if (next.isSymbol("*")) {
                cursor.advance();
                cursor.advance();
                return StarSyntax.transformers(new Asterisk(String.join(".", parts)), cursor, this);
            }
            if (next.type() != TokenType.WORD && next.type() != TokenType.QUOTED_IDENTIFIER) {
                break;
            }
            cursor.advance();
            parts.add(cursor.identifier());
        }
        if (parts.size() == 1 && cursor.peek().isSymbol("(")) {
            if (parts.get(0).equalsIgnoreCase("COLUMNS")) {
                return StarSyntax.columnsMatcher(cursor, this);
            }
            return call(parts.get(0));
        }
        return new Identifier(parts);
    }

    private Expression call(String name) {
        cursor.expectSymbol("(");
        boolean distinct = cursor.acceptKeyword("DISTINCT");
        cursor.acceptKeyword("ALL");
        List<Expression> arguments = arguments();
        if (cursor.peek().isSymbol("(")) {
            cursor.advance();
            List<Expression> secondArguments = arguments();
            return WindowSyntax.over(new FunctionCall(name, secondArguments, arguments, distinct), this, cursor);
        }
        if (name.equalsIgnoreCase("count") && arguments.size() == 1 && arguments.get(0) instanceof Asterisk) {
            arguments = List.of();
        }
        return WindowSyntax.over(new FunctionCall(name, arguments, null, distinct), this, cursor);
    }

    /** Arguments after '(' up to and including ')'. */
    private List<Expression> arguments() {
        if (cursor.acceptSymbol(")")) {
            return List.of();
        }
        List<Expression> arguments = new ArrayList<>();
        do {
            arguments.add(aliasable());
        } while (cursor.acceptSymbol(","));
        cursor.expectSymbol(")");
        return arguments;
    }

    List<Expression> list() {
        List<Expression> items = new ArrayList<>();
        do {
            items.add(expression());
        } while (cursor.acceptSymbol(","));
        return items;
    }

    private Expression cast() {
        cursor.advance();
        cursor.expectSymbol("(");
        Expression operand = expression();
        Expression type;
        if (cursor.acceptKeyword("AS")) {
            type = Literal.of(typeName());
        } else {
            cursor.expectSymbol(",");
            type = expression();
        }
        cursor.expectSymbol(")");
        return FunctionCall.of("CAST", operand, type);
    }

    private Expression caseExpression() {
        cursor.expectKeyword("CASE");
        Expression operand = cursor.peek().isKeyword("WHEN") ? null : expression();
        List<Expression> arguments = new ArrayList<>();
        if (operand != null) {
            arguments.add(operand);
        }
        if (!cursor.peek().isKeyword("WHEN")) {
            throw cursor.error(List.of("WHEN"));
        }
        while (cursor.acceptKeyword("WHEN")) {
            arguments.add(expression());
            cursor.expectKeyword("THEN");
            arguments.add(expression());
        }
        arguments.add(cursor.acceptKeyword("ELSE") ? expression() : Literal.NULL);
        cursor.expectKeyword("END");
        return new FunctionCall(operand == null ? "multiIf" : "caseWithExpression", arguments, null, false);
    }

    private Expression interval() {
        cursor.expectKeyword("INTERVAL");
        Token valueToken = cursor.peek();
        Expression value;
        if (valueToken.type() == TokenType.STRING) {
            cursor.advance();
            String[] pieces = valueToken.text().trim().split("\\s+");
            if (pieces.length == 2 && INTERVAL_UNITS.containsKey(pieces[1].toUpperCase(Locale.ROOT))) {
                return FunctionCall.of("toInterval" + INTERVAL_UNITS.get(pieces[1].toUpperCase(Locale.ROOT)),
                        integer(new Token(TokenType.INTEGER, pieces[0], valueToken.offset())));
            }
            value = Literal.of(valueToken.text());
        } else {
            // Any arithmetic expression, as in ClickHouse: INTERVAL rand() % 86400 SECOND, INTERVAL -n - 1 DAY.
            value = additive();
        }
        Token unit = cursor.peek();
        String name = unit.type() == TokenType.WORD ? INTERVAL_UNITS.get(unit.upper()) : null;
        if (name == null) {
            throw cursor.error(List.of("SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR"));
        }
        cursor.advance();
        return FunctionCall.of("toInterval" + name, value);
    }

    private Literal integer(Token token) {
        String text = token.text();
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                long value = Long.parseUnsignedLong(text.substring(2), 16);
                return new Literal(value, value < 0);
            }
            long value = Long.parseUnsignedLong(text);
            return new Literal(value, value < 0);
        } catch (NumberFormatException e) {
            return Literal.of(Double.parseDouble(text));
        }
    }
}
