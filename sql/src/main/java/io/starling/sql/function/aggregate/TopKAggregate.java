package io.starling.sql.function.aggregate;

import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * topK(N)(x) and topKWeighted(N)(x, w): the N most frequent values, most frequent first, ties in order of first
 * appearance. ClickHouse's Space-Saving sketch is exact while the number of distinct values stays within its
 * capacity, which is what this exact count gives.
 */
final class TopKAggregate extends ObjectStateAggregate<Map<Object, long[]>> {
    private final int limit;
    private final boolean weighted;

    TopKAggregate(DataType input, int limit, boolean weighted) {
        super(new ArrayType(input));
        this.limit = limit;
        this.weighted = weighted;
    }

    @Override
    Map<Object, long[]> newState() {
        return new LinkedHashMap<>();
    }

    @Override
    void update(Map<Object, long[]> state, Object[] values) {
        Object value = values[0];
        Object key = value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
        long weight = weighted ? ((Number) values[1]).longValue() : 1;
        state.computeIfAbsent(key, k -> new long[] {0, state.size()})[0] += weight;
    }

    @Override
    Object result(Map<Object, long[]> state) {
        List<Map.Entry<Object, long[]>> entries = new ArrayList<>(state.entrySet());
        entries.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0])
                : Long.compare(a.getValue()[1], b.getValue()[1]));
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, entries.size()); i++) {
            Object key = entries.get(i).getKey();
            out.add(key instanceof ByteBuffer buffer ? buffer.array() : key);
        }
        return out;
    }
}
