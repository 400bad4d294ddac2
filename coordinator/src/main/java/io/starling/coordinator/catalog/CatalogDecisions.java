package io.starling.coordinator.catalog;

import io.starling.protocol.catalog.CatalogEvent;
import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceCreated;
import io.starling.protocol.catalog.DataSourceDropped;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.DataSourceUpdated;
import io.starling.protocol.catalog.JobPut;
import io.starling.protocol.catalog.JobRecord;
import io.starling.protocol.catalog.StaticToken;
import io.starling.protocol.catalog.TokenDeleted;
import io.starling.protocol.catalog.TokenPut;
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

    /** Creates or replaces a static token by name; its value must not be another token's. */
    public static CatalogDecision putToken(CatalogState state, StaticToken token) {
        if (token.getName().isBlank()) {
            return new CatalogDecision.Reject(ErrorCode.BAD_ARGUMENTS, "A token needs a name; pass name=<token name>");
        }
        if (token.getToken().isEmpty()) {
            return new CatalogDecision.Reject(ErrorCode.BAD_ARGUMENTS, "Token [" + token.getName() + "] has no value");
        }
        for (StaticToken other : state.staticTokens().values()) {
            if (!other.getName().equals(token.getName()) && other.getToken().equals(token.getToken())) {
                return new CatalogDecision.Reject(ErrorCode.BAD_ARGUMENTS, "Token value already used; refresh again");
            }
        }
        if (token.equals(state.staticTokens().get(token.getName()))) {
            return new CatalogDecision.Unchanged();
        }
        return new CatalogDecision.Accept(CatalogEvent.newBuilder().setTokenPut(TokenPut.newBuilder().setToken(token)).build());
    }

    public static CatalogDecision deleteToken(CatalogState state, String name) {
        if (!state.staticTokens().containsKey(name)) {
            return new CatalogDecision.Reject(ErrorCode.UNKNOWN_TABLE, "Token [" + name
                    + "] does not exist; GET /v0/tokens lists the tokens");
        }
        return new CatalogDecision.Accept(CatalogEvent.newBuilder()
                .setTokenDeleted(TokenDeleted.newBuilder().setName(name)).build());
    }

    /**
     * Renames or alters a data source: the new spec keeps the id; a new name must be valid and free; columns may
     * only be added at the end.
     */
    public static CatalogDecision updateDataSource(CatalogState state, String oldName, DataSourceSpec updated) {
        DataSourceSpec existing = state.dataSources().get(oldName);
        if (existing == null) {
            return new CatalogDecision.Reject(ErrorCode.UNKNOWN_TABLE, "Data source [" + oldName + "] does not exist");
        }
        if (!existing.getId().equals(updated.getId())) {
            return new CatalogDecision.Reject(ErrorCode.LOGICAL_ERROR, "Data source [" + oldName + "] has id ["
                    + existing.getId() + "], not [" + updated.getId() + "]");
        }
        if (!updated.getName().equals(oldName)) {
            try {
                DataSourceNames.validate(updated.getName());
            } catch (StarlingException invalid) {
                return new CatalogDecision.Reject(invalid.errorCode(), invalid.getMessage());
            }
            if (state.dataSources().containsKey(updated.getName())) {
                return new CatalogDecision.Reject(ErrorCode.TABLE_ALREADY_EXISTS, "Data source [" + updated.getName()
                        + "] already exists; choose another name");
            }
        }
        if (updated.getColumnsCount() < existing.getColumnsCount()) {
            return new CatalogDecision.Reject(ErrorCode.BAD_ARGUMENTS, "Columns cannot be removed from ["
                    + oldName + "]; only adding columns at the end is supported");
        }
        for (int i = 0; i < existing.getColumnsCount(); i++) {
            ColumnSpec before = existing.getColumns(i);
            ColumnSpec after = updated.getColumns(i);
            if (!before.getName().equals(after.getName()) || !before.getType().equals(after.getType())) {
                return new CatalogDecision.Reject(ErrorCode.BAD_ARGUMENTS, "Column [" + before.getName() + " "
                        + before.getType() + "] of [" + oldName + "] cannot change (got [" + after.getName() + " "
                        + after.getType() + "]); only adding columns at the end is supported");
            }
        }
        if (existing.equals(updated)) {
            return new CatalogDecision.Unchanged();
        }
        return new CatalogDecision.Accept(CatalogEvent.newBuilder().setDataSourceUpdated(
                DataSourceUpdated.newBuilder().setOldName(oldName).setDataSource(updated)).build());
    }

    public static CatalogDecision putJob(CatalogState state, JobRecord job) {
        if (job.getId().isEmpty()) {
            return new CatalogDecision.Reject(ErrorCode.BAD_ARGUMENTS, "A job needs an id");
        }
        if (job.equals(state.jobs().get(job.getId()))) {
            return new CatalogDecision.Unchanged();
        }
        return new CatalogDecision.Accept(CatalogEvent.newBuilder().setJobPut(JobPut.newBuilder().setJob(job)).build());
    }
}
