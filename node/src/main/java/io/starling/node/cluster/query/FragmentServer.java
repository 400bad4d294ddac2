package io.starling.node.cluster.query;

import com.google.protobuf.ByteString;
import io.starling.node.bridge.EngineContracts;
import io.starling.node.cluster.ReplicaNode;
import io.starling.protocol.Ack;
import io.starling.protocol.query.FragmentBlock;
import io.starling.protocol.query.FragmentReply;
import io.starling.protocol.query.FragmentRequest;
import io.starling.sql.QueryContext;
import io.starling.sql.QueryEngine;
import io.starling.sql.QueryResult;
import io.starling.sql.catalog.TableSource;
import io.starling.storage.block.Block;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a query fragment on this node's replica of a table shard: checks that the replica holds every part the
 * ShardLog lists as live (else ALL_REPLICAS_ARE_STALE, and the caller tries another replica), runs the fragment SQL
 * over the replica's MergeTree table (primary-key and partition pruning, PREWHERE, parallel scan and partial
 * aggregation as for a local query) and cuts the result into {@link FragmentBlock}s small enough for one Artery
 * frame. Blocking (disk): call on the blocking-IO dispatcher. Thread-safe.
 */
public final class FragmentServer {
    /** Serialized Block bytes per stream element; Artery's default maximum frame is 256 KiB. */
    static final int MAX_ELEMENT_BYTES = 192 * 1024;

    private final ReplicaNode replicas;
    private final QueryEngine engine;

    public FragmentServer(ReplicaNode replicas, QueryEngine engine) {
        this.replicas = replicas;
        this.engine = engine;
    }

    /** The fragment's result, ready to stream; fails with a StarlingException. */
    public Result execute(FragmentRequest request) {
        MergeTreeTable table = checkedTable(request);
        List<String> partsRead = activePartNames(table);
        Instant deadline = Instant.ofEpochMilli(request.getDeadlineEpochMillis());
        TableSource source = EngineContracts.tableSource(FragmentPlanner.SHARD_TABLE, table);
        QueryContext context = new QueryContext((database, name) -> FragmentPlanner.SHARD_TABLE.equals(name)
                && (database == null || database.isEmpty()) ? Optional.of(source) : Optional.empty(),
                deadline, request.getSettingsMap());
        QueryResult result = engine.execute(request.getSql(), context);
        List<FragmentBlock> elements = new ArrayList<>();
        long rows = 0;
        for (Block block : result.blocks()) {
            rows += block.rowCount();
            cut(block, elements);
        }
        return new Result(elements, result.rowsRead(), result.bytesRead(), rows, partsRead);
    }

    /**
     * The table's active parts, listed before a read starts: the read covers each of them (a part merged meanwhile
     * is read as the part that replaced it, which holds the same rows).
     */
    static List<String> activePartNames(MergeTreeTable table) {
        List<String> names = new ArrayList<>();
        table.activeParts().forEach(part -> names.add(part.name()));
        return names;
    }

    /**
     * This node's replica of the request's shard, once it is known to hold every part the request requires (else
     * ALL_REPLICAS_ARE_STALE) and the deadline has not passed (else TIMEOUT_EXCEEDED).
     */
    public MergeTreeTable checkedTable(FragmentRequest request) {
        Instant deadline = Instant.ofEpochMilli(request.getDeadlineEpochMillis());
        if (Instant.now().isAfter(deadline)) {
            throw new StarlingException(ErrorCode.TIMEOUT_EXCEEDED, "The query's deadline passed before its fragment"
                    + " on shard " + request.getShard() + " started; raise max_execution_time or narrow the query");
        }
        if (request.getEarly() && !java.nio.file.Files.isDirectory(replicas.directory(request.getTable(),
                request.getShard()))) {
            throw new StarlingException(ErrorCode.ALL_REPLICAS_ARE_STALE, "This node holds no replica of table ["
                    + request.getTable().getTableId() + "] shard " + request.getShard() + "; ask the log's replicas");
        }
        MergeTreeTable table = replicas.shardTable(request.getTable(), request.getShard());
        List<String> missing = new ArrayList<>();
        for (String part : request.getRequiredPartsList()) {
            if (!ReplicaNode.holdsPart(table, part)) {
                missing.add(part);
            }
        }
        if (!missing.isEmpty()) {
            throw new StarlingException(ErrorCode.ALL_REPLICAS_ARE_STALE, "This replica of table ["
                    + request.getTable().getTableId() + "] shard " + request.getShard() + " lacks " + missing.size()
                    + " of its live parts (" + missing.get(0) + "...); it is catching up. Retry the query");
        }
        return table;
    }

    /**
     * A plain scan of the request's columns (checked like {@link #execute}), read lazily as it is pulled, and the
     * replica's active parts when it was opened.
     */
    public PlainScan plainScan(FragmentRequest request) {
        MergeTreeTable table = checkedTable(request);
        List<String> partsRead = activePartNames(table);
        TableSource source = EngineContracts.tableSource(FragmentPlanner.SHARD_TABLE, table);
        List<String> columns = List.copyOf(request.getScanColumnsList());
        io.starling.storage.engine.ScanStatistics statistics = new io.starling.storage.engine.ScanStatistics();
        return new PlainScan(() -> request.getScanFinal() ? source.scanFinal(columns, statistics)
                : source.scan(columns, statistics), partsRead);
    }

    /** A plain scan to open as the stream is pulled, and the active parts it covers. */
    public record PlainScan(java.util.function.Supplier<io.starling.storage.block.BlockStream> open,
                            List<String> partsRead) {
    }

    /**
     * Serializes {@code block} as elements of at most {@link #MAX_ELEMENT_BYTES} (halving it until they fit; a
     * single row still too big goes in pieces marked {@code continued}).
     */
    static void cut(Block block, List<FragmentBlock> into) {
        if (block.rowCount() == 0) {
            return;
        }
        byte[] bytes = EngineContracts.serialize(block);
        if (bytes.length <= MAX_ELEMENT_BYTES) {
            into.add(FragmentBlock.newBuilder().setBlock(ByteString.copyFrom(bytes)).setRows(block.rowCount()).build());
            return;
        }
        if (block.rowCount() == 1) {
            for (int from = 0; from < bytes.length; from += MAX_ELEMENT_BYTES) {
                int length = Math.min(MAX_ELEMENT_BYTES, bytes.length - from);
                into.add(FragmentBlock.newBuilder().setBlock(ByteString.copyFrom(bytes, from, length))
                        .setRows(1).setContinued(from + length < bytes.length).build());
            }
            return;
        }
        int half = block.rowCount() / 2;
        cut(block.region(0, half), into);
        cut(block.region(half, block.rowCount() - half), into);
    }

    /** A fragment's answer: the stream elements and what the fragment read. */
    public record Result(List<FragmentBlock> elements, long rowsRead, long bytesRead, long rows,
                         List<String> partsRead) {
        /** True when the elements fit in the reply message itself (one Artery frame with room to spare). */
        boolean fitsInReply() {
            long bytes = 0;
            for (FragmentBlock element : elements) {
                bytes += element.getBlock().size();
            }
            return bytes <= MAX_ELEMENT_BYTES;
        }

        FragmentReply.Builder reply() {
            return FragmentReply.newBuilder().setAck(Ack.newBuilder().setOk(true)).setRowsRead(rowsRead)
                    .setBytesRead(bytesRead).setRows(rows).addAllPartsRead(partsRead);
        }
    }
}
