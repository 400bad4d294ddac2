package io.starling.protocol.catalog;

import io.starling.protocol.serialization.EnvelopeMessage;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Commands to the workspace catalog entity. Every command answers one {@link CatalogReply}: an error in
 * {@code ack} (ok = false, ClickHouse code) or the catalog snapshot after the command.
 */
public sealed interface CatalogCommand extends EnvelopeMessage {

    ActorRef<CatalogReply> replyTo();

    /** Creates a data source; fails with 57 TABLE_ALREADY_EXISTS when the name is taken. */
    record CreateDataSource(DataSourceSpec dataSource, ActorRef<CatalogReply> replyTo) implements CatalogCommand {
        public CreateDataSource {
            Objects.requireNonNull(dataSource, "dataSource");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Drops a data source by name; fails with 60 UNKNOWN_TABLE when there is none. */
    record DropDataSource(String name, ActorRef<CatalogReply> replyTo) implements CatalogCommand {
        public DropDataSource {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /**
     * Stores {@code proposed} when the workspace has no tokens yet, or when {@code replace} is set and they
     * differ; answers the tokens in force either way.
     */
    record EnsureTokens(WorkspaceTokens proposed, boolean replace, ActorRef<CatalogReply> replyTo)
            implements CatalogCommand {
        public EnsureTokens {
            Objects.requireNonNull(proposed, "proposed");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Answers the current snapshot. */
    record GetCatalog(ActorRef<CatalogReply> replyTo) implements CatalogCommand {
        public GetCatalog {
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Creates or replaces (by name) a static token. */
    record PutToken(StaticToken token, ActorRef<CatalogReply> replyTo) implements CatalogCommand {
        public PutToken {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Deletes a static token by name; fails with 60-like NOT_FOUND when there is none. */
    record DeleteToken(String name, ActorRef<CatalogReply> replyTo) implements CatalogCommand {
        public DeleteToken {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Replaces the data source named {@code oldName} by {@code dataSource} (same id): rename or alter. */
    record UpdateDataSource(String oldName, DataSourceSpec dataSource, ActorRef<CatalogReply> replyTo)
            implements CatalogCommand {
        public UpdateDataSource {
            Objects.requireNonNull(oldName, "oldName");
            Objects.requireNonNull(dataSource, "dataSource");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Records a job's state (upsert by id). */
    record PutJob(JobRecord job, ActorRef<CatalogReply> replyTo) implements CatalogCommand {
        public PutJob {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Creates the pipe, or replaces the datafile of the pipe with that name (keeping its id). */
    record PutPipe(PipeSpec pipe, ActorRef<CatalogReply> replyTo) implements CatalogCommand {
        public PutPipe {
            Objects.requireNonNull(pipe, "pipe");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Drops a pipe by name; fails with UNKNOWN_TABLE when there is none. */
    record DropPipe(String name, ActorRef<CatalogReply> replyTo) implements CatalogCommand {
        public DropPipe {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Creates or updates (by id) a deployment record; see io.starling.coordinator.deploy.DeploymentDecisions. */
    record PutDeployment(DeploymentRecord deployment, ActorRef<CatalogReply> replyTo) implements CatalogCommand {
        public PutDeployment {
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Makes a data_ready deployment live: its staged resources replace the live ones in one event. */
    record PromoteDeployment(long id, long promotedAtMicros, ActorRef<CatalogReply> replyTo) implements CatalogCommand {
        public PromoteDeployment {
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }
}
