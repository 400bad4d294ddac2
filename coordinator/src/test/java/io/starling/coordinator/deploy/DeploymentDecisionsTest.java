package io.starling.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.coordinator.catalog.CatalogDecision;
import io.starling.coordinator.catalog.CatalogState;
import io.starling.protocol.catalog.CatalogEvent;
import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceCreated;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.DeploymentRecord;
import org.junit.jupiter.api.Test;

class DeploymentDecisionsTest {
    private static DataSourceSpec orders(String id, String type) {
        return DataSourceSpec.newBuilder().setId(id).setName("orders").setEngine("MergeTree")
                .addColumns(ColumnSpec.newBuilder().setName("amount").setType(type)).build();
    }

    private static CatalogState apply(CatalogState state, CatalogDecision decision) {
        assertThat(decision).isInstanceOf(CatalogDecision.Accept.class);
        return state.apply(((CatalogDecision.Accept) decision).event());
    }

    @Test
    void onlyOneStagingDeploymentAtATimeAndPromotionSwitchesTablesAtOnce() {
        CatalogState state = CatalogState.EMPTY.apply(CatalogEvent.newBuilder().setDataSourceCreated(
                DataSourceCreated.newBuilder().setDataSource(orders("t_old", "String"))).build());
        DeploymentRecord first = DeploymentRecord.newBuilder().setId(1).setStatus(DeploymentStatus.POPULATING)
                .addChangedDatasourceNames("orders").addStagedDataSources(orders("t_new", "Int64")).build();
        state = apply(state, DeploymentDecisions.put(state, first));
        CatalogDecision second = DeploymentDecisions.put(state, DeploymentRecord.newBuilder().setId(2)
                .setStatus(DeploymentStatus.CALCULATING).build());
        assertThat(second).isInstanceOf(CatalogDecision.Reject.class);
        assertThat(((CatalogDecision.Reject) second).message()).contains("at most one staging deployment");

        assertThat(DeploymentDecisions.promote(state, 1, 5)).isInstanceOf(CatalogDecision.Reject.class);
        state = apply(state, DeploymentDecisions.put(state, first.toBuilder().setStatus(DeploymentStatus.DATA_READY)
                .build()));
        assertThat(state.dataSource("orders").orElseThrow().getId()).isEqualTo("t_old");
        state = apply(state, DeploymentDecisions.promote(state, 1, 5));
        assertThat(state.dataSource("orders").orElseThrow().getId()).isEqualTo("t_new");
        assertThat(state.deployments().get(1L).getStatus()).isEqualTo(DeploymentStatus.LIVE);

        DeploymentRecord next = DeploymentRecord.newBuilder().setId(2).setStatus(DeploymentStatus.DATA_READY).build();
        state = apply(state, DeploymentDecisions.put(state, next));
        state = apply(state, DeploymentDecisions.promote(state, 2, 6));
        assertThat(state.deployments().get(1L).getStatus()).isEqualTo(DeploymentStatus.DELETED);
        assertThat(state.deployments().get(2L).getStatus()).isEqualTo(DeploymentStatus.LIVE);
        assertThat(DeploymentDecisions.put(state, state.deployments().get(1L).toBuilder()
                .setStatus(DeploymentStatus.DATA_READY).build())).isInstanceOf(CatalogDecision.Reject.class);
        assertThat(state.toSnapshot().getDeploymentsCount()).isEqualTo(2);
    }
}
