package io.starling.sql.function;

import io.starling.sql.function.aggregate.AggregateFunctions;
import io.starling.sql.function.array.ArrayFunctions;
import io.starling.sql.function.conditional.ConditionalFunctions;
import io.starling.sql.function.conversion.ConversionFunctions;
import io.starling.sql.function.date.DateFunctions;
import io.starling.sql.function.date.DatePartFunctions;
import io.starling.sql.function.logic.ComparisonFunctions;
import io.starling.sql.function.logic.LogicalFunctions;
import io.starling.sql.function.math.ArithmeticFunctions;
import io.starling.sql.function.math.MathFunctions;
import io.starling.sql.function.string.StringFunctions;
import io.starling.sql.function.string.StringSearchFunctions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every scalar function by name. Names are case-sensitive except where ClickHouse treats them as
 * case-insensitive (SQL-standard names such as {@code lower}, {@code coalesce}, {@code abs}).
 * Immutable after construction; {@link #standard()} is shared by all queries.
 */
public final class FunctionRegistry {
    private static final FunctionRegistry STANDARD = build();

    private final Map<String, ScalarFunction> exact = new HashMap<>();
    private final Map<String, ScalarFunction> insensitive = new HashMap<>();

    private FunctionRegistry() {
    }

    public static FunctionRegistry standard() {
        return STANDARD;
    }

    private static FunctionRegistry build() {
        FunctionRegistry registry = new FunctionRegistry();
        ArithmeticFunctions.register(registry);
        MathFunctions.register(registry);
        ComparisonFunctions.register(registry);
        LogicalFunctions.register(registry);
        ConditionalFunctions.register(registry);
        ConversionFunctions.register(registry);
        StringFunctions.register(registry);
        StringSearchFunctions.register(registry);
        DateFunctions.register(registry);
        DatePartFunctions.register(registry);
        io.starling.sql.function.date.DateFormatFunctions.register(registry);
        ArrayFunctions.register(registry);
        io.starling.sql.function.json.JsonFunctions.register(registry);
        io.starling.sql.function.array.HigherOrderFunctions.register(registry);
        io.starling.sql.function.array.ArrayExtraFunctions.register(registry);
        io.starling.sql.function.aggregate.state.StateScalarFunctions.register(registry);
        io.starling.sql.function.url.UrlFunctions.register(registry);
        io.starling.sql.function.math.RandomFunctions.register(registry);
        io.starling.sql.function.string.RegexFunctions.register(registry);
        io.starling.sql.function.hash.HashFunctions.register(registry);
        io.starling.sql.function.string.HexFunctions.register(registry);
        io.starling.sql.function.string.TokenSearchFunctions.register(registry);
        io.starling.sql.function.conversion.CastAliases.register(registry);
        io.starling.sql.function.tuple.TupleFunctions.register(registry);
        io.starling.sql.function.bit.BitFunctions.register(registry);
        io.starling.sql.function.string.StringExtraFunctions.register(registry);
        io.starling.sql.function.array.ArrayMoreFunctions.register(registry);
        io.starling.sql.function.map.MapFunctions.register(registry);
        io.starling.sql.function.ip.IpFunctions.register(registry);
        io.starling.sql.function.conversion.ConversionExtras.register(registry);
        io.starling.sql.function.math.MathExtras.register(registry);
        io.starling.sql.function.date.DateExtras.register(registry);
        return registry;
    }

    /** Adds a function under its name (case-sensitive). */
    public void add(ScalarFunction function) {
        exact.put(function.name(), function);
    }

    /** Adds a function reachable under its name in any case. */
    public void addCaseInsensitive(ScalarFunction function) {
        exact.put(function.name(), function);
        insensitive.put(function.name().toLowerCase(Locale.ROOT), function);
    }

    /** Adds another name for an existing function. */
    public void alias(String alias, String target, boolean caseInsensitive) {
        ScalarFunction function = exact.get(target);
        exact.put(alias, function);
        if (caseInsensitive) {
            insensitive.put(alias.toLowerCase(Locale.ROOT), function);
        }
    }

    public Optional<ScalarFunction> find(String name) {
        ScalarFunction function = exact.get(name);
        if (function == null) {
            function = insensitive.get(name.toLowerCase(Locale.ROOT));
        }
        return Optional.ofNullable(function);
    }

    /** Known names closest to {@code name}, for "maybe you meant" hints. */
    public List<String> similar(String name) {
        List<String> names = new ArrayList<>(exact.keySet());
        names.addAll(AggregateFunctions.names());
        String lower = name.toLowerCase(Locale.ROOT);
        names.removeIf(candidate -> distance(candidate.toLowerCase(Locale.ROOT), lower) > Math.max(2, lower.length() / 3));
        names.sort((a, b) -> Integer.compare(distance(a.toLowerCase(Locale.ROOT), lower), distance(b.toLowerCase(Locale.ROOT), lower)));
        return names.subList(0, Math.min(3, names.size()));
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
