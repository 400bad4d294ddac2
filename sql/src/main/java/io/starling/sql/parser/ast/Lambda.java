package io.starling.sql.parser.ast;

import java.util.List;

/** {@code x -> body} or {@code (x, y) -> body}, as a higher-order function's argument. */
public record Lambda(List<String> parameters, Expression body) implements Expression {
    public Lambda {
        parameters = List.copyOf(parameters);
    }
}
