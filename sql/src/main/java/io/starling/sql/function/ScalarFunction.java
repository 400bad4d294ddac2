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

    /**
     * True for functions that take LowCardinality arguments as they are: the analyzer describes the arguments
     * with their LowCardinality types and the evaluator hands over their columns undecoded (toNullable keeps the
     * dictionary and answers LowCardinality(Nullable(T))). Such functions look at NULLs themselves too.
     */
    default boolean takesLowCardinality() {
        return false;
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

    /** A function that sees NULLs and LowCardinality itself (see {@link #takesLowCardinality()}). */
    static ScalarFunction ofLowCardinalityAware(String name, Resolver resolver) {
        return new LowCardinalityAware(name, resolver);
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

    /** A function that takes Nullable and LowCardinality arguments (types and columns) as they are. */
    record LowCardinalityAware(String name, Resolver resolver) implements ScalarFunction {
        @Override
        public ScalarKernel resolve(List<Argument> arguments) {
            return resolver.resolve(arguments);
        }

        @Override
        public boolean defaultNulls() {
            return false;
        }

        @Override
        public boolean takesLowCardinality() {
            return true;
        }
    }
}
