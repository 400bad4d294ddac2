package io.starling.sql.bench;

import io.starling.sql.function.Types;
import io.starling.sql.function.aggregate.Accumulator;
import io.starling.sql.function.aggregate.AggregateFunction;
import io.starling.sql.function.aggregate.AggregateFunctions;
import io.starling.sql.exec.aggregate.BytesHashTable;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hot aggregation operators over one 65,536-row block: uniq of String and UInt64 values (no group key, like
 * the benchmark's Q15/Q16) and String group-key lookup (Q11/Q14). Time per block; divide by 65,536 for per row.
 *
 * <pre>
 * JAVA_HOME=$(bin/find-java) ./mvnw -q -B -Dbuild.folder=target-perf -pl sql -am install -DskipTests
 * JAVA_HOME=$(bin/find-java) ./mvnw -q -B -Dbuild.folder=target-perf -pl sql dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=sql/target-perf/cp.txt
 * $(bin/find-java)/bin/java -cp sql/target-perf/test-classes:sql/target-perf/classes:$(cat sql/target-perf/cp.txt) \
 *     org.openjdk.jmh.Main AggregationBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AggregationBenchmark {
    private static final int ROWS = 65_536;

    private StringColumn sessions;
    private LongColumn users;
    private final int[] groups = new int[ROWS];
    private AggregateFunction uniqString;
    private AggregateFunction uniqLong;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        String[] values = new String[ROWS];
        long[] ids = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            values[i] = new java.util.UUID(random.nextLong(), random.nextInt(20_000)).toString();
            ids[i] = random.nextInt(200_000);
        }
        sessions = StringColumn.of(values);
        users = new LongColumn(Types.UINT64, ids);
        uniqString = AggregateFunctions.resolve("uniq", List.of(Types.STRING), List.of(), false);
        uniqLong = AggregateFunctions.resolve("uniq", List.of(Types.UINT64), List.of(), false);
    }

    @Benchmark
    public Column uniqOfStrings() {
        Accumulator accumulator = uniqString.newAccumulator();
        accumulator.add(new Column[] {sessions}, groups, ROWS, 1);
        return accumulator.result(1);
    }

    @Benchmark
    public Column uniqOfUInt64() {
        Accumulator accumulator = uniqLong.newAccumulator();
        accumulator.add(new Column[] {users}, groups, ROWS, 1);
        return accumulator.result(1);
    }

    @Benchmark
    public int stringGroupIds() {
        BytesHashTable table = new BytesHashTable();
        byte[] bytes = sessions.rawBytes();
        int last = 0;
        for (int i = 0; i < ROWS; i++) {
            last = table.idOf(bytes, sessions.valueOffset(i), sessions.valueLength(i));
        }
        return last + table.size();
    }
}
