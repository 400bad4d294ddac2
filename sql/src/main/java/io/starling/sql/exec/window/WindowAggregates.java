package io.starling.sql.exec.window;

import io.starling.sql.function.aggregate.Accumulator;
import io.starling.sql.function.aggregate.AggregateFunction;
import io.starling.storage.column.Column;

/**
 * Aggregates over window frames. A frame of the whole partition is aggregated once per partition; other frames
 * feed each row's frame rows to the row's own group, in bounded chunks.
 */
final class WindowAggregates {
    private static final int CHUNK = 65_536;

    private WindowAggregates() {
    }

    static Column compute(AggregateFunction function, Column[] arguments, WindowFrames frames, int[] sorted, int rows) {
        Accumulator accumulator = function.newAccumulator();
        int[] positions = new int[CHUNK];
        int[] groups = new int[CHUNK];
        int count = 0;
        if (frames.wholePartition()) {
            int[] partitionOf = new int[rows];
            int partitions = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (frames.partitionStart(i) == i) {
                    partitions++;
                }
                partitionOf[i] = partitions - 1;
                positions[count] = sorted[i];
                groups[count++] = partitions - 1;
                if (count == CHUNK) {
                    flush(accumulator, arguments, positions, groups, count, partitions);
                    count = 0;
                }
            }
            flush(accumulator, arguments, positions, groups, count, partitions);
            Column perPartition = accumulator.result(partitions);
            int[] pick = new int[rows];
            for (int i = 0; i < sorted.length; i++) {
                pick[sorted[i]] = partitionOf[i];
            }
            return perPartition.select(pick, rows);
        }
        for (int i = 0; i < sorted.length; i++) {
            for (int f = frames.frameStart(i); f < frames.frameEnd(i); f++) {
                positions[count] = sorted[f];
                groups[count++] = sorted[i];
                if (count == CHUNK) {
                    flush(accumulator, arguments, positions, groups, count, rows);
                    count = 0;
                }
            }
        }
        flush(accumulator, arguments, positions, groups, count, rows);
        return accumulator.result(rows);
    }

    private static void flush(Accumulator accumulator, Column[] arguments, int[] positions, int[] groups, int count,
                              int groupCount) {
        Column[] selected = new Column[arguments.length];
        for (int a = 0; a < arguments.length; a++) {
            selected[a] = arguments[a].select(positions, count);
        }
        accumulator.add(selected, groups.clone(), count, groupCount);
    }
}
