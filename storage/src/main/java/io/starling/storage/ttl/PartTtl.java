package io.starling.storage.ttl;

import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.part.DataPart;
import io.starling.storage.part.PartName;
import java.util.ArrayList;
import java.util.List;

/**
 * The earliest and latest row expiry of one part (epoch seconds). Parts are immutable, so this is computed once
 * per part by reading the TTL's columns.
 */
public record PartTtl(PartName name, long bytes, long minExpiry, long maxExpiry) {
    /** Reads {@code evaluator}'s columns of {@code part} (the caller holds a reference) and computes its range. */
    public static PartTtl of(DataPart part, TtlEvaluator evaluator, List<ColumnDefinition> tableColumns) {
        List<ColumnDefinition> wanted = new ArrayList<>();
        for (String name : evaluator.columns()) {
            for (ColumnDefinition column : tableColumns) {
                if (column.name().equals(name)) {
                    wanted.add(column);
                }
            }
        }
        long min = TtlEvaluator.NEVER;
        long max = Long.MIN_VALUE;
        try (BlockStream stream = part.scan(wanted, null, null)) {
            for (Block block = stream.next(); block != null; block = stream.next()) {
                for (long expiry : evaluator.expiresAt(block)) {
                    min = Math.min(min, expiry);
                    max = Math.max(max, expiry);
                }
            }
        }
        return new PartTtl(part.partName(), part.bytesOnDisk(), min, max);
    }

    /** Every row has expired at {@code now}. */
    public boolean fullyExpired(long now) {
        return maxExpiry <= now;
    }

    /** Some row has expired at {@code now}. */
    public boolean partlyExpired(long now) {
        return minExpiry <= now;
    }
}
