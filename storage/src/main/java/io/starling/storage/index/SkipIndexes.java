package io.starling.storage.index;

import io.starling.storage.engine.GranuleFilter;
import io.starling.storage.part.DataPart;
import java.util.BitSet;
import java.util.List;

/**
 * The query-side API of skip indexes: which granules of a part may hold rows matching simple predicates. Parts
 * without an index on a predicate's expression keep every granule. Thread-safe.
 */
public final class SkipIndexes {
    private SkipIndexes() {
    }

    /** Granules of {@code part} that may match {@code predicate} (by every index of the part on its expression). */
    public static BitSet granules(DataPart part, IndexPredicate predicate) {
        BitSet result = new BitSet(part.granuleCount());
        result.set(0, part.granuleCount());
        String wanted = normalise(predicate.expression());
        for (SkipIndex index : part.skipIndexes()) {
            if (normalise(index.definition().expression()).equals(wanted)) {
                result.and(index.granules(predicate, part.granuleCount()));
            }
        }
        return result;
    }

    /** Granules that may match every predicate of {@code conjunction} (an AND). */
    public static BitSet granules(DataPart part, List<IndexPredicate> conjunction) {
        BitSet result = new BitSet(part.granuleCount());
        result.set(0, part.granuleCount());
        for (IndexPredicate predicate : conjunction) {
            result.and(granules(part, predicate));
            if (result.isEmpty()) {
                break;
            }
        }
        return result;
    }

    /** Granules that may match at least one predicate of {@code disjunction} (an OR). */
    public static BitSet anyOf(DataPart part, List<IndexPredicate> disjunction) {
        BitSet result = new BitSet(part.granuleCount());
        for (IndexPredicate predicate : disjunction) {
            result.or(granules(part, predicate));
        }
        return result;
    }

    /** A scan filter for an AND of predicates; combine with primary-key ranges by {@link #and}. */
    public static GranuleFilter filter(List<IndexPredicate> conjunction) {
        List<IndexPredicate> copy = List.copyOf(conjunction);
        return part -> granules(part, copy);
    }

    /** A filter reading the granules both filters select. */
    public static GranuleFilter and(GranuleFilter left, GranuleFilter right) {
        return part -> {
            BitSet result = left.granules(part);
            if (!result.isEmpty()) {
                result.and(right.granules(part));
            }
            return result;
        };
    }

    /** Expression text compared without spaces and backquotes around plain names. */
    static String normalise(String expression) {
        String text = expression.trim();
        if (text.length() > 1 && text.startsWith("`") && text.endsWith("`") && text.indexOf('`', 1) == text.length() - 1) {
            return text.substring(1, text.length() - 1);
        }
        return text.replace(" ", "");
    }
}
