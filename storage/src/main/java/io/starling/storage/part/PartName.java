package io.starling.storage.part;

import java.util.Optional;

/**
 * The name of a part directory, {@code {partitionId}_{minBlock}_{maxBlock}_{level}}: the partition, the range of
 * insert block numbers whose rows it holds, and how many merges produced it (0 for an insert).
 * The partition id may itself contain underscores; the name is parsed from the right.
 */
public record PartName(String partitionId, long minBlock, long maxBlock, int level) implements Comparable<PartName> {
    /** Directories of a table that are not parts (yet, or any more) start with this. */
    public static final String TEMPORARY_PREFIX = "tmp_";

    public PartName {
        if (partitionId == null || partitionId.isEmpty()) {
            throw new IllegalArgumentException("Partition id of a part must not be empty");
        }
        if (minBlock < 0 || maxBlock < minBlock || level < 0) {
            throw new IllegalArgumentException("Part block range [" + minBlock + ", " + maxBlock + "] at level "
                    + level + " is invalid");
        }
    }

    /** The part a directory name names; empty for anything else, {@code tmp_*} directories included. */
    public static Optional<PartName> tryParse(String text) {
        if (text.startsWith(TEMPORARY_PREFIX)) {
            // writes in flight and retired parts waiting for deletion (tmp_delete_<part name>...) are not parts
            return Optional.empty();
        }
        int third = text.lastIndexOf('_');
        int second = third <= 0 ? -1 : text.lastIndexOf('_', third - 1);
        int first = second <= 0 ? -1 : text.lastIndexOf('_', second - 1);
        if (first <= 0) {
            return Optional.empty();
        }
        try {
            long minBlock = Long.parseLong(text.substring(first + 1, second));
            long maxBlock = Long.parseLong(text.substring(second + 1, third));
            int level = Integer.parseInt(text.substring(third + 1));
            if (minBlock < 0 || maxBlock < minBlock || level < 0) {
                return Optional.empty();
            }
            return Optional.of(new PartName(text.substring(0, first), minBlock, maxBlock, level));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True when this part holds every block of {@code other} (same partition) and is not the same part. */
    public boolean covers(PartName other) {
        return partitionId.equals(other.partitionId) && minBlock <= other.minBlock && maxBlock >= other.maxBlock
                && !equals(other) && (level > other.level || minBlock != other.minBlock || maxBlock != other.maxBlock);
    }

    /** Partition first, then block range: the order parts are scanned in. */
    @Override
    public int compareTo(PartName other) {
        int result = partitionId.compareTo(other.partitionId);
        if (result != 0) {
            return result;
        }
        result = Long.compare(minBlock, other.minBlock);
        if (result != 0) {
            return result;
        }
        result = Long.compare(maxBlock, other.maxBlock);
        return result != 0 ? result : Integer.compare(level, other.level);
    }

    @Override
    public String toString() {
        return partitionId + "_" + minBlock + "_" + maxBlock + "_" + level;
    }
}
