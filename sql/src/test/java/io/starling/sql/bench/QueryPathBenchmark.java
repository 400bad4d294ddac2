package io.starling.sql.bench;

import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.sql.exec.sort.SortOperator;
import io.starling.sql.function.Types;
import io.starling.sql.function.aggregate.Accumulator;
import io.starling.sql.function.aggregate.AggregateFunction;
import io.starling.sql.function.aggregate.AggregateFunctions;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import java.time.Instant;
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
 * The algorithms behind the benchmark's slow queries: quantile() past its reservoir (Q12, 1M rows into one
 * group) and ORDER BY ... LIMIT 10 over 1M aggregated rows (Q18) as a top-N heap versus a full sort.
 *
 * <pre>
 * JAVA_HOME=$(bin/find-java) ./mvnw -q -B -Dbuild.folder=target-perf -pl sql -am install -DskipTests
 * JAVA_HOME=$(bin/find-java) ./mvnw -q -B -Dbuild.folder=target-perf -pl sql dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=sql/target-perf/cp.txt
 * $(bin/find-java)/bin/java -cp sql/target-perf/test-classes:sql/target-perf/classes:$(cat sql/target-perf/cp.txt) \
 *     org.openjdk.jmh.Main QueryPathBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueryPathBenchmark {
    private static final int ROWS = 1 << 20;
    private static final int BLOCK = 65_536;

    private LongColumn[] blocks;
    private final int[] groups = new int[BLOCK];
    private AggregateFunction quantile;

    @Setup
    public void setUp() {
        Random random = new Random(5);
        blocks = new LongColumn[ROWS / BLOCK];
        for (int b = 0; b < blocks.length; b++) {
            long[] values = new long[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                values[i] = random.nextInt(60_000);
            }
            blocks[b] = new LongColumn(Types.UINT64, values);
        }
        quantile = AggregateFunctions.resolve("quantile", List.of(Types.UINT64), List.of(0.9), false);
    }

    @Benchmark
    public Column quantileOneMillionRows() {
        Accumulator accumulator = quantile.newAccumulator();
        for (LongColumn block : blocks) {
            accumulator.add(new Column[] {block}, groups, BLOCK, 1);
        }
        return accumulator.result(1);
    }

    @Benchmark
    public int topTenOfOneMillion() {
        return drain(sort(10));
    }

    @Benchmark
    public int fullSortOfOneMillion() {
        return drain(sort(-1));
    }

    private Operator sort(int topN) {
        ExecutionContext context = new ExecutionContext(Instant.now().plusSeconds(60));
        Operator source = new Operator(context) {
            private int next;

            @Override
            protected Block produce() {
                return next < blocks.length ? new Block(List.of(blocks[next++]), BLOCK) : null;
            }
        };
        return new SortOperator(context, source, List.of(new PlanNode.SortKey(0, true, false)), List.of(Types.UINT64), topN);
    }

    private static int drain(Operator operator) {
        int rows = 0;
        Block block;
        while ((block = operator.next()) != null) {
            rows += block.rowCount();
        }
        return rows;
    }
}
