package io.starling.coordinator.pipe;

import io.starling.coordinator.catalog.CatalogDecision;
import io.starling.coordinator.catalog.CatalogState;
import io.starling.coordinator.catalog.DataSourceNames;
import io.starling.datafiles.pipe.PipeFile;
import io.starling.protocol.catalog.CatalogEvent;
import io.starling.protocol.catalog.PipeCreated;
import io.starling.protocol.catalog.PipeDropped;
import io.starling.protocol.catalog.PipeReplaced;
import io.starling.protocol.catalog.PipeSpec;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;

/**
 * The catalog's decisions about pipes, pure functions of the state and the command. A pipe is kept as its datafile
 * text; the decision only checks that the text parses and that the name is free of data sources (queries resolve
 * both by name, so one name cannot mean two things).
 */
public final class PipeDecisions {
    private PipeDecisions() {
    }

    /** Creates the pipe, replaces the one with its name (keeping id and creation time), or nothing when equal. */
    public static CatalogDecision put(CatalogState state, PipeSpec pipe) {
        try {
            DataSourceNames.validate(pipe.getName());
            PipeFile.parse(pipe.getDatafile(), pipe.getName() + ".pipe");
        } catch (StarlingException invalid) {
            return new CatalogDecision.Reject(invalid.errorCode(), invalid.getMessage());
        }
        if (state.dataSources().containsKey(pipe.getName())) {
            return new CatalogDecision.Reject(ErrorCode.TABLE_ALREADY_EXISTS, "Pipe name [" + pipe.getName()
                    + "] is already a data source's name; rename the pipe file");
        }
        PipeSpec existing = state.pipes().get(pipe.getName());
        if (existing == null) {
            return new CatalogDecision.Accept(CatalogEvent.newBuilder()
                    .setPipeCreated(PipeCreated.newBuilder().setPipe(pipe)).build());
        }
        if (existing.getDatafile().equals(pipe.getDatafile())) {
            return new CatalogDecision.Unchanged();
        }
        PipeSpec replaced = pipe.toBuilder().setId(existing.getId())
                .setCreatedAtMicros(existing.getCreatedAtMicros()).build();
        return new CatalogDecision.Accept(CatalogEvent.newBuilder()
                .setPipeReplaced(PipeReplaced.newBuilder().setPipe(replaced)).build());
    }

    public static CatalogDecision drop(CatalogState state, String name) {
        PipeSpec existing = state.pipes().get(name);
        if (existing == null) {
            return new CatalogDecision.Reject(ErrorCode.UNKNOWN_TABLE, "Pipe [" + name
                    + "] does not exist; GET /v0/pipes lists the pipes");
        }
        return new CatalogDecision.Accept(CatalogEvent.newBuilder()
                .setPipeDropped(PipeDropped.newBuilder().setId(existing.getId()).setName(name)).build());
    }
}
