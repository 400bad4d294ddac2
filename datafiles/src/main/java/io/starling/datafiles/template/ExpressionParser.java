package io.starling.datafiles.template;

import io.starling.datafiles.template.ExpressionTokenizer.Kind;
import io.starling.datafiles.template.ExpressionTokenizer.Token;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser for the Python-like expression language, with Python's precedence: conditional,
 * {@code or}, {@code and}, {@code not}, comparisons ({@code in}, {@code not in}, {@code is}, chained), {@code + -},
 * {@code * / // %}, unary sign, {@code **}, then calls, attributes and subscripts on primaries.
 */
final class ExpressionParser {
    private static final List<String> COMPARISONS = List.of("==", "!=", "<", "<=", ">", ">=", "in", "is", "not");

    /** The header of {@code {% for a, b in expr %}}. */
    record ForHeader(List<String> names, Expr iterable) {
    }

    /** The body of {@code {% set name = expr %}}. */
    record Assignment(String name, Expr value) {
    }

    private final List<Token> tokens;
    private final String source;
    private final int line;
    private int position;

    private ExpressionParser(String source, int line) {
        this.tokens = ExpressionTokenizer.tokenize(source, line);
        this.source = source.strip();
        this.line = line;
    }

    static Expr parse(String source, int line) {
        ExpressionParser parser = new ExpressionParser(source, line);
        if (parser.peek().kind() == Kind.END) {
            throw TemplateException.syntax("empty expression; write a value or a function call between the braces",
                    line);
        }
        Expr expr = parser.expression();
        parser.expectEnd();
        return expr;
    }

    static ForHeader parseFor(String source, int line) {
        ExpressionParser parser = new ExpressionParser(source, line);
        List<String> names = new ArrayList<>();
        boolean parenthesized = parser.accept("(");
        do {
            names.add(parser.name("a loop variable"));
        } while (parser.accept(","));
        if (parenthesized) {
            parser.expect(")");
        }
        if (!parser.acceptWord("in")) {
            throw parser.error("for loop needs the form {% for x in items %}");
        }
        Expr iterable = parser.expression();
        parser.expectEnd();
        return new ForHeader(List.copyOf(names), iterable);
    }

    static Assignment parseSet(String source, int line) {
        ExpressionParser parser = new ExpressionParser(source, line);
        String name = parser.name("a variable name");
        parser.expect("=");
        Expr value = parser.expression();
        parser.expectEnd();
        return new Assignment(name, value);
    }

    private Expr expression() {
        Expr body = orExpression();
        if (acceptWord("if")) {
            Expr condition = orExpression();
            if (!acceptWord("else")) {
                throw error("conditional expression needs 'else', as in a if condition else b");
            }
            return new Expr.Conditional(condition, body, expression());
        }
        return body;
    }

    private Expr orExpression() {
        Expr left = andExpression();
        while (acceptWord("or")) {
            left = new Expr.Logical("or", left, andExpression());
        }
        return left;
    }

    private Expr andExpression() {
        Expr left = notExpression();
        while (acceptWord("and")) {
            left = new Expr.Logical("and", left, notExpression());
        }
        return left;
    }

    private Expr notExpression() {
        if (acceptWord("not")) {
            return new Expr.Unary("not", notExpression());
        }
        return comparison();
    }

    private Expr comparison() {
        Expr first = additive();
        List<String> operators = new ArrayList<>();
        List<Expr> operands = new ArrayList<>();
        while (peek().kind() != Kind.STRING && COMPARISONS.contains(peek().text())) {
            Token token = advance();
            String operator = token.text();
            if (operator.equals("not")) {
                if (!acceptWord("in")) {
                    throw error("expected 'in' after 'not' in a comparison");
                }
                operator = "not in";
            } else if (operator.equals("is") && acceptWord("not")) {
                operator = "is not";
            }
            operators.add(operator);
            operands.add(additive());
        }
        return operators.isEmpty() ? first : new Expr.Compare(first, List.copyOf(operators), List.copyOf(operands));
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peekOperator("+") || peekOperator("-")) {
            String operator = advance().text();
            left = new Expr.Binary(operator, left, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (peekOperator("*") || peekOperator("/") || peekOperator("//") || peekOperator("%")) {
            String operator = advance().text();
            left = new Expr.Binary(operator, left, unary());
        }
        return left;
    }

    private Expr unary() {
        if (peekOperator("-") || peekOperator("+")) {
            String operator = advance().text();
            Expr operand = unary();
            if (operand instanceof Expr.Literal literal && operator.equals("-")) {
                if (literal.value() instanceof Long value) {
                    return new Expr.Literal(Values.integer(BigInteger.valueOf(value).negate()));
                }
                if (literal.value() instanceof BigInteger value) {
                    return new Expr.Literal(Values.integer(value.negate()));
                }
                if (literal.value() instanceof Double value) {
                    return new Expr.Literal(-value);
                }
            }
            return new Expr.Unary(operator, operand);
        }
        return power();
    }

    private Expr power() {
        Expr base = postfix();
        if (accept("**")) {
            return new Expr.Binary("**", base, unary());
        }
        return base;
    }

    private Expr postfix() {
        Expr expr = primary();
        while (true) {
            if (accept("(")) {
                expr = call(expr);
            } else if (accept(".")) {
                expr = new Expr.Attribute(expr, name("an attribute name"));
            } else if (accept("[")) {
                Expr index = expression();
                expect("]");
                expr = new Expr.Subscript(expr, index);
            } else {
                return expr;
            }
        }
    }

    private Expr call(Expr callee) {
        List<Expr> args = new ArrayList<>();
        Map<String, Expr> kwargs = new LinkedHashMap<>();
        while (!accept(")")) {
            if (peek().kind() == Kind.NAME && tokens.get(position + 1).is("=")) {
                String key = advance().text();
                advance();
                if (kwargs.put(key, expression()) != null) {
                    throw error("keyword argument [" + key + "] is given twice");
                }
            } else {
                if (!kwargs.isEmpty()) {
                    throw error("positional argument follows keyword argument");
                }
                args.add(expression());
            }
            if (!peekOperator(")")) {
                expect(",");
            }
        }
        return new Expr.Call(callee, List.copyOf(args), kwargs);
    }

    private Expr primary() {
        Token token = advance();
        switch (token.kind()) {
            case NUMBER:
                return new Expr.Literal(token.value());
            case STRING: {
                StringBuilder text = new StringBuilder((String) token.value());
                while (peek().kind() == Kind.STRING) {
                    text.append((String) advance().value());
                }
                return new Expr.Literal(text.toString());
            }
            case NAME:
                return switch (token.text()) {
                    case "True", "true" -> new Expr.Literal(Boolean.TRUE);
                    case "False", "false" -> new Expr.Literal(Boolean.FALSE);
                    case "None" -> new Expr.Literal(null);
                    case "and", "or", "not", "in", "is", "if", "else" ->
                            throw error("unexpected keyword [" + token.text() + "]");
                    default -> new Expr.Name(token.text());
                };
            case OPERATOR:
                return bracketed(token.text());
            default:
                throw error("expression ends too early");
        }
    }

    private Expr bracketed(String open) {
        switch (open) {
            case "(" -> {
                if (accept(")")) {
                    return new Expr.ListExpr(List.of());
                }
                Expr first = expression();
                if (accept(")")) {
                    return first;
                }
                return new Expr.ListExpr(items(first, ")"));
            }
            case "[" -> {
                if (accept("]")) {
                    return new Expr.ListExpr(List.of());
                }
                return new Expr.ListExpr(items(expression(), "]"));
            }
            case "{" -> {
                return dict();
            }
            default -> throw error("unexpected [" + open + "]");
        }
    }

    private List<Expr> items(Expr first, String close) {
        List<Expr> items = new ArrayList<>();
        items.add(first);
        while (!accept(close)) {
            expect(",");
            if (accept(close)) {
                break;
            }
            items.add(expression());
        }
        return List.copyOf(items);
    }

    private Expr dict() {
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!accept("}")) {
            keys.add(expression());
            expect(":");
            values.add(expression());
            if (!peekOperator("}")) {
                expect(",");
            }
        }
        return new Expr.DictExpr(List.copyOf(keys), List.copyOf(values));
    }

    private String name(String what) {
        Token token = advance();
        if (token.kind() != Kind.NAME) {
            throw error("expected " + what + " but found [" + token.text() + "]");
        }
        return token.text();
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token advance() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    private boolean peekOperator(String operator) {
        return peek().kind() == Kind.OPERATOR && peek().text().equals(operator);
    }

    private boolean accept(String operator) {
        if (peekOperator(operator)) {
            position++;
            return true;
        }
        return false;
    }

    private boolean acceptWord(String word) {
        if (peek().kind() == Kind.NAME && peek().text().equals(word)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String operator) {
        if (!accept(operator)) {
            Token found = peek();
            throw error("expected [" + operator + "] but found ["
                    + (found.kind() == Kind.END ? "end of expression" : found.text()) + "]");
        }
    }

    private void expectEnd() {
        if (peek().kind() != Kind.END) {
            throw error("unexpected [" + peek().text() + "] after the end of the expression");
        }
    }

    private TemplateException error(String what) {
        return TemplateException.syntax(what + " in expression [" + source + "]", line);
    }
}
