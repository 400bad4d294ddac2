package io.starling.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.PipeSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DeploymentPlannerTest {
    private final AtomicInteger ids = new AtomicInteger();
    private final Supplier<String> newId = () -> "t_new" + ids.incrementAndGet();

    private static DataSourceSpec ds(String id, String name, String... columns) {
        DataSourceSpec.Builder spec = DataSourceSpec.newBuilder().setId(id).setName(name).setEngine("MergeTree");
        for (int i = 0; i < columns.length; i += 2) {
            spec.addColumns(ColumnSpec.newBuilder().setName(columns[i]).setType(columns[i + 1]));
        }
        return spec.build();
    }

    private static Map<String, DataSourceSpec> live(DataSourceSpec... specs) {
        Map<String, DataSourceSpec> map = new LinkedHashMap<>();
        for (DataSourceSpec spec : specs) {
            map.put(spec.getName(), spec);
        }
        return map;
    }

    @Test
    void aTypeChangeWithoutForwardQueryIsASchemaMismatchWithASuggestion() {
        DeploymentPlan plan = DeploymentPlanner.plan(live(ds("t_1", "orders", "id", "String", "amount", "String")),
                Map.of(), List.of(new DeploymentPlanner.WantedDataSource(
                        ds("x", "orders", "id", "String", "amount", "Int64"), null)), List.of(), false, newId);
        assertThat(plan.hasErrors()).isTrue();
        assertThat(plan.feedback().getFirst().getMessage()).startsWith("Error on datasource 'orders': schema mismatch: "
                + "column 'amount' changes type from String to Int64").contains("FORWARD_QUERY >",
                "CAST(amount, 'Int64') AS amount");
    }

    @Test
    void aForwardQueryStagesTheChangedDataSourceUnderANewTableIdAndRetiresTheLiveOne() {
        DeploymentPlan plan = DeploymentPlanner.plan(live(ds("t_1", "orders", "id", "String", "amount", "String")),
                Map.of(), List.of(new DeploymentPlanner.WantedDataSource(ds("x", "orders", "id", "String", "amount",
                        "Int64"), "SELECT * EXCEPT 'amount', toInt64(amount) AS amount")), List.of(), false, newId);
        assertThat(plan.hasErrors()).isFalse();
        assertThat(plan.changedDataSources()).containsExactly("orders");
        assertThat(plan.stagedDataSources().getFirst().getId()).isEqualTo("t_new1");
        assertThat(plan.forwardSelects()).containsEntry("orders", "`id`, toInt64(amount) AS amount");
        assertThat(plan.retiredTableIds()).containsExactly("t_1", "t_1_quarantine");
    }

    @Test
    void wideningAndEngineOnlyChangesNeedNoForwardQuery() {
        DataSourceSpec before = ds("t_1", "e", "a", "Int32", "b", "String");
        DataSourceSpec widened = ds("x", "e", "a", "Int64", "b", "Nullable(String)", "c", "UInt8");
        DeploymentPlan plan = DeploymentPlanner.plan(live(before), Map.of(),
                List.of(new DeploymentPlanner.WantedDataSource(widened, null)), List.of(), false, newId);
        assertThat(plan.hasErrors()).isFalse();
        assertThat(plan.forwardSelects().get("e")).isEqualTo("CAST(`a`, 'Int64') AS `a`, "
                + "CAST(`b`, 'Nullable(String)') AS `b`");
        DataSourceSpec resorted = before.toBuilder().setId("y").addSortingKey("a").build();
        DeploymentPlan engineOnly = DeploymentPlanner.plan(live(before), Map.of(),
                List.of(new DeploymentPlanner.WantedDataSource(resorted, null)), List.of(), false, newId);
        assertThat(engineOnly.changedDataSources()).containsExactly("e");
        assertThat(engineOnly.forwardSelects().get("e")).isEqualTo("`a`, `b`");
    }

    @Test
    void removingADataSourceNeedsDestructiveOperationsAndPipesAreDiffedByDatafile() {
        Map<String, DataSourceSpec> live = live(ds("t_1", "keep", "a", "Int32"), ds("t_2", "gone", "a", "Int32"));
        Map<String, PipeSpec> pipes = new LinkedHashMap<>();
        pipes.put("p", PipeSpec.newBuilder().setId("p1").setName("p").setDatafile("old").build());
        pipes.put("q", PipeSpec.newBuilder().setId("q1").setName("q").setDatafile("q").build());
        List<DeploymentPlanner.WantedDataSource> wanted = List.of(
                new DeploymentPlanner.WantedDataSource(ds("x", "keep", "a", "Int32"), null));
        List<PipeSpec> wantedPipes = List.of(PipeSpec.newBuilder().setId("new").setName("p").setDatafile("new").build(),
                PipeSpec.newBuilder().setId("r1").setName("r").setDatafile("r").build());
        DeploymentPlan refused = DeploymentPlanner.plan(live, pipes, wanted, wantedPipes, false, newId);
        assertThat(refused.hasErrors()).isTrue();
        assertThat(refused.feedback().getFirst().getMessage()).contains("--allow-destructive-operations");
        DeploymentPlan allowed = DeploymentPlanner.plan(live, pipes, wanted, wantedPipes, true, newId);
        assertThat(allowed.hasErrors()).isFalse();
        assertThat(allowed.deletedDataSources()).containsExactly("gone");
        assertThat(allowed.changedPipes()).containsExactly("p");
        assertThat(allowed.stagedPipes().getFirst().getId()).isEqualTo("p1");
        assertThat(allowed.newPipes()).containsExactly("r");
        assertThat(allowed.deletedPipes()).containsExactly("q");
        assertThat(allowed.changedDataSources()).isEmpty();
    }
}
