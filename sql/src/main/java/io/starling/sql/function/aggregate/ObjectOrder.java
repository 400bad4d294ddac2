package io.starling.sql.function.aggregate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Orders constant values (Long, Double, String, List) the way ClickHouse orders column values. */
final class ObjectOrder {
    private ObjectOrder() {
    }

    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof Long left && b instanceof Long right) {
            return Long.compare(left, right);
        }
        if (a instanceof Number left && b instanceof Number right) {
            return Double.compare(left.doubleValue(), right.doubleValue());
        }
        if (a instanceof String left && b instanceof String right) {
            return Arrays.compareUnsigned(left.getBytes(StandardCharsets.UTF_8), right.getBytes(StandardCharsets.UTF_8));
        }
        if (a instanceof List<?> left && b instanceof List<?> right) {
            for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
                int comparison = compare(left.get(i), right.get(i));
                if (comparison != 0) {
                    return comparison;
                }
            }
            return Integer.compare(left.size(), right.size());
        }
        return a.toString().compareTo(b.toString());
    }
}
