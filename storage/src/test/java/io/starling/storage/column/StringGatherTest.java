package io.starling.storage.column;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.storage.type.DataTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class StringGatherTest {
    /** Row ranges copied in any order, on several threads, give exactly what one select gives. */
    @Test
    void rangesCopiedInAnyOrderOnSeveralThreadsEqualOneSelect() throws Exception {
        Random random = new Random(3);
        StringColumnBuilder builder = new StringColumnBuilder(DataTypes.parse("String"), 16);
        int rows = 5_000;
        for (int row = 0; row < rows; row++) {
            String value = row % 13 == 0 ? "" : "v" + row + "é".repeat(random.nextInt(40));
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            builder.appendBytes(bytes, 0, bytes.length);
        }
        // a region of a bigger column, selected with repeats, in random order
        StringColumn column = builder.build().region(100, rows - 200);
        int count = 7_000;
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = random.nextInt(column.size());
        }
        StringColumn expected = column.select(positions, count);
        StringColumn.Gather gather = column.gather(positions, count);
        List<int[]> ranges = new ArrayList<>();
        for (int from = 0; from < count; from += 333) {
            ranges.add(new int[] {from, Math.min(count, from + 333)});
        }
        Collections.shuffle(ranges, random);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> copies = new ArrayList<>();
            for (int[] range : ranges) {
                copies.add(threads.submit(() -> gather.copy(range[0], range[1])));
            }
            for (Future<?> copy : copies) {
                copy.get();
            }
        } finally {
            threads.shutdown();
        }
        StringColumn gathered = gather.result();
        assertThat(gathered.size()).isEqualTo(count);
        for (int i = 0; i < count; i++) {
            assertThat(gathered.getString(i)).as("row %d", i).isEqualTo(expected.getString(i));
        }
    }

    @Test
    void fixedWidthStringsAreNotGathered() {
        StringColumnBuilder builder = new StringColumnBuilder(DataTypes.parse("FixedString(3)"), 2);
        builder.appendBytes("abc".getBytes(StandardCharsets.UTF_8), 0, 3);
        StringColumn column = builder.build();
        assertThat(column.gatherable()).isFalse();
        assertThatThrownBy(() -> column.gather(new int[] {0}, 1)).isInstanceOf(IllegalStateException.class);
    }
}
