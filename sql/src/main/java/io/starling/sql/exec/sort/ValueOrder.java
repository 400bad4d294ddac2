package io.starling.sql.exec.sort;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Orders boxed values (used only for arrays and other composite keys). */
final class ValueOrder {
    private ValueOrder() {
    }

    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof Number left && b instanceof Number right) {
            return left instanceof Long x && right instanceof Long y ? Long.compare(x, y)
                    : Double.compare(left.doubleValue(), right.doubleValue());
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
        return Arrays.compareUnsigned(a.toString().getBytes(StandardCharsets.UTF_8), b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
