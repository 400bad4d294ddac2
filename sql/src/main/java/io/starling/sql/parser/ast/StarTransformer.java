package io.starling.sql.parser.ast;

import java.util.List;

/** A transformer of the columns a {@link Asterisk} matched, as ClickHouse spells them after {@code *}. */
public sealed interface StarTransformer {

    /**
     * {@code EXCEPT [STRICT] (a, b)} or {@code EXCEPT('regex')}: drops the named (or matching) columns.
     * With {@code strict} every named column must exist.
     */
    record Except(List<String> names, String regex, boolean strict) implements StarTransformer {
        public Except {
            names = List.copyOf(names);
        }
    }

    /**
     * {@code REPLACE [STRICT] (expression AS column, ...)}: the column keeps its place and name but takes the
     * expression's value. With {@code strict} every replaced column must exist.
     */
    record Replace(List<Alias> replacements, boolean strict) implements StarTransformer {
        public Replace {
            replacements = List.copyOf(replacements);
        }
    }

    /**
     * {@code APPLY(f)}, {@code APPLY(quantile(0.9))} or {@code APPLY(x -> expression)}: each column becomes the
     * function applied to it. {@code function} is an {@link Identifier}, a parametric {@link FunctionCall}
     * without arguments, or a {@link Lambda} of one parameter.
     */
    record Apply(Expression function) implements StarTransformer {
    }
}
