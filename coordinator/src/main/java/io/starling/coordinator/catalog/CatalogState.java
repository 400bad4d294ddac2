package io.starling.coordinator.catalog;

import io.starling.protocol.catalog.CatalogEvent;
import io.starling.protocol.catalog.CatalogSnapshot;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.catalog.DeploymentRecord;
import io.starling.coordinator.deploy.Promotion;
import io.starling.protocol.catalog.JobRecord;
import io.starling.protocol.catalog.PipeSpec;
import io.starling.protocol.catalog.StaticToken;
import io.starling.protocol.catalog.WorkspaceTokens;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The live catalog of one workspace: data sources by name (creation order), the workspace tokens, the static
 * tokens by name and the most recent jobs by id. Immutable; {@link #apply} answers a new state. {@code version}
 * counts applied events, so it equals the journal's sequence number of the last event.
 */
public final class CatalogState {
    /** Jobs kept in the state (and so in /v0/jobs); older ones are forgotten. */
    public static final int MAX_JOBS = 100;
    public static final CatalogState EMPTY = new CatalogState(0, Map.of(), null, Map.of(), Map.of(), Map.of(), Map.of());

    private final long version;
    private final Map<String, DataSourceSpec> dataSources;
    private final WorkspaceTokens tokens;
    private final Map<String, StaticToken> staticTokens;
    private final Map<String, JobRecord> jobs;
    private final Map<String, PipeSpec> pipes;
    private final Map<Long, DeploymentRecord> deployments;

    private CatalogState(long version, Map<String, DataSourceSpec> dataSources, WorkspaceTokens tokens,
                         Map<String, StaticToken> staticTokens, Map<String, JobRecord> jobs, Map<String, PipeSpec> pipes,
                         Map<Long, DeploymentRecord> deployments) {
        this.pipes = pipes;
        this.deployments = deployments;
        this.version = version;
        this.dataSources = dataSources;
        this.tokens = tokens;
        this.staticTokens = staticTokens;
        this.jobs = jobs;
    }

    public long version() {
        return version;
    }

    /** Data sources by name, in creation order. */
    public Map<String, DataSourceSpec> dataSources() {
        return dataSources;
    }

    public Optional<DataSourceSpec> dataSource(String name) {
        return Optional.ofNullable(dataSources.get(name));
    }

    /** The workspace tokens, or empty before they are initialized. */
    public Optional<WorkspaceTokens> tokens() {
        return Optional.ofNullable(tokens);
    }

    /** Static tokens by name, in creation order. */
    public Map<String, StaticToken> staticTokens() {
        return staticTokens;
    }

    /** Recent jobs by id, oldest first. */
    public Map<String, JobRecord> jobs() {
        return jobs;
    }

    /** Pipes by name, in creation order. */
    public Map<String, PipeSpec> pipes() {
        return pipes;
    }

    public Optional<PipeSpec> pipe(String name) {
        return Optional.ofNullable(pipes.get(name));
    }

    /** Deployments by id, ascending. */
    public Map<Long, DeploymentRecord> deployments() {
        return deployments;
    }

    public CatalogState apply(CatalogEvent event) {
        return switch (event.getEventCase()) {
            case DEPLOYMENT_PUT -> {
                DeploymentRecord record = event.getDeploymentPut().getDeployment();
                java.util.TreeMap<Long, DeploymentRecord> next = new java.util.TreeMap<>(deployments);
                next.put(record.getId(), record);
                yield new CatalogState(version + 1, dataSources, tokens, staticTokens, jobs, pipes,
                        Collections.unmodifiableMap(next));
            }
            case DEPLOYMENT_PROMOTED -> {
                DeploymentRecord promoted = deployments.get(event.getDeploymentPromoted().getId());
                if (promoted == null) {
                    throw new IllegalStateException("Deployment " + event.getDeploymentPromoted().getId()
                            + " promoted at version " + (version + 1) + " does not exist; the journal is corrupt");
                }
                long at = event.getDeploymentPromoted().getPromotedAtMicros();
                yield new CatalogState(version + 1, Promotion.dataSources(dataSources, promoted), tokens, staticTokens,
                        jobs, Promotion.pipes(pipes, promoted), Promotion.deployments(deployments, promoted, at));
            }
            case PIPE_CREATED -> withPipe(event.getPipeCreated().getPipe());
            case PIPE_REPLACED -> withPipe(event.getPipeReplaced().getPipe());
            case PIPE_DROPPED -> {
                Map<String, PipeSpec> next = new LinkedHashMap<>(pipes);
                next.remove(event.getPipeDropped().getName());
                yield new CatalogState(version + 1, dataSources, tokens, staticTokens, jobs,
                        Collections.unmodifiableMap(next), deployments);
            }
            case DATA_SOURCE_CREATED -> {
                DataSourceSpec created = event.getDataSourceCreated().getDataSource();
                Map<String, DataSourceSpec> next = new LinkedHashMap<>(dataSources);
                next.put(created.getName(), created);
                yield with(Collections.unmodifiableMap(next), tokens, staticTokens, jobs);
            }
            case DATA_SOURCE_DROPPED -> {
                Map<String, DataSourceSpec> next = new LinkedHashMap<>(dataSources);
                next.remove(event.getDataSourceDropped().getName());
                yield with(Collections.unmodifiableMap(next), tokens, staticTokens, jobs);
            }
            case DATA_SOURCE_UPDATED -> {
                DataSourceSpec updated = event.getDataSourceUpdated().getDataSource();
                String oldName = event.getDataSourceUpdated().getOldName();
                Map<String, DataSourceSpec> next = new LinkedHashMap<>();
                dataSources.forEach((name, spec) -> {
                    if (name.equals(oldName)) {
                        next.put(updated.getName(), updated);
                    } else {
                        next.put(name, spec);
                    }
                });
                yield with(Collections.unmodifiableMap(next), tokens, staticTokens, jobs);
            }
            case TOKENS_INITIALIZED -> with(dataSources, event.getTokensInitialized().getTokens(), staticTokens, jobs);
            case TOKEN_PUT -> {
                StaticToken token = event.getTokenPut().getToken();
                Map<String, StaticToken> next = new LinkedHashMap<>(staticTokens);
                next.put(token.getName(), token);
                yield with(dataSources, tokens, Collections.unmodifiableMap(next), jobs);
            }
            case TOKEN_DELETED -> {
                Map<String, StaticToken> next = new LinkedHashMap<>(staticTokens);
                next.remove(event.getTokenDeleted().getName());
                yield with(dataSources, tokens, Collections.unmodifiableMap(next), jobs);
            }
            case JOB_PUT -> {
                JobRecord job = event.getJobPut().getJob();
                Map<String, JobRecord> next = new LinkedHashMap<>(jobs);
                next.put(job.getId(), job);
                while (next.size() > MAX_JOBS) {
                    next.remove(next.keySet().iterator().next());
                }
                yield with(dataSources, tokens, staticTokens, Collections.unmodifiableMap(next));
            }
            case EVENT_NOT_SET -> throw new IllegalStateException(
                    "Catalog event at version " + (version + 1) + " holds no event; the journal is corrupt");
        };
    }

    private CatalogState with(Map<String, DataSourceSpec> nextDataSources, WorkspaceTokens nextTokens,
                              Map<String, StaticToken> nextStaticTokens, Map<String, JobRecord> nextJobs) {
        return new CatalogState(version + 1, nextDataSources, nextTokens, nextStaticTokens, nextJobs, pipes, deployments);
    }

    private CatalogState withPipe(PipeSpec pipe) {
        Map<String, PipeSpec> next = new LinkedHashMap<>(pipes);
        next.put(pipe.getName(), pipe);
        return new CatalogState(version + 1, dataSources, tokens, staticTokens, jobs, Collections.unmodifiableMap(next),
                deployments);
    }

    public CatalogSnapshot toSnapshot() {
        CatalogSnapshot.Builder builder = CatalogSnapshot.newBuilder().setVersion(version)
                .addAllDataSources(dataSources.values())
                .addAllStaticTokens(staticTokens.values())
                .addAllJobs(jobs.values())
                .addAllPipes(pipes.values())
                .addAllDeployments(deployments.values());
        if (tokens != null) {
            builder.setTokens(tokens);
        }
        return builder.build();
    }
}
