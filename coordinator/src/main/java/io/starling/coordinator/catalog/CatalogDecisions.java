package io.starling.coordinator.catalog;

import io.starling.protocol.catalog.CatalogEvent;
import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceCreated;
import io.starling.protocol.catalog.DataSourceDropped;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.TokensInitialized;
import io.starling.protocol.catalog.WorkspaceTokens;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.HashSet;
import java.util.Set;

/** The catalog's decisions, as pure functions of the state and the command (tested without actors). */
public final class CatalogDecisions {
    private CatalogDecisions() {
    }

    public static CatalogDecision create(CatalogState state, DataSourceSpec dataSource) {
        try {
            DataSourceNames.validate(dataSource.getName());
        } catch (StarlingException invalid) {
            return new CatalogDecision.Reject(invalid.errorCode(), invalid.getMessage());
        }
        if (state.dataSources().containsKey(dataSource.getName())) {
            return new CatalogDecision.Reject(ErrorCode.TABLE_ALREADY_EXISTS, "Data source [" + dataSource.getName()
                    + "] already exists. Use mode=append to add rows to it, or drop it first");
        }
        for (DataSourceSpec existing : state.dataSources().values()) {
            if (existing.getId().equals(dataSource.getId())) {
                return new CatalogDecision.Reject(ErrorCode.TABLE_ALREADY_EXISTS, "Data source id [" + dataSource.getId()
                        + "] is already used by [" + existing.getName() + "]; create it again to get a new id");
            }
        }
        if (dataSource.getColumnsCount() == 0) {
            return new CatalogDecision.Reject(ErrorCode.BAD_ARGUMENTS, "Data source [" + dataSource.getName()
                    + "] has no columns; pass a schema, e.g. schema=id Int64, name String");
        }
        Set<String> names = new HashSet<>();
        for (ColumnSpec column : dataSource.getColumnsList()) {
            if (!names.add(column.getName())) {
                return new CatalogDecision.Reject(ErrorCode.BAD_ARGUMENTS, "Column [" + column.getName()
                        + "] appears twice in the schema of [" + dataSource.getName() + "]; rename one of them");
            }
        }
        return new CatalogDecision.Accept(CatalogEvent.newBuilder()
                .setDataSourceCreated(DataSourceCreated.newBuilder().setDataSource(dataSource)).build());
    }

    public static CatalogDecision drop(CatalogState state, String name, long nowMicros) {
        DataSourceSpec existing = state.dataSources().get(name);
        if (existing == null) {
            return new CatalogDecision.Reject(ErrorCode.UNKNOWN_TABLE, "Data source [" + name + "] does not exist");
        }
        return new CatalogDecision.Accept(CatalogEvent.newBuilder().setDataSourceDropped(DataSourceDropped.newBuilder()
                .setId(existing.getId()).setName(name).setDroppedAtMicros(nowMicros)).build());
    }

    /** Keeps existing tokens unless {@code replace} asks for different ones. */
    public static CatalogDecision ensureTokens(CatalogState state, WorkspaceTokens proposed, boolean replace) {
        if (proposed.getWorkspaceAdminToken().isEmpty() || proposed.getAdminToken().isEmpty()
                || proposed.getUserToken().isEmpty()) {
            return new CatalogDecision.Reject(ErrorCode.BAD_ARGUMENTS, "Workspace tokens must not be empty");
        }
        if (state.tokens().isPresent() && (!replace || state.tokens().get().equals(proposed))) {
            return new CatalogDecision.Unchanged();
        }
        return new CatalogDecision.Accept(CatalogEvent.newBuilder()
                .setTokensInitialized(TokensInitialized.newBuilder().setTokens(proposed)).build());
    }
}
