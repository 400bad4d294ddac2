package io.starling.storage.engine;

import io.starling.storage.part.DataPart;
import java.util.BitSet;

/**
 * Chooses which granules of a part a scan reads, e.g. from primary-key ranges checked against
 * {@link DataPart#primaryIndex()} or partition pruning on {@link DataPart#partitionMinMax()}. A filter is a
 * hint that may only skip granules that hold no matching rows; it must be thread-safe.
 */
@FunctionalInterface
public interface GranuleFilter {
    /** Reads every granule. */
    GranuleFilter ALL = part -> {
        BitSet all = new BitSet(part.granuleCount());
        all.set(0, part.granuleCount());
        return all;
    };

    /** The granules of {@code part} to read (bit {@code g} set = read granule {@code g}); empty skips the part. */
    BitSet granules(DataPart part);
}
