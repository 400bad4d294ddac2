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
    public record WantedDataSource(DataSourceSpec spec, String forwardQuery, boolean skipBackfill) {
        public WantedDataSource(DataSourceSpec spec, String forwardQuery) {
            this(spec, forwardQuery, false);
        }
    }

    /**
     * A materialized view of the project: its pipe, target data source, the data sources its query reads, and
     * whether it deploys with {@code DEPLOYMENT_METHOD alter} (the target keeps its rows).
     */
    public record MaterializedView(String pipe, String target, java.util.Set<String> sources, boolean alter) {
    }

    private DeploymentPlanner() {
    }

    /**
     * @param newTableId answers a fresh table id for each staged data source
     */
    public static DeploymentPlan plan(Map<String, DataSourceSpec> liveDataSources, Map<String, PipeSpec> livePipes,
                                      Collection<WantedDataSource> wantedDataSources, Collection<PipeSpec> wantedPipes,
                                      boolean allowDestructive, Supplier<String> newTableId) {
        return plan(liveDataSources, livePipes, wantedDataSources, wantedPipes, java.util.List.of(), allowDestructive,
                newTableId);
    }

    /**
     * Like {@link #plan(Map, Map, Collection, Collection, boolean, Supplier)}, with the project's materialized views
     * (spec lifecycle §2.5-2.6): a view target is recomputed from its sources through the view (staged under a new
     * table id, filled by the deployment) when it is new (unless {@code BACKFILL skip}), when it changed without a
     * FORWARD_QUERY, or when its view is new or its query changed (unless {@code DEPLOYMENT_METHOD alter}).
     * Recomputing an existing target from a landing data source with a TTL its target does not share drops history:
     * an ERROR unless {@code allowDestructive} (then a WARNING).
     */
    public static DeploymentPlan plan(Map<String, DataSourceSpec> liveDataSources, Map<String, PipeSpec> livePipes,
                                      Collection<WantedDataSource> wantedDataSources, Collection<PipeSpec> wantedPipes,
                                      Collection<MaterializedView> views, boolean allowDestructive,
                                      Supplier<String> newTableId) {
        DeploymentPlan.Builder plan = new DeploymentPlan.Builder();
        java.util.Set<String> wantedNames = new java.util.HashSet<>();
        Map<String, DataSourceSpec> wantedByName = new java.util.HashMap<>();
        wantedDataSources.forEach(wanted -> wantedByName.put(wanted.spec().getName(), wanted.spec()));
        Map<String, MaterializedView> viewOfTarget = new java.util.LinkedHashMap<>();
        for (MaterializedView view : views) {
            viewOfTarget.putIfAbsent(view.target(), view);
        }
        for (WantedDataSource wanted : wantedDataSources) {
            String name = wanted.spec().getName();
            wantedNames.add(name);
            DataSourceSpec live = liveDataSources.get(name);
            MaterializedView view = viewOfTarget.get(name);
            if (live == null) {
                plan.newDataSources.add(name);
                plan.stagedDataSources.add(wanted.spec().toBuilder().setId(newTableId.get()).build());
                if (view != null && !wanted.skipBackfill()) {
                    plan.recomputedTargets.put(name, view.pipe());
                }
                continue;
            }
            boolean sameTable = SchemaCompatibility.sameTable(live, wanted.spec());
            boolean hasForward = wanted.forwardQuery() != null && !wanted.forwardQuery().isBlank();
            boolean viewChanged = view != null && !view.alter() && (!livePipes.containsKey(view.pipe())
                    || wantedPipes.stream().anyMatch(pipe -> pipe.getName().equals(view.pipe())
                    && !pipe.getDatafile().equals(livePipes.get(view.pipe()).getDatafile())));
            if (view != null && ((!sameTable && !hasForward) || (sameTable && viewChanged))) {
                String lost = historyLoss(wanted.spec(), view, wantedByName, liveDataSources);
                if (lost != null) {
                    if (!allowDestructive) {
                        plan.feedback(name, "ERROR", "Error on datasource '" + name + "': " + lost + ". Add a "
                                + "FORWARD_QUERY to " + name + ".datasource to keep its rows, or deploy with "
                                + "--allow-destructive-operations (allow_destructive_operations=true) to accept it");
                        continue;
                    }
                    plan.feedback(name, "WARNING", lost + " (allowed by --allow-destructive-operations)");
                }
                plan.changedDataSources.add(name);
                plan.stagedDataSources.add(wanted.spec().toBuilder().setId(newTableId.get())
                        .setCreatedAtMicros(live.getCreatedAtMicros()).build());
                plan.recomputedTargets.put(name, view.pipe());
                plan.retiredTableIds.add(live.getId());
                plan.retiredTableIds.add(DataSourceTables.quarantine(live).getTableId());
                continue;
            }
            if (sameTable) {
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

    /** Why recomputing {@code target} from its view's sources loses rows it holds now, or null when it does not. */
    private static String historyLoss(DataSourceSpec target, MaterializedView view, Map<String, DataSourceSpec> wanted,
                                      Map<String, DataSourceSpec> live) {
        for (String source : new java.util.TreeSet<>(view.sources())) {
            DataSourceSpec spec = wanted.getOrDefault(source, live.get(source));
            if (spec == null || spec.getEngineTtl().isBlank()) {
                continue;
            }
            if (!spec.getEngineTtl().equals(target.getEngineTtl())) {
                return "it is recomputed from '" + source + "' through " + view.pipe() + ", and '" + source
                        + "' only keeps rows for TTL " + spec.getEngineTtl() + " while '" + target.getName() + "' has "
                        + (target.getEngineTtl().isBlank() ? "no TTL" : "TTL " + target.getEngineTtl())
                        + ": rows older than the landing TTL would be lost";
            }
        }
        return null;
    }
}
