package io.starling.sql.function.aggregate;

import io.starling.sql.function.Types;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.TupleType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * sumMap(keys, values), minMap, maxMap: per key of the key arrays, the sum (or min/max) of the matching values;
 * a tuple of the sorted keys and their results. sumMap leaves out keys whose sum is zero, as ClickHouse does.
 */
final class MapAggregate extends ObjectStateAggregate<TreeMap<Object, Object>> {
    /** The fold applied per key. */
    enum Kind { SUM, MIN, MAX }

    private final Kind kind;
    private final DataType valueType;

    private MapAggregate(Kind kind, DataType keyType, DataType valueType) {
        super(new TupleType(List.of(new ArrayType(keyType), new ArrayType(valueType))));
        this.kind = kind;
        this.valueType = valueType;
    }

    static MapAggregate of(String name, Kind kind, List<DataType> arguments) {
        if (arguments.size() != 2 || !(arguments.get(0) instanceof ArrayType keys)
                || !(arguments.get(1) instanceof ArrayType values)) {
            throw new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "Aggregate function [" + name
                    + "] takes two arrays: keys and values, e.g. " + name + "(keys, values)");
        }
        DataType value = Types.base(values.element());
        if (!Types.isNumber(value)) {
            throw new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "The values of [" + name
                    + "] must be numbers, not " + values.element().name());
        }
        DataType result = kind != Kind.SUM ? value
                : Types.isFloat(value) ? Types.FLOAT64 : Types.isSigned(value) ? Types.INT64 : Types.UINT64;
        return new MapAggregate(kind, Types.base(keys.element()), result);
    }

    @Override
    TreeMap<Object, Object> newState() {
        return new TreeMap<>(ObjectOrder::compare);
    }

    @Override
    void update(TreeMap<Object, Object> state, Object[] values) {
        List<?> keys = (List<?>) values[0];
        List<?> numbers = (List<?>) values[1];
        if (keys.size() != numbers.size()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "sumMap/minMap/maxMap: the key and value arrays of a row"
                    + " must have equal sizes, got " + keys.size() + " and " + numbers.size());
        }
        boolean floating = Types.isFloat(valueType);
        for (int i = 0; i < keys.size(); i++) {
            Object key = keys.get(i);
            Object value = numbers.get(i);
            if (value == null) {
                continue;
            }
            Object current = state.get(key);
            Object next;
            if (current == null) {
                next = floating ? (Object) ((Number) value).doubleValue() : (Object) ((Number) value).longValue();
            } else if (kind == Kind.SUM) {
                next = floating ? (Object) (((Number) current).doubleValue() + ((Number) value).doubleValue())
                        : (Object) (((Number) current).longValue() + ((Number) value).longValue());
            } else {
                int compare = ObjectOrder.compare(value, current);
                next = (kind == Kind.MIN ? compare < 0 : compare > 0) ? value : current;
            }
            state.put(key, next);
        }
    }

    @Override
    Object result(TreeMap<Object, Object> state) {
        List<Object> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Map.Entry<Object, Object> entry : state.entrySet()) {
            if (kind == Kind.SUM && ((Number) entry.getValue()).doubleValue() == 0) {
                continue;
            }
            keys.add(entry.getKey());
            values.add(entry.getValue());
        }
        return List.of(keys, values);
    }
}
