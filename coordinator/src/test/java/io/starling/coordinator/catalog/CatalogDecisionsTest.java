package io.starling.coordinator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.protocol.catalog.CatalogEvent;
import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.WorkspaceTokens;
import io.starling.storage.error.ErrorCode;
import org.junit.jupiter.api.Test;

class CatalogDecisionsTest {

    static DataSourceSpec dataSource(String name, String id) {
        return DataSourceSpec.newBuilder().setId(id).setName(name).setEngine("MergeTree").setFormat("csv")
                .addColumns(ColumnSpec.newBuilder().setName("id").setType("Int64"))
                .addColumns(ColumnSpec.newBuilder().setName("name").setType("String"))
                .build();
    }

    private static CatalogState with(DataSourceSpec... dataSources) {
        CatalogState state = CatalogState.EMPTY;
        for (DataSourceSpec dataSource : dataSources) {
            state = state.apply(((CatalogDecision.Accept) CatalogDecisions.create(state, dataSource)).event());
        }
        return state;
    }

    @Test
    void createsANewDataSource() {
        CatalogDecision decision = CatalogDecisions.create(CatalogState.EMPTY, dataSource("events", "t_1"));
        assertThat(decision).isInstanceOf(CatalogDecision.Accept.class);
        CatalogEvent event = ((CatalogDecision.Accept) decision).event();
        assertThat(event.getDataSourceCreated().getDataSource().getName()).isEqualTo("events");
        CatalogState next = CatalogState.EMPTY.apply(event);
        assertThat(next.version()).isEqualTo(1);
        assertThat(next.dataSource("events")).isPresent();
    }

    @Test
    void refusesADuplicateNameWithCode57() {
        CatalogState state = with(dataSource("events", "t_1"));
        CatalogDecision decision = CatalogDecisions.create(state, dataSource("events", "t_2"));
        assertThat(decision).isInstanceOfSatisfying(CatalogDecision.Reject.class, reject -> {
            assertThat(reject.code()).isEqualTo(ErrorCode.TABLE_ALREADY_EXISTS);
            assertThat(reject.code().code()).isEqualTo(57);
            assertThat(reject.code().category().httpStatus()).isEqualTo(409);
            assertThat(reject.message()).contains("[events]").contains("mode=append");
        });
    }

    @Test
    void refusesInvalidNames() {
        for (String name : new String[] {"", "1abc", "with space", "x-y", "events_quarantine"}) {
            assertThat(CatalogDecisions.create(CatalogState.EMPTY, dataSource(name, "t_1")))
                    .as(name)
                    .isInstanceOfSatisfying(CatalogDecision.Reject.class,
                            reject -> assertThat(reject.code()).isEqualTo(ErrorCode.BAD_ARGUMENTS));
        }
        assertThat(CatalogDecisions.create(CatalogState.EMPTY, dataSource("_ok_Name9", "t_1")))
                .isInstanceOf(CatalogDecision.Accept.class);
    }

    @Test
    void refusesDuplicateColumnsAndEmptySchemas() {
        DataSourceSpec twice = dataSource("events", "t_1").toBuilder()
                .addColumns(ColumnSpec.newBuilder().setName("id").setType("String")).build();
        assertThat(CatalogDecisions.create(CatalogState.EMPTY, twice)).isInstanceOf(CatalogDecision.Reject.class);
        DataSourceSpec empty = dataSource("events", "t_1").toBuilder().clearColumns().build();
        assertThat(CatalogDecisions.create(CatalogState.EMPTY, empty)).isInstanceOf(CatalogDecision.Reject.class);
    }

    @Test
    void dropsAnExistingDataSourceAndRefusesAnUnknownOne() {
        CatalogState state = with(dataSource("events", "t_1"), dataSource("other", "t_2"));
        CatalogDecision decision = CatalogDecisions.drop(state, "events", 42);
        CatalogEvent event = ((CatalogDecision.Accept) decision).event();
        assertThat(event.getDataSourceDropped().getId()).isEqualTo("t_1");
        CatalogState next = state.apply(event);
        assertThat(next.dataSources().keySet()).containsExactly("other");
        assertThat(next.version()).isEqualTo(3);

        assertThat(CatalogDecisions.drop(next, "events", 43)).isInstanceOfSatisfying(CatalogDecision.Reject.class,
                reject -> assertThat(reject.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE));
    }

    @Test
    void aDroppedNameCanBeCreatedAgain() {
        CatalogState state = with(dataSource("events", "t_1"));
        state = state.apply(((CatalogDecision.Accept) CatalogDecisions.drop(state, "events", 1)).event());
        assertThat(CatalogDecisions.create(state, dataSource("events", "t_2"))).isInstanceOf(CatalogDecision.Accept.class);
    }

    @Test
    void tokensAreKeptUnlessReplacedWithDifferentOnes() {
        WorkspaceTokens first = WorkspaceTokenFactory.random();
        WorkspaceTokens second = WorkspaceTokenFactory.derivedFrom("abc");
        CatalogDecision initial = CatalogDecisions.ensureTokens(CatalogState.EMPTY, first, false);
        CatalogState state = CatalogState.EMPTY.apply(((CatalogDecision.Accept) initial).event());
        assertThat(state.tokens()).contains(first);

        assertThat(CatalogDecisions.ensureTokens(state, second, false)).isInstanceOf(CatalogDecision.Unchanged.class);
        assertThat(CatalogDecisions.ensureTokens(state, first, true)).isInstanceOf(CatalogDecision.Unchanged.class);
        CatalogDecision replaced = CatalogDecisions.ensureTokens(state, second, true);
        assertThat(state.apply(((CatalogDecision.Accept) replaced).event()).tokens()).contains(second);
    }

    @Test
    void derivedTokensAreDeterministic() {
        WorkspaceTokens one = WorkspaceTokenFactory.derivedFrom("secret");
        assertThat(one).isEqualTo(WorkspaceTokenFactory.derivedFrom("secret"));
        assertThat(one.getWorkspaceAdminToken()).isEqualTo("secret");
        assertThat(one.getAdminToken()).isNotEqualTo(one.getUserToken()).startsWith("p.");
        assertThat(WorkspaceTokenFactory.random()).isNotEqualTo(WorkspaceTokenFactory.random());
    }
}
