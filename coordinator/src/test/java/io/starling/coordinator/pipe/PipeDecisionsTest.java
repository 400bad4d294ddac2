package io.starling.coordinator.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.coordinator.catalog.CatalogDecision;
import io.starling.coordinator.catalog.CatalogState;
import io.starling.protocol.catalog.CatalogEvent;
import io.starling.protocol.catalog.DataSourceCreated;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.PipeSpec;
import io.starling.storage.error.ErrorCode;
import org.junit.jupiter.api.Test;

class PipeDecisionsTest {
    private static final String DATAFILE = "NODE only\nSQL >\n    SELECT 1 AS x\n\nTYPE endpoint\n";

    private static PipeSpec pipe(String id, String name, String datafile) {
        return PipeSpec.newBuilder().setId(id).setName(name).setDatafile(datafile).setCreatedAtMicros(5).build();
    }

    private static CatalogState apply(CatalogState state, CatalogDecision decision) {
        return state.apply(((CatalogDecision.Accept) decision).event());
    }

    @Test
    void createsThenReplacesKeepingTheIdThenDrops() {
        CatalogState state = apply(CatalogState.EMPTY, PipeDecisions.put(CatalogState.EMPTY, pipe("t_1", "p", DATAFILE)));
        assertThat(state.pipe("p")).map(PipeSpec::getId).contains("t_1");

        assertThat(PipeDecisions.put(state, pipe("t_2", "p", DATAFILE))).isInstanceOf(CatalogDecision.Unchanged.class);

        CatalogDecision replace = PipeDecisions.put(state, pipe("t_2", "p", DATAFILE.replace("1 AS x", "2 AS x"))
                .toBuilder().setCreatedAtMicros(9).build());
        assertThat(((CatalogDecision.Accept) replace).event().getEventCase()).isEqualTo(CatalogEvent.EventCase.PIPE_REPLACED);
        state = apply(state, replace);
        assertThat(state.pipe("p").orElseThrow().getId()).isEqualTo("t_1");
        assertThat(state.pipe("p").orElseThrow().getCreatedAtMicros()).isEqualTo(5);
        assertThat(state.pipe("p").orElseThrow().getDatafile()).contains("2 AS x");
        assertThat(state.toSnapshot().getPipesList()).hasSize(1);

        state = apply(state, PipeDecisions.drop(state, "p"));
        assertThat(state.pipes()).isEmpty();
        assertThat(PipeDecisions.drop(state, "p")).isInstanceOfSatisfying(CatalogDecision.Reject.class,
                reject -> assertThat(reject.code()).isEqualTo(ErrorCode.UNKNOWN_TABLE));
    }

    @Test
    void rejectsUnparsableDatafilesAndNamesOfDataSources() {
        assertThat(PipeDecisions.put(CatalogState.EMPTY, pipe("t_1", "p", "NODE\n")))
                .isInstanceOf(CatalogDecision.Reject.class);
        CatalogState withDataSource = CatalogState.EMPTY.apply(CatalogEvent.newBuilder().setDataSourceCreated(
                DataSourceCreated.newBuilder().setDataSource(DataSourceSpec.newBuilder().setId("t_9").setName("events"))).build());
        assertThat(PipeDecisions.put(withDataSource, pipe("t_1", "events", DATAFILE)))
                .isInstanceOfSatisfying(CatalogDecision.Reject.class,
                        reject -> assertThat(reject.code()).isEqualTo(ErrorCode.TABLE_ALREADY_EXISTS));
    }
}
