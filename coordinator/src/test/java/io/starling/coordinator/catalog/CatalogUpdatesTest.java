package io.starling.coordinator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.JobRecord;
import io.starling.protocol.catalog.StaticToken;
import io.starling.storage.error.ErrorCode;
import org.junit.jupiter.api.Test;

class CatalogUpdatesTest {

    private static CatalogState apply(CatalogState state, CatalogDecision decision) {
        assertThat(decision).isInstanceOf(CatalogDecision.Accept.class);
        return state.apply(((CatalogDecision.Accept) decision).event());
    }

    private static CatalogState withEvents() {
        CatalogState state = CatalogState.EMPTY;
        state = apply(state, CatalogDecisions.create(state, CatalogDecisionsTest.dataSource("events", "t_1")));
        return apply(state, CatalogDecisions.create(state, CatalogDecisionsTest.dataSource("other", "t_2")));
    }

    @Test
    void renameKeepsIdAndOrderAndRefusesTakenNames() {
        CatalogState state = withEvents();
        DataSourceSpec renamed = state.dataSource("events").orElseThrow().toBuilder().setName("clicks").build();
        CatalogState next = apply(state, CatalogDecisions.updateDataSource(state, "events", renamed));
        assertThat(next.dataSources().keySet()).containsExactly("clicks", "other");
        assertThat(next.dataSource("clicks").orElseThrow().getId()).isEqualTo("t_1");

        DataSourceSpec clash = state.dataSource("events").orElseThrow().toBuilder().setName("other").build();
        assertThat(CatalogDecisions.updateDataSource(state, "events", clash))
                .isEqualTo(new CatalogDecision.Reject(ErrorCode.TABLE_ALREADY_EXISTS,
                        "Data source [other] already exists; choose another name"));
        assertThat(CatalogDecisions.updateDataSource(state, "missing", renamed))
                .isInstanceOf(CatalogDecision.Reject.class);
    }

    @Test
    void alterOnlyAddsColumnsAtTheEnd() {
        CatalogState state = withEvents();
        DataSourceSpec events = state.dataSource("events").orElseThrow();
        DataSourceSpec added = events.toBuilder()
                .addColumns(ColumnSpec.newBuilder().setName("extra").setType("String")).build();
        CatalogState next = apply(state, CatalogDecisions.updateDataSource(state, "events", added));
        assertThat(next.dataSource("events").orElseThrow().getColumnsCount()).isEqualTo(events.getColumnsCount() + 1);

        DataSourceSpec removed = events.toBuilder().clearColumns().addColumns(events.getColumns(0)).build();
        assertThat(CatalogDecisions.updateDataSource(state, "events", removed)).isInstanceOf(CatalogDecision.Reject.class);
        DataSourceSpec retyped = events.toBuilder()
                .setColumns(0, events.getColumns(0).toBuilder().setType("Float64")).build();
        assertThat(CatalogDecisions.updateDataSource(state, "events", retyped)).isInstanceOf(CatalogDecision.Reject.class);
    }

    @Test
    void tokensUpsertByNameAndDelete() {
        CatalogState state = CatalogState.EMPTY;
        StaticToken reader = StaticToken.newBuilder().setId("1").setName("reader").setToken("p.a")
                .addScopes("DATASOURCES:READ:events").build();
        state = apply(state, CatalogDecisions.putToken(state, reader));
        assertThat(CatalogDecisions.putToken(state, reader)).isInstanceOf(CatalogDecision.Unchanged.class);
        StaticToken other = reader.toBuilder().setName("other").setId("2").build();
        assertThat(CatalogDecisions.putToken(state, other)).isInstanceOf(CatalogDecision.Reject.class);
        state = apply(state, CatalogDecisions.putToken(state, reader.toBuilder().setToken("p.b").build()));
        assertThat(state.staticTokens().get("reader").getToken()).isEqualTo("p.b");
        assertThat(state.toSnapshot().getStaticTokensList()).hasSize(1);
        state = apply(state, CatalogDecisions.deleteToken(state, "reader"));
        assertThat(state.staticTokens()).isEmpty();
        assertThat(CatalogDecisions.deleteToken(state, "reader")).isInstanceOf(CatalogDecision.Reject.class);
    }

    @Test
    void jobsAreKeptUpToTheLimit() {
        CatalogState state = CatalogState.EMPTY;
        for (int i = 0; i < CatalogState.MAX_JOBS + 5; i++) {
            state = apply(state, CatalogDecisions.putJob(state, JobRecord.newBuilder().setId("j" + i).setStatus("done").build()));
        }
        assertThat(state.jobs()).hasSize(CatalogState.MAX_JOBS);
        assertThat(state.jobs().keySet().iterator().next()).isEqualTo("j5");
        JobRecord updated = JobRecord.newBuilder().setId("j7").setStatus("error").build();
        state = apply(state, CatalogDecisions.putJob(state, updated));
        assertThat(state.jobs().get("j7").getStatus()).isEqualTo("error");
    }
}
