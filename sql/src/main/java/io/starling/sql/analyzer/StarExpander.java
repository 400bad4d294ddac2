package io.starling.sql.analyzer;

import io.starling.sql.parser.ast.Alias;
import io.starling.sql.parser.ast.Asterisk;
import io.starling.sql.parser.ast.Expression;
import io.starling.sql.parser.ast.FunctionCall;
import io.starling.sql.parser.ast.Identifier;
import io.starling.sql.parser.ast.Lambda;
import io.starling.sql.parser.ast.StarTransformer;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Expands {@code *}, {@code t.*}, {@code COLUMNS('regex')} and {@code COLUMNS(a, b)} in a select list into one
 * item per matched column, then applies their transformers in order: {@code EXCEPT} drops columns,
 * {@code REPLACE} swaps a column's value for an expression under the same name, {@code APPLY} wraps each column
 * in a function (named after the call, e.g. {@code toString(a)}).
 */
final class StarExpander {
    private StarExpander() {
    }

    /** One select item after expansion: the expression and the result column's name. */
    record Item(Expression expression, String name) {
    }

    static List<Item> expand(Asterisk star, Scope scope) {
        List<Item> items = new ArrayList<>();
        if (star.names() != null) {
            for (String name : star.names()) {
                scope.resolve(Identifier.of(name));
                items.add(new Item(Identifier.of(name), name));
            }
        } else {
            Pattern pattern = star.regex() == null ? null : pattern(star.regex());
            for (int index = 0; index < scope.columns().size(); index++) {
                ColumnDefinition column = scope.columns().get(index);
                if (column.name().startsWith("__join_hidden.") || scope.hidden().contains(column.name())) {
                    continue;
                }
                if (star.qualifier() != null && !scope.belongsTo(index, star.qualifier())) {
                    continue;
                }
                if (pattern != null && !pattern.matcher(column.name()).find()) {
                    continue;
                }
                items.add(new Item(new Identifier(List.of(column.name())), column.name()));
            }
            if (star.qualifier() != null && !scope.qualifiers().contains(star.qualifier())) {
                throw new StarlingException(ErrorCode.UNKNOWN_IDENTIFIER, "Unknown table [" + star.qualifier()
                        + "] in " + star.qualifier() + ".*; the query reads " + scope.qualifiers());
            }
        }
        for (StarTransformer transformer : star.transformers()) {
            items = switch (transformer) {
                case StarTransformer.Except except -> except(items, except);
                case StarTransformer.Replace replace -> replace(items, replace);
                case StarTransformer.Apply apply -> apply(items, apply);
            };
        }
        return items;
    }

    private static Pattern pattern(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Invalid regular expression [" + regex
                    + "] in COLUMNS or EXCEPT: " + e.getDescription());
        }
    }

    private static List<Item> except(List<Item> items, StarTransformer.Except except) {
        List<Item> kept = new ArrayList<>();
        if (except.regex() != null) {
            Pattern pattern = pattern(except.regex());
            for (Item item : items) {
                if (!pattern.matcher(item.name()).find()) {
                    kept.add(item);
                }
            }
            return kept;
        }
        if (except.strict()) {
            for (String name : except.names()) {
                if (items.stream().noneMatch(item -> item.name().equals(name))) {
                    throw new StarlingException(ErrorCode.NO_SUCH_COLUMN_IN_TABLE, "Columns transformer EXCEPT expects "
                            + "column [" + name + "], which is not among the matched columns; drop STRICT or fix the name");
                }
            }
        }
        for (Item item : items) {
            if (!except.names().contains(item.name())) {
                kept.add(item);
            }
        }
        return kept;
    }

    private static List<Item> replace(List<Item> items, StarTransformer.Replace replace) {
        List<Item> replaced = new ArrayList<>(items);
        for (Alias replacement : replace.replacements()) {
            boolean found = false;
            for (int i = 0; i < replaced.size(); i++) {
                if (replaced.get(i).name().equals(replacement.name())) {
                    replaced.set(i, new Item(replacement.expression(), replacement.name()));
                    found = true;
                }
            }
            if (!found && replace.strict()) {
                throw new StarlingException(ErrorCode.NO_SUCH_COLUMN_IN_TABLE, "Columns transformer REPLACE expects "
                        + "column [" + replacement.name() + "], which is not among the matched columns; drop STRICT or fix the name");
            }
        }
        return replaced;
    }

    private static List<Item> apply(List<Item> items, StarTransformer.Apply apply) {
        List<Item> applied = new ArrayList<>(items.size());
        for (Item item : items) {
            Expression expression = switch (apply.function()) {
                case Identifier function -> FunctionCall.of(function.name(), item.expression());
                case FunctionCall parametric -> new FunctionCall(parametric.name(), List.of(item.expression()),
                        parametric.arguments(), parametric.distinct());
                case Lambda lambda -> substitute(lambda.body(), lambda.parameters().get(0), item.expression());
                default -> throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "APPLY takes a function");
            };
            applied.add(new Item(expression, expression.columnName()));
        }
        return applied;
    }

    private static Expression substitute(Expression body, String parameter, Expression value) {
        return switch (body) {
            case Identifier identifier when identifier.parts().size() == 1 && identifier.name().equals(parameter) -> value;
            case FunctionCall call -> new FunctionCall(call.name(),
                    call.arguments().stream().map(argument -> substitute(argument, parameter, value)).toList(),
                    call.parameters(), call.distinct());
            case Alias alias -> new Alias(substitute(alias.expression(), parameter, value), alias.name());
            default -> body;
        };
    }
}
