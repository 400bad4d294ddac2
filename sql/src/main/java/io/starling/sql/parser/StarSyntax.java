package io.starling.sql.parser;

import io.starling.sql.parser.ast.Alias;
import io.starling.sql.parser.ast.Asterisk;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Identifier;
import io.starling.sql.parser.ast.Lambda;
import io.starling.sql.parser.ast.StarTransformer;
import java.util.ArrayList;
import java.util.List;

/**
 * ClickHouse's column matchers: {@code COLUMNS('regex')}, {@code COLUMNS(a, b)}, and the transformers after them or
 * after {@code *} / {@code t.*}: {@code EXCEPT [STRICT] (a, b)} or {@code EXCEPT('regex')},
 * {@code REPLACE [STRICT] (expression AS column, ...)}, {@code APPLY(function)}.
 */
final class StarSyntax {
    private StarSyntax() {
    }

    /** {@code COLUMNS('regex')} or {@code COLUMNS(a, b)}, then transformers. */
    static Expression columnsMatcher(TokenCursor cursor, ExpressionParser expressions) {
        cursor.expectSymbol("(");
        Asterisk matcher;
        if (cursor.peek().type() == TokenType.STRING) {
            String regex = cursor.advance().text();
            matcher = new Asterisk(null, regex, null, List.of());
        } else {
            List<String> names = new ArrayList<>();
            do {
                names.add(cursor.identifier());
            } while (cursor.acceptSymbol(","));
            matcher = new Asterisk(null, null, names, List.of());
        }
        cursor.expectSymbol(")");
        return transformers(matcher, cursor, expressions);
    }

    /** {@code EXCEPT}, {@code REPLACE} and {@code APPLY} after a star or COLUMNS(...), in order. */
    static Expression transformers(Asterisk star, TokenCursor cursor, ExpressionParser expressions) {
        while (true) {
            Token token = cursor.peek();
            if (token.isKeyword("EXCEPT") && !cursor.peek(1).isKeyword("SELECT") && !cursor.peek(1).isKeyword("WITH")
                    && !cursor.peek(1).isKeyword("ALL") && !cursor.peek(1).isKeyword("DISTINCT")
                    && !(cursor.peek(1).isSymbol("(") && (cursor.peek(2).isKeyword("SELECT") || cursor.peek(2).isKeyword("WITH")))) {
                cursor.advance();
                boolean strict = cursor.acceptKeyword("STRICT");
                boolean parenthesised = cursor.acceptSymbol("(");
                if (parenthesised && cursor.peek().type() == TokenType.STRING) {
                    String regex = cursor.advance().text();
                    cursor.expectSymbol(")");
                    star = star.with(new StarTransformer.Except(List.of(), regex, strict));
                    continue;
                }
                List<String> names = new ArrayList<>();
                do {
                    names.add(cursor.identifier());
                } while (parenthesised && cursor.acceptSymbol(","));
                if (parenthesised) {
                    cursor.expectSymbol(")");
                }
                star = star.with(new StarTransformer.Except(names, null, strict));
            } else if (token.isKeyword("REPLACE")) {
                cursor.advance();
                boolean strict = cursor.acceptKeyword("STRICT");
                boolean parenthesised = cursor.acceptSymbol("(");
                List<Alias> replacements = new ArrayList<>();
                do {
                    Expression expression = expressions.expression();
                    cursor.expectKeyword("AS");
                    replacements.add(new Alias(expression, cursor.identifier()));
                } while (parenthesised && cursor.acceptSymbol(","));
                if (parenthesised) {
                    cursor.expectSymbol(")");
                }
                star = star.with(new StarTransformer.Replace(replacements, strict));
            } else if (token.isKeyword("APPLY")) {
                cursor.advance();
                boolean parenthesised = cursor.acceptSymbol("(");
                Expression function = expressions.lambdaOrExpression();
                if (parenthesised) {
                    cursor.expectSymbol(")");
                }
                if (!(function instanceof Identifier identifier && identifier.parts().size() == 1)
                        && !(function instanceof Lambda lambda && lambda.parameters().size() == 1)
                        && !(function instanceof FunctionCall call && call.parameters() == null)) {
                    throw cursor.error("APPLY takes a function name, a parametric function such as quantile(0.9), "
                            + "or a lambda of one parameter");
                }
                star = star.with(new StarTransformer.Apply(function));
            } else {
                return star;
            }
        }
    }

}
