package io.starling.coordinator.deploy;

import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.DeploymentFeedback;
import io.starling.protocol.catalog.PipeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a project changes against the live catalog (computed by {@link DeploymentPlanner}): resource names by kind of
 * change, the staged data sources (new ones, and changed ones under a new table id) and pipes, the select list that
 * backfills each changed data source from its live table, the live table ids the promotion retires, feedback
 * (an ERROR makes the deployment invalid), and the materialized view targets refilled from their sources (target
 * → pipe; these are new or changed, staged empty, and have no forward select).
 */
public record DeploymentPlan(List<String> newDataSources, List<String> changedDataSources,
                             List<String> deletedDataSources, List<String> newPipes, List<String> changedPipes,
                             List<String> deletedPipes, List<DataSourceSpec> stagedDataSources,
                             List<PipeSpec> stagedPipes, Map<String, String> forwardSelects,
                             List<String> retiredTableIds, List<DeploymentFeedback> feedback,
                             Map<String, String> recomputedTargets) {

    public boolean hasErrors() {
        return feedback.stream().anyMatch(item -> item.getLevel().equals("ERROR"));
    }

    public boolean hasChanges() {
        return !newDataSources.isEmpty() || !changedDataSources.isEmpty() || !deletedDataSources.isEmpty()
                || !newPipes.isEmpty() || !changedPipes.isEmpty() || !deletedPipes.isEmpty();
    }

    /** Mutable collector used by the planner. */
    static final class Builder {
        final List<String> newDataSources = new ArrayList<>();
        final List<String> changedDataSources = new ArrayList<>();
        final List<String> deletedDataSources = new ArrayList<>();
        final List<String> newPipes = new ArrayList<>();
        final List<String> changedPipes = new ArrayList<>();
        final List<String> deletedPipes = new ArrayList<>();
        final List<DataSourceSpec> stagedDataSources = new ArrayList<>();
        final List<PipeSpec> stagedPipes = new ArrayList<>();
        final Map<String, String> forwardSelects = new LinkedHashMap<>();
        final List<String> retiredTableIds = new ArrayList<>();
        final List<DeploymentFeedback> feedback = new ArrayList<>();
        final Map<String, String> recomputedTargets = new LinkedHashMap<>();

        void feedback(String resource, String level, String message) {
            feedback.add(DeploymentFeedback.newBuilder().setResource(resource).setLevel(level).setMessage(message).build());
        }

        DeploymentPlan build() {
            return new DeploymentPlan(List.copyOf(newDataSources), List.copyOf(changedDataSources),
                    List.copyOf(deletedDataSources), List.copyOf(newPipes), List.copyOf(changedPipes),
                    List.copyOf(deletedPipes), List.copyOf(stagedDataSources), List.copyOf(stagedPipes),
                    java.util.Collections.unmodifiableMap(new LinkedHashMap<>(forwardSelects)),
                    List.copyOf(retiredTableIds), List.copyOf(feedback),
                    java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recomputedTargets)));
        }
    }
}
