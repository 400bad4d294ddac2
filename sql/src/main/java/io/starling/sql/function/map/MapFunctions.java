package io.starling.sql.function.map;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.RowKernel;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.MapType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * map(k1, v1, ...), mapKeys, mapValues, mapContains, mapFromArrays, mapContainsKeyLike, and element access
 * {@code m[key]} ({@link #element}, reached through arrayElement): the value of the first entry with that key,
 * or the value type's default when there is none.
 */
public final class MapFunctions {
    private MapFunctions() {
    }

    public static void register(FunctionRegistry registry) {
        // NULL is a value of the map, not a reason to make the whole map NULL.
        registry.add(ScalarFunction.ofNullAware("map", MapFunctions::map));
        registry.add(ScalarFunction.of("mapKeys", arguments -> {
            MapType type = requireMap("mapKeys", arguments);
            return RowKernel.of(new ArrayType(type.key()), values -> new ArrayList<>(((Map<?, ?>) values[0]).keySet()));
        }));
        registry.add(ScalarFunction.of("mapValues", arguments -> {
            MapType type = requireMap("mapValues", arguments);
            return RowKernel.of(new ArrayType(type.value()), values -> new ArrayList<>(((Map<?, ?>) values[0]).values()));
        }));
        registry.add(ScalarFunction.of("mapContains", arguments -> {
            Errors.checkCount("mapContains", arguments, 2, 2);
            requireMap("mapContains", arguments.subList(0, 1));
            return RowKernel.of(Types.UINT8, values -> find((Map<?, ?>) values[0], values[1]) != null ? 1L : 0L);
        }));
        registry.alias("mapContainsKey", "mapContains", false);
        registry.add(ScalarFunction.of("mapContainsKeyLike", arguments -> {
            Errors.checkCount("mapContainsKeyLike", arguments, 2, 2);
            requireMap("mapContainsKeyLike", arguments.subList(0, 1));
            String pattern = arguments.get(1).constantString("mapContainsKeyLike", 1);
            java.util.regex.Pattern regex = likeRegex(pattern);
            return RowKernel.of(Types.UINT8, values -> ((Map<?, ?>) values[0]).keySet().stream()
                    .anyMatch(key -> regex.matcher(RowKernel.text(key)).matches()) ? 1L : 0L);
        }));
        registry.add(ScalarFunction.of("mapFromArrays", arguments -> {
            Errors.checkCount("mapFromArrays", arguments, 2, 2);
            if (!(arguments.get(0).type() instanceof ArrayType keys) || !(arguments.get(1).type() instanceof ArrayType values)) {
                throw Errors.illegalType("mapFromArrays", arguments);
            }
            return RowKernel.of(new MapType(keys.element(), values.element()), row -> {
                List<?> k = (List<?>) row[0];
                List<?> v = (List<?>) row[1];
                if (k.size() != v.size()) {
                    throw new StarlingException(ErrorCode.SIZES_OF_ARRAYS_DONT_MATCH, "Function [mapFromArrays] needs arrays "
                            + "of equal size, got " + k.size() + " and " + v.size());
                }
                Map<Object, Object> out = new LinkedHashMap<>();
                for (int i = 0; i < k.size(); i++) {
                    out.put(k.get(i), v.get(i));
                }
                return out;
            });
        }));
    }

    private static MapType requireMap(String name, List<Argument> arguments) {
        Errors.checkCount(name, arguments, 1, arguments.size());
        if (!(Types.stripLowCardinality(arguments.get(0).type()) instanceof MapType type)) {
            throw Errors.illegalArgument(name, 0, "a Map, not " + arguments.get(0).type().name());
        }
        return type;
    }

    private static ScalarKernel map(List<Argument> arguments) {
        if (arguments.size() % 2 != 0) {
            throw new StarlingException(ErrorCode.NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                    "Function [map] takes key, value pairs: an even number of arguments, " + arguments.size() + " given");
        }
        DataType key = io.starling.storage.type.NothingType.NOTHING;
        DataType value = io.starling.storage.type.NothingType.NOTHING;
        for (int i = 0; i < arguments.size(); i += 2) {
            key = i == 0 ? arguments.get(i).type() : Types.superType(key, arguments.get(i).type());
            value = i == 0 ? arguments.get(i + 1).type() : Types.superType(value, arguments.get(i + 1).type());
        }
        MapType type = new MapType(Types.stripLowCardinality(key), Types.stripLowCardinality(value));
        return RowKernel.of(type, values -> {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i += 2) {
                out.put(values[i], values[i + 1]);
            }
            return out;
        });
    }

    /** The kernel of {@code m[key]}. */
    public static ScalarKernel element(List<Argument> arguments) {
        MapType type = (MapType) Types.stripLowCardinality(arguments.get(0).type());
        DataType value = type.value();
        Object fallback = defaultOf(value);
        return RowKernel.of(value, values -> {
            Object[] entry = find((Map<?, ?>) values[0], values[1]);
            return entry == null ? fallback : entry[1];
        });
    }

    private static Object defaultOf(DataType type) {
        if (type.isNullable() || Types.isNothing(type)) {
            return null;
        }
        io.starling.storage.column.ColumnBuilder builder = io.starling.storage.column.ColumnBuilder.forType(type, 1);
        builder.appendDefault();
        return io.starling.sql.function.Values.get(builder.build(), 0);
    }

    /** [key, value] of the first entry whose key equals {@code key} (numbers by value), or null. */
    private static Object[] find(Map<?, ?> map, Object key) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (same(entry.getKey(), key)) {
                return new Object[] {entry.getKey(), entry.getValue()};
            }
        }
        return null;
    }

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x instanceof Long && y instanceof Long ? x.longValue() == y.longValue() : x.doubleValue() == y.doubleValue();
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return java.util.Arrays.equals(x, y);
        }
        return a.equals(b);
    }

    private static java.util.regex.Pattern likeRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        return java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.DOTALL);
    }
}
