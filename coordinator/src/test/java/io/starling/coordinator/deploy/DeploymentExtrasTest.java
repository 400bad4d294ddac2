package io.starling.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.protocol.catalog.CatalogSnapshot;
import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.DeploymentRecord;
import io.starling.protocol.catalog.PipeSpec;
import io.starling.protocol.catalog.StaticToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Token and connection diffs, the staging view of the catalog, and materialized view recomputation in the plan. */
class DeploymentExtrasTest {
    private final AtomicInteger ids = new AtomicInteger();

    @Test
    void tokenLinesBecomeScopedTokensAndOnlyManagedOnesAreRemoved() {
        List<String> ignored = new ArrayList<>();
        Map<String, Set<String>> wanted = ProjectTokens.wanted(List.of(
                new ProjectTokens.Grant("datasource", "events", "app", "APPEND"),
                new ProjectTokens.Grant("datasource", "events", "app", "CREATE"),
                new ProjectTokens.Grant("pipe", "top", "app", "read"),
                new ProjectTokens.Grant("pipe", "top", "reader", "READ")), ignored::add);
        assertThat(wanted).containsExactly(Map.entry("app", Set.of("DATASOURCES:APPEND:events", "PIPES:READ:top")),
                Map.entry("reader", Set.of("PIPES:READ:top")));
        assertThat(ignored).containsExactly("TOKEN app CREATE in events.datasource is ignored: a .datasource grants "
                + "READ or APPEND");

        StaticToken app = StaticToken.newBuilder().setId("1").setName("app").setToken("secret")
                .addScopes("DATASOURCES:APPEND:events").setDescription(ProjectTokens.MANAGED).build();
        StaticToken old = StaticToken.newBuilder().setId("2").setName("old").setToken("x")
                .addScopes("PIPES:READ:gone").setDescription(ProjectTokens.MANAGED).build();
        StaticToken handMade = StaticToken.newBuilder().setId("3").setName("ci").setToken("y")
                .addScopes("ADMIN").setDescription("for CI").build();
        ProjectTokens.Diff diff = ProjectTokens.diff(List.of(app, old, handMade), wanted, () -> "new-value",
                () -> "new-id", 7);
        assertThat(diff.added()).containsExactly("reader");
        assertThat(diff.changed()).containsExactly("app");
        assertThat(diff.removed()).containsExactly("old");
        assertThat(diff.staged()).extracting(StaticToken::getName, StaticToken::getToken)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("app", "secret"),
                        org.assertj.core.groups.Tuple.tuple("reader", "new-value"));
        assertThat(ProjectTokens.diff(List.of(handMade), Map.of(), () -> "v", () -> "i", 0).isEmpty()).isTrue();
    }

    @Test
    void removingAConnectionIsDestructiveAndImpossibleWhileUsed() {
        Map<String, String> live = Map.of("kafka_a", "TYPE kafka\n", "s3_b", "TYPE s3\n");
        ProjectConnections.Diff refused = ProjectConnections.diff(live, Map.of("kafka_a", "TYPE kafka\nX 1\n",
                "gcs_c", "TYPE gcs\n"), Set.of(), false);
        assertThat(refused.added()).containsExactly("gcs_c");
        assertThat(refused.changed()).containsExactly("kafka_a");
        assertThat(refused.removed()).containsExactly("s3_b");
        assertThat(refused.errors()).singleElement().asString().contains("'s3_b'", "--allow-destructive-operations");

        assertThat(ProjectConnections.diff(live, Map.of("kafka_a", "TYPE kafka\n"), Set.of(), true).errors()).isEmpty();
        assertThat(ProjectConnections.diff(live, Map.of("kafka_a", "TYPE kafka\n"), Set.of("s3_b"), true).errors())
                .singleElement().asString().contains("still uses it");
        assertThat(ProjectConnections.diff(Map.of(), Map.of(), Set.of("missing"), false).errors())
                .singleElement().asString().contains("no missing.connection");
    }

    @Test
    void theStagingViewHasTheStagedResourcesAndIdsResolveToLiveStagingOrMissing() {
        DataSourceSpec liveOrders = ds("t_live", "orders");
        DataSourceSpec staged = ds("t_staged", "orders");
        DataSourceSpec users = ds("t_users", "users");
        CatalogSnapshot snapshot = CatalogSnapshot.newBuilder().setVersion(5)
                .addDataSources(liveOrders).addDataSources(users)
                .addPipes(PipeSpec.newBuilder().setId("p1").setName("top").setDatafile("v1"))
                .addDeployments(DeploymentRecord.newBuilder().setId(1).setStatus(DeploymentStatus.DELETED))
                .addDeployments(DeploymentRecord.newBuilder().setId(2).setStatus(DeploymentStatus.LIVE))
                .addDeployments(DeploymentRecord.newBuilder().setId(3).setStatus(DeploymentStatus.DATA_READY)
                        .addStagedDataSources(staged)
                        .addStagedPipes(PipeSpec.newBuilder().setId("p1").setName("top").setDatafile("v2")))
                .build();

        assertThat(StagingCatalog.resolve(snapshot, 1)).isInstanceOf(StagingCatalog.Target.Live.class);
        assertThat(StagingCatalog.resolve(snapshot, 2)).isInstanceOf(StagingCatalog.Target.Live.class);
        assertThat(StagingCatalog.resolve(snapshot, 9)).isInstanceOf(StagingCatalog.Target.Missing.class);
        StagingCatalog.Target target = StagingCatalog.resolve(snapshot, 3);
        assertThat(target).isInstanceOf(StagingCatalog.Target.Staging.class);

        CatalogSnapshot view = StagingCatalog.view(snapshot, ((StagingCatalog.Target.Staging) target).deployment());
        assertThat(view.getDataSourcesList()).extracting(DataSourceSpec::getId).containsExactly("t_staged", "t_users");
        assertThat(view.getPipes(0).getDatafile()).isEqualTo("v2");
        assertThat(view.getVersion()).isEqualTo(5);

        CatalogSnapshot failed = snapshot.toBuilder().setDeployments(2, snapshot.getDeployments(2).toBuilder()
                .setStatus(DeploymentStatus.FAILED)).build();
        assertThat(StagingCatalog.resolve(failed, 3)).isInstanceOf(StagingCatalog.Target.Missing.class);
    }

    @Test
    void viewTargetsAreRecomputedUnlessAForwardQueryKeepsThemOrTheViewIsAltered() {
        DataSourceSpec events = ds("t_e", "events");
        DataSourceSpec daily = ds("t_d", "daily");
        PipeSpec mv = PipeSpec.newBuilder().setId("p").setName("daily_mv").setDatafile("v1").build();
        Map<String, DataSourceSpec> live = map(events, daily);
        DeploymentPlanner.MaterializedView view = new DeploymentPlanner.MaterializedView("daily_mv", "daily",
                Set.of("events"), false);

        DataSourceSpec dailyV2 = daily.toBuilder().addColumns(ColumnSpec.newBuilder().setName("extra")
                .setType("UInt8")).build();
        DeploymentPlan recompute = DeploymentPlanner.plan(live, Map.of("daily_mv", mv), List.of(
                        new DeploymentPlanner.WantedDataSource(events, null),
                        new DeploymentPlanner.WantedDataSource(dailyV2, null)), List.of(mv), List.of(view), false,
                () -> "t_new" + ids.incrementAndGet());
        assertThat(recompute.recomputedTargets()).containsExactly(Map.entry("daily", "daily_mv"));
        assertThat(recompute.changedDataSources()).containsExactly("daily");
        assertThat(recompute.forwardSelects()).isEmpty();
        assertThat(recompute.retiredTableIds()).contains("t_d");

        DeploymentPlan kept = DeploymentPlanner.plan(live, Map.of("daily_mv", mv), List.of(
                        new DeploymentPlanner.WantedDataSource(events, null),
                        new DeploymentPlanner.WantedDataSource(dailyV2, "SELECT *, 0 AS extra")), List.of(mv),
                List.of(view), false, () -> "t_new" + ids.incrementAndGet());
        assertThat(kept.recomputedTargets()).isEmpty();
        assertThat(kept.forwardSelects()).containsKey("daily");

        PipeSpec mvChanged = mv.toBuilder().setDatafile("v2").build();
        DeploymentPlan queryChanged = DeploymentPlanner.plan(live, Map.of("daily_mv", mv), List.of(
                        new DeploymentPlanner.WantedDataSource(events, null),
                        new DeploymentPlanner.WantedDataSource(daily, null)), List.of(mvChanged), List.of(view), false,
                () -> "t_new" + ids.incrementAndGet());
        assertThat(queryChanged.recomputedTargets()).containsKey("daily");
        DeploymentPlan altered = DeploymentPlanner.plan(live, Map.of("daily_mv", mv), List.of(
                        new DeploymentPlanner.WantedDataSource(events, null),
                        new DeploymentPlanner.WantedDataSource(daily, null)), List.of(mvChanged),
                List.of(new DeploymentPlanner.MaterializedView("daily_mv", "daily", Set.of("events"), true)), false,
                () -> "t_new" + ids.incrementAndGet());
        assertThat(altered.recomputedTargets()).isEmpty();
        assertThat(altered.changedPipes()).containsExactly("daily_mv");

        DataSourceSpec shortLived = events.toBuilder().setEngineTtl("day + toIntervalDay(7)").build();
        DeploymentPlan lossy = DeploymentPlanner.plan(map(shortLived, daily), Map.of("daily_mv", mv), List.of(
                        new DeploymentPlanner.WantedDataSource(shortLived, null),
                        new DeploymentPlanner.WantedDataSource(dailyV2, null)), List.of(mv), List.of(view), false,
                () -> "t_new" + ids.incrementAndGet());
        assertThat(lossy.hasErrors()).isTrue();
        assertThat(lossy.feedback().getFirst().getMessage()).contains("TTL day + toIntervalDay(7)", "no TTL");
    }

    private static DataSourceSpec ds(String id, String name) {
        return DataSourceSpec.newBuilder().setId(id).setName(name).setEngine("MergeTree")
                .addColumns(ColumnSpec.newBuilder().setName("day").setType("Date")).build();
    }

    private static Map<String, DataSourceSpec> map(DataSourceSpec... specs) {
        Map<String, DataSourceSpec> map = new LinkedHashMap<>();
        for (DataSourceSpec spec : specs) {
            map.put(spec.getName(), spec);
        }
        return map;
    }
}
