package io.starling.node.cluster.query;

import io.starling.node.cluster.ClusterMembers;
import io.starling.node.cluster.ReplicatedTables;
import io.starling.protocol.Ack;
import io.starling.protocol.query.FragmentBlock;
import io.starling.protocol.query.FragmentReply;
import io.starling.protocol.query.FragmentRequest;
import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shardlog.Holding;
import io.starling.protocol.shardlog.ReplicaSlot;
import io.starling.protocol.shardlog.ShardLogReply;
import io.starling.sql.QueryEngine;
import io.starling.storage.block.BlockStream;
import io.starling.storage.engine.ScanStatistics;
import io.starling.storage.part.PartName;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SourceRef;
import org.apache.pekko.stream.StreamRefResolver;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving node's side of a distributed read: runs one fragment per shard of a replicated table and answers
 * their blocks as one {@link BlockStream}.
 *
 * <p>Per shard, two things start at once: the ShardLog read (the live parts and who holds them) and the fragment on
 * the replica this node last knew to be in sync (from the previous read of that log, else the placement). The
 * fragment answers the parts its replica had active; when they cover every part the log lists as live, the answer is
 * kept (it holds every row acknowledged before the query started, since the log is read after the query started and
 * an insert is acknowledged only once committed there). Otherwise (the replica was behind, failed, or nothing was
 * known yet) the shard is read the checked way: the candidates are the replicas on Up nodes that hold every live
 * part (in sync), this node's first, then the others in a rotating order (spreading reads); the fragment, which must
 * hold those parts, goes to the first; if that fails for a reason other than the query itself (node gone, replica
 * behind, timeout of the ask, a node that died before its failure detector said so and misses a probe: {@link
 * FragmentWatch}) it is retried once on the next; nodes that recently missed a probe are asked last. A shard with
 * no in-sync live replica fails the query with ALL_REPLICAS_ARE_STALE (369), a shard whose two tries failed with
 * ALL_CONNECTION_TRIES_FAILED (279): both retryable (HTTP 503). The answer is all shards or an error, never part of
 * them. Every wait is bounded by the query's deadline; closing the stream cancels every shard's stream ref (the
 * replicas stop sending).
 *
 * <p>Blocking: {@link #run} waits for every shard's first answer; call it on the query's (blocking-IO) thread.
 * Thread-safe.
 */
public final class DistributedReads implements ShardReader {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedReads.class);
    /** Tries per shard and round: the first replica and one other. */
    static final int TRIES = 2;
    /** Rounds per shard (each reads the log again) when no replica is in sync at the moment. */
    static final int ROUNDS = 24;
    /** Pause before round n+1: n times this, at most {@link #MAX_PAUSE_MILLIS} (about 5.4 s over all rounds). */
    static final long PAUSE_MILLIS = 60;
    /**
     * A fresh part stays with its writer alone until the quorum fetched it; on a loaded box that took over a second
     * (CI), so the rounds go on for seconds, not one, before a query fails with 369.
     */
    static final long MAX_PAUSE_MILLIS = 250;
    /** A remote fragment not answered within this has its node probed ({@link FragmentWatch}). */
    static final Duration PROBE_AFTER = Duration.ofSeconds(1);
    /**
     * A probe is answered by the node's actor at once; missing it for this long (far beyond a GC pause or a busy
     * dispatcher on a loaded box) means the node died before its failure detector marked it.
     */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    /** How long a node that missed a probe is asked last. */
    static final Duration SILENT_FOR = Duration.ofSeconds(20);

    private final ActorSystem<?> system;
    private final ReplicatedTables tables;
    private final Materializer materializer;
    private final QueryEngine engine = new QueryEngine();
    private final AtomicInteger rotation = new AtomicInteger();
    /** The last log read per shard ({@code tableId~shard}): whom to ask before the log answers. */
    private final Map<String, ShardLogReply> lastLogs = new java.util.concurrent.ConcurrentHashMap<>();
    private final FragmentWatch watch;

    public DistributedReads(ActorSystem<?> system, ReplicatedTables tables) {
        this.system = system;
        this.tables = tables;
        this.materializer = Materializer.matFromSystem(system);
        this.watch = new FragmentWatch(this::probe, PROBE_AFTER, PROBE_TIMEOUT, SILENT_FOR);
    }

    @Override
    public QueryEngine engine() {
        return engine;
    }

    /** Runs {@code sql} (reading {@value FragmentPlanner#SHARD_TABLE}) on every shard of {@code table}. */
    @Override
    public BlockStream run(TableSpec table, String sql, Map<String, String> settings, Instant deadline,
                           ScanStatistics statistics) {
        return read(FragmentRequest.newBuilder().setTable(table).setSql(sql).putAllSettings(settings), deadline,
                statistics);
    }

    @Override
    public BlockStream scan(TableSpec table, List<String> columns, boolean isFinal, Instant deadline,
                            ScanStatistics statistics) {
        return read(FragmentRequest.newBuilder().setTable(table).setPlainScan(true).addAllScanColumns(columns)
                .setScanFinal(isFinal), deadline, statistics);
    }

    private BlockStream read(FragmentRequest.Builder template, Instant deadline, ScanStatistics statistics) {
        TableSpec table = template.getTable();
        template.setDeadlineEpochMillis(deadline.toEpochMilli()).setQueryId(UUID.randomUUID().toString());
        List<List<ReplicaSlot>> placement = await(tables.placement(table), deadline, table, -1);
        List<CompletableFuture<Started>> shards = new ArrayList<>();
        for (int shard = 0; shard < placement.size(); shard++) {
            shards.add(startEarly(template.setShard(shard).build(), placement.get(shard), deadline)
                    .toCompletableFuture());
        }
        List<SinkQueueWithCancel<FragmentBlock>> queues = new ArrayList<>();
        try {
            for (int shard = 0; shard < shards.size(); shard++) {
                Started started = await(shards.get(shard), deadline, table, shard);
                queues.add(started.queue());
                statistics.add(started.reply().getRowsRead(), started.reply().getBytesRead());
            }
        } catch (RuntimeException e) {
            queues.forEach(SinkQueueWithCancel::cancel);
            shards.forEach(pending -> pending.thenAccept(started -> started.queue().cancel()));
            throw e;
        }
        return new FragmentStream(queues, deadline, table.getTableId());
    }

    /** A shard's fragment once a replica answered: its reply and the materialised stream of its blocks. */
    private record Started(FragmentReply reply, SinkQueueWithCancel<FragmentBlock> queue) {
    }

    /**
     * A shard's fragment asked before its log is read (on the replica last known in sync), kept when the parts it
     * read cover the log's live parts, else read again the checked way with that log.
     */
    private CompletionStage<Started> startEarly(FragmentRequest request, List<ReplicaSlot> placement,
                                                Instant deadline) {
        String key = request.getTable().getTableId() + "~" + request.getShard();
        ShardLogReply known = lastLogs.get(key);
        int turn = rotation.getAndIncrement();
        List<ReplicaSlot> guesses = watch.silentLast(known != null ? candidates(known, tables.members(), turn)
                : upReplicas(placement, tables.members(), turn));
        CompletableFuture<ShardLogReply> log = tables.logs().getLog(request.getTable().getTableId(),
                request.getShard(), Long.MAX_VALUE).toCompletableFuture();
        if (guesses.isEmpty()) {
            return log.thenCompose(read -> {
                lastLogs.put(key, read);
                return start(request, deadline, 1, read);
            });
        }
        CompletableFuture<Started> early = ask(guesses.get(0), request.toBuilder().setEarly(true).build(), deadline)
                .toCompletableFuture();
        return log.handle((read, logFailure) -> {
            if (logFailure != null) {
                early.thenAccept(started -> started.queue().cancel());
                return CompletableFuture.<Started>failedFuture(logFailure);
            }
            lastLogs.put(key, read);
            return early.handle((started, failure) -> {
                if (failure == null && covers(started.reply().getPartsReadList(), read)) {
                    return CompletableFuture.completedFuture(started);
                }
                if (failure == null) {
                    started.queue().cancel();
                    LOG.debug("Query {}: replica {} of [{}] shard {} was behind the log; reading it again",
                            request.getQueryId(), guesses.get(0).getNode(), key, request.getShard());
                } else {
                    StarlingException error = asStarling(failure, guesses.get(0));
                    if (!worthRetrying(error) && !catchingUp(error)) {
                        return CompletableFuture.<Started>failedFuture(error);
                    }
                }
                return start(request, deadline, 1, read);
            }).thenCompose(next -> next);
        }).thenCompose(next -> next);
    }

    /** The replicas of {@code placement} on Up nodes, this node's first, then the rest from {@code rotation}. */
    static List<ReplicaSlot> upReplicas(List<ReplicaSlot> placement, ClusterMembers members, int rotation) {
        return candidates(ShardLogReply.newBuilder().addAllPlacement(placement).build(), members, rotation);
    }

    /**
     * True when every part {@code log} lists as live is among {@code partsRead}, or covered by one of them (merged
     * there ahead of the log).
     */
    static boolean covers(List<String> partsRead, ShardLogReply log) {
        Set<String> read = new HashSet<>(partsRead);
        List<PartName> parsed = null;
        for (Holding holding : log.getHoldingsList()) {
            if (read.contains(holding.getPartName())) {
                continue;
            }
            if (parsed == null) {
                parsed = partsRead.stream().map(PartName::tryParse).flatMap(java.util.Optional::stream).toList();
            }
            java.util.Optional<PartName> live = PartName.tryParse(holding.getPartName());
            if (live.isEmpty() || parsed.stream().noneMatch(part -> part.covers(live.get()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Round {@code round} of a shard's fragment: reads the log, picks the in-sync candidates and tries them. Under
     * steady inserts and merges the in-sync set changes every moment (a fresh part is held by its writer alone until
     * the quorum fetched it; a merged part by the merge leader until the others applied the merge; a moved replica
     * catches up), so a round that finds no candidate, or whose candidates all turn out to be catching up, is
     * followed by another one after a short pause, up to {@value #ROUNDS} rounds within the deadline.
     */
    private CompletionStage<Started> start(FragmentRequest request, Instant deadline, int round) {
        return tables.logs().getLog(request.getTable().getTableId(), request.getShard(), Long.MAX_VALUE)
                .thenCompose(log -> start(request, deadline, round, log));
    }

    /** Round {@code round} with the log just read. */
    private CompletionStage<Started> start(FragmentRequest request, Instant deadline, int round, ShardLogReply log) {
        String tableId = request.getTable().getTableId();
        int shard = request.getShard();
        List<ReplicaSlot> candidates = watch.silentLast(candidates(log, tables.members(), rotation.getAndIncrement()));
        if (candidates.isEmpty()) {
            StarlingException stale = new StarlingException(ErrorCode.ALL_REPLICAS_ARE_STALE, "No live replica of"
                    + " table [" + tableId + "] shard " + shard + " holds all of its parts (replicas "
                    + log.getPlacementCount() + ", live parts " + log.getHoldingsCount() + "); the answer would be"
                    + " incomplete. Retry when its nodes are back or have caught up");
            return again(request, deadline, round, stale);
        }
        FragmentRequest withParts = request.toBuilder()
                .addAllRequiredParts(log.getHoldingsList().stream().map(Holding::getPartName).toList()).build();
        return attempt(withParts, candidates, 0, deadline, null).handle((started, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(started);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof StarlingException starling && catchingUp(starling)) {
                return again(request, deadline, round, starling);
            }
            return CompletableFuture.<Started>failedFuture(cause);
        }).thenCompose(next -> next);
    }

    /** Another round after a pause while the deadline allows, else {@code failure}. */
    private CompletionStage<Started> again(FragmentRequest request, Instant deadline, int round,
                                           StarlingException failure) {
        long pause = Math.min(PAUSE_MILLIS * round, MAX_PAUSE_MILLIS);
        if (round >= ROUNDS || Instant.now().plusMillis(pause * 2).isAfter(deadline)) {
            return CompletableFuture.failedFuture(failure);
        }
        LOG.debug("Fragment of [{}] shard {}: round {} found no in-sync replica ({}); trying again",
                request.getTable().getTableId(), request.getShard(), round, failure.getMessage());
        return CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> start(request, deadline, round + 1));
    }

    /** A replica (or every candidate) lacked live parts: it is catching up, and another round may find one. */
    static boolean catchingUp(StarlingException error) {
        if (error.errorCode() == ErrorCode.ALL_REPLICAS_ARE_STALE) {
            return true;
        }
        return error.errorCode() == ErrorCode.ALL_CONNECTION_TRIES_FAILED && error.getMessage() != null
                && error.getMessage().contains("catching up");
    }

    private CompletionStage<Started> attempt(FragmentRequest request, List<ReplicaSlot> candidates, int index,
                                             Instant deadline, StarlingException previous) {
        if (index >= Math.min(TRIES, candidates.size())) {
            return CompletableFuture.failedFuture(new StarlingException(ErrorCode.ALL_CONNECTION_TRIES_FAILED,
                    "The query fragment on table [" + request.getTable().getTableId() + "] shard "
                            + request.getShard() + " failed on " + index + " replica(s): " + previous.getMessage()
                            + ". Retry the query"));
        }
        ReplicaSlot replica = candidates.get(index);
        LOG.debug("Query {}: fragment of [{}] shard {} on {} (try {})", request.getQueryId(),
                request.getTable().getTableId(), request.getShard(), replica.getNode(), index + 1);
        return ask(replica, request, deadline).handle((started, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(started);
            }
            StarlingException error = asStarling(failure, replica);
            if (!worthRetrying(error)) {
                return CompletableFuture.<Started>failedFuture(error);
            }
            LOG.debug("Fragment of [{}] shard {} failed on {}: {}", request.getTable().getTableId(),
                    request.getShard(), replica.getNode(), error.getMessage());
            return attempt(request, candidates, index + 1, deadline, error);
        }).thenCompose(next -> next);
    }

    /**
     * Asks {@code replica} to run the fragment; on another node the ask is watched ({@link FragmentWatch}), so a
     * node that died unnoticed fails the ask after a few seconds instead of at the query's deadline.
     */
    private CompletionStage<Started> ask(ReplicaSlot replica, FragmentRequest request, Instant deadline) {
        CompletableFuture<Started> answer = askFragment(replica, request, deadline).toCompletableFuture();
        if (replica.getNode().equals(tables.members().selfId())) {
            return answer;
        }
        return watch.watch(replica.getNode(), answer, late -> late.queue().cancel());
    }

    /** Completes once {@code node}'s fragment host answered a probe (fails after {@link #PROBE_TIMEOUT}). */
    private CompletionStage<FragmentReply> probe(String node) {
        ActorRefResolver refs = ActorRefResolver.get(system);
        return AskPattern.<FragmentRequest, FragmentReply>ask(FragmentHost.refFor(system, node),
                replyTo -> FragmentRequest.newBuilder().setProbe(true)
                        .setReplyTo(refs.toSerializationFormat(replyTo)).build(), PROBE_TIMEOUT, system.scheduler());
    }

    private CompletionStage<Started> askFragment(ReplicaSlot replica, FragmentRequest request, Instant deadline) {
        Duration timeout = Duration.between(Instant.now(), deadline);
        if (timeout.isNegative() || timeout.isZero()) {
            return CompletableFuture.failedFuture(timeout(request.getTable().getTableId()));
        }
        ActorRefResolver refs = ActorRefResolver.get(system);
        return AskPattern.<FragmentRequest, FragmentReply>ask(FragmentHost.refFor(system, replica.getNode()),
                replyTo -> request.toBuilder().setReplyTo(refs.toSerializationFormat(replyTo)).build(), timeout,
                system.scheduler()).thenApply(reply -> {
                    Ack ack = reply.getAck();
                    if (!ack.getOk()) {
                        throw new StarlingException(errorCode(ack.getErrorName()), ack.getErrorMessage());
                    }
                    Source<FragmentBlock, ?> source = reply.getSourceRef().isEmpty()
                            ? Source.from(reply.getInlineBlocksList())
                            : StreamRefResolver.get(system).<FragmentBlock>resolveSourceRef(reply.getSourceRef()).getSource();
                    SinkQueueWithCancel<FragmentBlock> queue = source.runWith(Sink.queue(), materializer);
                    return new Started(reply, queue);
                });
    }

    /**
     * Replicas of the shard on Up nodes that hold every live part, this node's first, then the rest starting at
     * {@code rotation} (so reads spread over the in-sync replicas).
     */
    static List<ReplicaSlot> candidates(ShardLogReply log, ClusterMembers members, int rotation) {
        Set<Integer> inSync = new HashSet<>();
        log.getPlacementList().forEach(slot -> inSync.add(slot.getIndex()));
        for (Holding holding : log.getHoldingsList()) {
            inSync.retainAll(holding.getReplicasList());
        }
        String self = members.selfId();
        List<ReplicaSlot> local = new ArrayList<>();
        List<ReplicaSlot> remote = new ArrayList<>();
        for (ReplicaSlot slot : log.getPlacementList()) {
            if (!inSync.contains(slot.getIndex()) || !members.isUp(slot.getNode())) {
                continue;
            }
            (slot.getNode().equals(self) ? local : remote).add(slot);
        }
        List<ReplicaSlot> ordered = new ArrayList<>(local);
        for (int i = 0; i < remote.size(); i++) {
            ordered.add(remote.get(Math.floorMod(rotation + i, remote.size())));
        }
        return ordered;
    }

    /** The query's own errors (bad SQL, types, limits, the deadline) fail at once; the replica's are retried. */
    static boolean worthRetrying(StarlingException error) {
        return switch (error.errorCode().category()) {
            case RETRYABLE, INTERNAL -> true;
            case USER, NOT_FOUND, CONFLICT, FORBIDDEN, TIMEOUT, RESOURCES -> false;
        };
    }

    private static StarlingException asStarling(Throwable failure, ReplicaSlot replica) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof StarlingException starling) {
            return starling;
        }
        if (cause instanceof TimeoutException) {
            return new StarlingException(ErrorCode.ALL_CONNECTION_TRIES_FAILED, "Replica on node ["
                    + replica.getNode() + "] did not answer the query fragment in time");
        }
        return new StarlingException(ErrorCode.ALL_CONNECTION_TRIES_FAILED, "Replica on node [" + replica.getNode()
                + "] failed the query fragment: " + cause);
    }

    private static <T> T await(CompletionStage<T> stage, Instant deadline, TableSpec table, int shard) {
        long millis = Duration.between(Instant.now(), deadline).toMillis();
        try {
            return stage.toCompletableFuture().get(Math.max(1, millis), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StarlingException starling) {
                throw starling;
            }
            throw new StarlingException(ErrorCode.ALL_CONNECTION_TRIES_FAILED, "Reading table [" + table.getTableId()
                    + "]" + (shard >= 0 ? " shard " + shard : "") + " failed: " + cause + ". Retry the query", cause);
        } catch (TimeoutException e) {
            throw timeout(table.getTableId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StarlingException(ErrorCode.QUERY_WAS_CANCELLED, "The query was cancelled");
        }
    }

    static StarlingException timeout(String tableId) {
        return new StarlingException(ErrorCode.TIMEOUT_EXCEEDED, "The query's deadline passed while reading the"
                + " shards of table [" + tableId + "]; raise max_execution_time or narrow the query");
    }

    static ErrorCode errorCode(String name) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.name().equals(name)) {
                return code;
            }
        }
        return ErrorCode.STD_EXCEPTION;
    }
}
