package io.starling.sql.parser.ast;

import java.util.List;

/**
 * A function call as written, operators included.
 *
 * @param name       the function name as written
 * @param arguments  the arguments
 * @param parameters the parameters of a parametric aggregate ({@code quantile(0.9)(x)}), or null
 * @param distinct   true for {@code f(DISTINCT x)}
 */
public record FunctionCall(String name, List<Expression> arguments, List<Expression> parameters, boolean distinct)
        implements Expression {

    public FunctionCall {
        arguments = List.copyOf(arguments);
        parameters = parameters == null ? null : List.copyOf(parameters);
    }

    public static FunctionCall of(String name, Expression... arguments) {
        return new FunctionCall(name, List.of(arguments), null, false);
    }
}
