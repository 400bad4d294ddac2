package io.starling.sql.analyzer;

import io.starling.sql.parser.ast.Alias;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Identifier;
import io.starling.sql.parser.ast.Lambda;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies ClickHouse's alias rule: an alias defined anywhere in a query (select list or WITH) is visible
 * everywhere in it, and wins over a column of the same name, except inside its own definition.
 * Produces expressions without {@link Alias} nodes, so equal expressions print equal text.
 */
final class AliasExpander {
    private final Map<String, Expression> aliases = new LinkedHashMap<>();

    /** Registers the aliases defined inside {@code expression} (nested ones too). */
    void collect(Expression expression) {
        switch (expression) {
            case Alias alias -> {
                aliases.putIfAbsent(alias.name(), alias.expression());
                collect(alias.expression());
            }
            case FunctionCall call -> {
                call.arguments().forEach(this::collect);
                if (call.parameters() != null) {
                    call.parameters().forEach(this::collect);
                }
            }
            case Lambda lambda -> collect(lambda.body());
            default -> {
            }
        }
    }

    void define(String name, Expression expression) {
        aliases.putIfAbsent(name, expression);
    }

    boolean isAlias(String name) {
        return aliases.containsKey(name);
    }

    Expression expand(Expression expression) {
        return expand(expression, new HashSet<>(), Set.of());
    }

    private Expression expand(Expression expression, Set<String> active, Set<String> lambdaParameters) {
        return switch (expression) {
            case Identifier identifier -> {
                String name = identifier.parts().size() == 1 ? identifier.name() : null;
                if (name == null || !aliases.containsKey(name) || active.contains(name) || lambdaParameters.contains(name)) {
                    yield identifier;
                }
                active.add(name);
                Expression expanded = expand(aliases.get(name), active, lambdaParameters);
                active.remove(name);
                yield expanded;
            }
            case Alias alias -> {
                active.add(alias.name());
                Expression expanded = expand(alias.expression(), active, lambdaParameters);
                active.remove(alias.name());
                yield expanded;
            }
            case FunctionCall call -> new FunctionCall(call.name(), expandAll(call.arguments(), active, lambdaParameters),
                    call.parameters() == null ? null : expandAll(call.parameters(), active, lambdaParameters), call.distinct());
            case Lambda lambda -> {
                Set<String> parameters = new HashSet<>(lambdaParameters);
                parameters.addAll(lambda.parameters());
                yield new Lambda(lambda.parameters(), expand(lambda.body(), active, parameters));
            }
            default -> expression;
        };
    }

    private List<Expression> expandAll(List<Expression> expressions, Set<String> active, Set<String> lambdaParameters) {
        List<Expression> expanded = new ArrayList<>(expressions.size());
        for (Expression expression : expressions) {
            expanded.add(expand(expression, active, lambdaParameters));
        }
        return expanded;
    }
}
