package io.starling.sql.function;

import java.util.List;

/**
 * A scalar function by name: checks argument types and resolves a {@link ScalarKernel}.
 *
 * <p>Default handling (when {@link #defaultNulls()} is true, as for most functions): the analyzer resolves the
 * function for the argument types without Nullable and LowCardinality; a NULL argument makes the result NULL
 * and the result type is wrapped in Nullable when any argument is Nullable. Functions that look at NULLs
 * themselves (isNull, coalesce, if, and, or...) answer false and receive the argument types as they are.
 */
public interface ScalarFunction {
    /** The canonical name, e.g. {@code toStartOfDay}. */
    String name();

    ScalarKernel resolve(List<Argument> arguments);

    default boolean defaultNulls() {
        return true;
    }

    /** False for functions such as now() and rand() that must not be folded into constants. */
    default boolean deterministic() {
        return true;
    }

    static ScalarFunction of(String name, Resolver resolver) {
        return new Simple(name, resolver, true);
    }

    static ScalarFunction ofNullAware(String name, Resolver resolver) {
        return new Simple(name, resolver, false);
    }

    /** Resolves a kernel for argument types. */
    @FunctionalInterface
    interface Resolver {
        ScalarKernel resolve(List<Argument> arguments);
    }

    /** A function defined by a name and a resolver. */
    record Simple(String name, Resolver resolver, boolean defaultNulls) implements ScalarFunction {
        @Override
        public ScalarKernel resolve(List<Argument> arguments) {
            return resolver.resolve(arguments);
        }
    }
}
