package io.starling.coordinator.deploy;

import io.starling.coordinator.catalog.DataSourceTables;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.PipeSpec;
import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Diffs a project against the live catalog (pure). Every resource of the project is compared with the live one of
 * the same name: new, changed (data sources: table differs; pipes: datafile differs) or unchanged; live resources
 * the project lacks are deleted, which for data sources needs {@code allow_destructive_operations}. A changed data
 * source is staged under a new table id (its name stays), with the select list that backfills it
 * ({@link SchemaCompatibility}); an unchanged one is shared with live.
 */
public final class DeploymentPlanner {
    /** A data source of the project: its spec (any id; the planner assigns the table id) and FORWARD_QUERY. */
    public record WantedDataSource(DataSourceSpec spec, String forwardQuery) {
    }

    private DeploymentPlanner() {
    }

    /**
     * @param newTableId answers a fresh table id for each staged data source
     */
    public static DeploymentPlan plan(Map<String, DataSourceSpec> liveDataSources, Map<String, PipeSpec> livePipes,
                                      Collection<WantedDataSource> wantedDataSources, Collection<PipeSpec> wantedPipes,
                                      boolean allowDestructive, Supplier<String> newTableId) {
        DeploymentPlan.Builder plan = new DeploymentPlan.Builder();
        java.util.Set<String> wantedNames = new java.util.HashSet<>();
        for (WantedDataSource wanted : wantedDataSources) {
            String name = wanted.spec().getName();
            wantedNames.add(name);
            DataSourceSpec live = liveDataSources.get(name);
            if (live == null) {
                plan.newDataSources.add(name);
                plan.stagedDataSources.add(wanted.spec().toBuilder().setId(newTableId.get()).build());
                continue;
            }
            if (SchemaCompatibility.sameTable(live, wanted.spec())) {
                if (!live.getDescription().equals(wanted.spec().getDescription())) {
                    plan.feedback(name, "WARNING", "Only the description of [" + name + "] changed; it is not deployed "
                            + "on its own (change the data source to deploy it)");
                }
                continue;
            }
            switch (SchemaCompatibility.assess(live, wanted.spec(), wanted.forwardQuery())) {
                case SchemaCompatibility.Outcome.Mismatch mismatch -> plan.feedback(name, "ERROR", mismatch.message());
                case SchemaCompatibility.Outcome.Migrate migrate -> {
                    plan.changedDataSources.add(name);
                    plan.stagedDataSources.add(wanted.spec().toBuilder().setId(newTableId.get())
                            .setCreatedAtMicros(live.getCreatedAtMicros()).build());
                    plan.forwardSelects.put(name, migrate.selectList());
                    plan.retiredTableIds.add(live.getId());
                    plan.retiredTableIds.add(DataSourceTables.quarantine(live).getTableId());
                }
            }
        }
        for (DataSourceSpec live : liveDataSources.values()) {
            if (!wantedNames.contains(live.getName())) {
                if (allowDestructive) {
                    plan.deletedDataSources.add(live.getName());
                    plan.retiredTableIds.add(live.getId());
                    plan.retiredTableIds.add(DataSourceTables.quarantine(live).getTableId());
                } else {
                    plan.feedback(live.getName(), "ERROR", "Error on datasource '" + live.getName() + "': it is not "
                            + "in the project, and removing data sources is an irreversible operation. Deploy with "
                            + "--allow-destructive-operations (allow_destructive_operations=true) to remove it, or add "
                            + "its .datasource file back");
                }
            }
        }
        java.util.Set<String> wantedPipeNames = new java.util.HashSet<>();
        for (PipeSpec wanted : wantedPipes) {
            wantedPipeNames.add(wanted.getName());
            PipeSpec live = livePipes.get(wanted.getName());
            if (live == null) {
                plan.newPipes.add(wanted.getName());
                plan.stagedPipes.add(wanted);
            } else if (!live.getDatafile().equals(wanted.getDatafile())) {
                plan.changedPipes.add(wanted.getName());
                plan.stagedPipes.add(wanted.toBuilder().setId(live.getId()).setCreatedAtMicros(live.getCreatedAtMicros())
                        .build());
            }
        }
        for (PipeSpec live : livePipes.values()) {
            if (!wantedPipeNames.contains(live.getName())) {
                plan.deletedPipes.add(live.getName());
            }
        }
        return plan.build();
    }
}
