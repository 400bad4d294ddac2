package io.starling.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.starling.node.NodeConfig;
import io.starling.node.StarlingNode;
import io.starling.node.shard.ShardLog;
import io.starling.node.testing.Api;
import io.starling.protocol.shardlog.ShardLogReply;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shard log of a busy replicated table (R=3, one shard) stays bounded: under a steady insert stream its kept
 * entries stay few while its length grows (entries every replica applied are dropped), and the journal deletes the
 * events older than its snapshots. A node stopped while the log was truncated past its cursor clones the live parts
 * when it returns and then holds exactly the acknowledged rows. Three server nodes in this JVM, small snapshot and
 * truncation intervals ({@code starling.shard-log.*}); journal: PostgreSQL when available, else a shared H2 file.
 */
class LogTruncationClusterTest {
    private static final String TOKEN = "p.truncation-test-token";
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final int SNAPSHOT_EVERY = 50;
    private static final int TRUNCATE_BATCH = 20;
    /** The log grows past three times this; without truncation every entry would be kept. */
    private static final long KEPT_BOUND = 100;

    @TempDir
    Path root;

    private final StarlingNode[] nodes = new StarlingNode[3];
    private final int[] ports = new int[3];
    private ClusterConfig.Journal journal;
    private String tableId;
    private BackgroundWriter writer;
    private volatile String lastAnswer = "";
    private long maxKept;
    private long maxLength;

    @AfterEach
    void stopAll() {
        if (writer != null) {
            writer.stopSoon();
        }
        for (StarlingNode node : nodes) {
            if (node != null) {
                node.stop();
            }
        }
    }

    @Test
    void theLogStaysBoundedAndANodeBackFromBelowItsTruncationPointCatchesUp() throws Exception {
        journal = ClusterTestSupport.journal(root);
        for (int i = 0; i < 3; i++) {
            ports[i] = ClusterTestSupport.freePort();
        }
        for (int i = 0; i < 3; i++) {
            nodes[i] = StarlingNode.start(config(i));
        }
        await("3 data nodes are Up", () -> new ClusterMembers(Cluster.get(nodes[0].actorSystem())).upDataNodes().size() == 3);
        try (Api api = new Api(nodes[0].httpPort(), TOKEN)) {
            HttpResponse<String> created = api.post("/v0/datasources?name=ev&schema="
                    + Api.encode("id Int64 `json:$.id`, v Int64 `json:$.v`"), "");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            tableId = Api.json(created).path("datasource").path("id").asText(Api.json(created).path("id").asText());
        }
        writer = new BackgroundWriter("truncation-test-writer", () -> nodes[0].httpPort(), TOKEN, "ev", 5, DEADLINE);
        writer.start();

        // All three replicas follow: the log drops what they applied, its kept entries stay few.
        await("the log is 150 entries long and truncated", () -> {
            ShardLogReply log = sample();
            return log.getLogLength() >= 150 && log.getTruncatedThrough() > 0;
        });

        // Node 3 stops. Its replica falls silent; the other two keep the log truncating past node 3's cursor.
        nodes[2].stop();
        nodes[2] = null;
        await("node 3 left", () -> new ClusterMembers(Cluster.get(nodes[0].actorSystem())).upDataNodes().size() == 2);
        long stoppedAt = AppliedCursor.read(root.resolve("node2").resolve("tables").resolve(tableId));
        assertThat(stoppedAt).as("node 3 applied part of the log before it stopped").isPositive();
        await("the log is truncated well past node 3's cursor " + stoppedAt, () -> {
            ShardLogReply log = sample();
            return log.getTruncatedThrough() > stoppedAt + 2L * TRUNCATE_BATCH && log.getLogLength() >= 400;
        });

        // The journal kept only the events of the last snapshots (and the newest event's row, its sequence number).
        long[] journalRows = journalRows();
        System.out.println("LogTruncationClusterTest: journal holds " + journalRows[0] + " rows of the shard log,"
                + " highest sequence number " + journalRows[1]);
        assertThat(journalRows[1]).as("events written").isGreaterThan(6L * SNAPSHOT_EVERY);
        assertThat(journalRows[0]).as("event rows left in the journal").isLessThanOrEqualTo(4L * SNAPSHOT_EVERY);

        // Node 3 returns below the truncation point: it clones the live parts and follows the log again.
        nodes[2] = StarlingNode.start(config(2));
        await("node 3 is Up again", () -> new ClusterMembers(Cluster.get(nodes[0].actorSystem())).upDataNodes().size() == 3);
        await("node 3 follows the log again", () -> {
            long cursor = AppliedCursor.read(root.resolve("node2").resolve("tables").resolve(tableId));
            return cursor > sample().getTruncatedThrough();
        });
        writer.stop();
        System.out.println("LogTruncationClusterTest: " + writer.acknowledgedRows() + " rows acknowledged, "
                + writer.retried().size() + " insert attempts retried " + writer.retried().stream().limit(3).toList()
                + "; log length " + maxLength + ", at most " + maxKept + " entries kept");
        assertThat(writer.failures()).as("failed inserts").isEmpty();
        long rows = writer.acknowledgedRows();
        for (int index = 0; index < 3; index++) {
            int node = index;
            await("node " + (node + 1) + "'s replica holds exactly the " + rows + " acknowledged rows",
                    () -> rowsOnDisk(node) == rows);
        }
        await("node 3 answers every acknowledged row", () -> {
            long[] answer = answers(nodes[2]);
            return answer != null && answer[0] == rows && answer[1] == rows && answer[2] == rows * (rows + 1) / 2;
        });
        // Bounded: well under the log's length at any time. How far under depends on how often the replicas report
        // (every sync round, 300 ms here; a loaded 2-core box stretches rounds to seconds), so no fixed count.
        assertThat(maxLength).isGreaterThan(3 * KEPT_BOUND);
        assertThat(maxKept).as("entries kept while the log grew to " + maxLength).isLessThan(maxLength / 2);
    }

    /**
     * The same journal deletion on H2 (the node's own file journal): a one-node server cluster writes a few hundred
     * shard log events; after it stopped, its journal holds only the events of the last snapshots.
     */
    @Test
    void theJournalDeletesEventsOlderThanTheSnapshotsOnH2() throws Exception {
        journal = ClusterConfig.Journal.H2;
        ports[0] = ClusterTestSupport.freePort();
        nodes[0] = StarlingNode.start(config(0));
        try (Api api = new Api(nodes[0].httpPort(), TOKEN)) {
            HttpResponse<String> created = api.post("/v0/datasources?name=ev&schema="
                    + Api.encode("id Int64 `json:$.id`, v Int64 `json:$.v`"), "");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            tableId = Api.json(created).path("datasource").path("id").asText(Api.json(created).path("id").asText());
            for (int batch = 0; batch < 100; batch++) {
                HttpResponse<String> appended = api.post("/v0/events?name=ev&wait=true",
                        BackgroundWriter.batch(batch * 5L + 1, 5));
                assertThat(appended.statusCode()).as(appended.body()).isEqualTo(200);
            }
        }
        nodes[0].stop();
        nodes[0] = null;
        String url = io.starling.node.NodeSettings.jdbcUrl(root.resolve("node0"));
        long[] rows = journalRows(url, "sa", "");
        System.out.println("LogTruncationClusterTest (H2): journal holds " + rows[0] + " rows of the shard log,"
                + " highest sequence number " + rows[1]);
        assertThat(rows[1]).as("events written").isGreaterThan(4L * SNAPSHOT_EVERY);
        assertThat(rows[0]).as("event rows left in the journal").isLessThanOrEqualTo(4L * SNAPSHOT_EVERY);
    }

    /** The log's head; records the most entries it kept once it truncated and its length. */
    private ShardLogReply sample() {
        ShardLogs logs = new ShardLogs(ClusterSharding.get(nodes[0].actorSystem()), Duration.ofSeconds(20));
        ShardLogReply log = logs.getLog(tableId, 0, Long.MAX_VALUE).toCompletableFuture().join();
        if (log.getTruncatedThrough() > 0) {
            maxKept = Math.max(maxKept, log.getLogLength() - log.getTruncatedThrough());
        }
        maxLength = Math.max(maxLength, log.getLogLength());
        lastAnswer = "log length " + log.getLogLength() + ", truncated through " + log.getTruncatedThrough()
                + "; acknowledged rows " + writer.acknowledgedRows() + " " + writer.lastOutcome();
        return log;
    }

    /** Event rows of the shard log in the journal table, and its highest sequence number. */
    private long[] journalRows() throws Exception {
        return journalRows(journal.url(), journal.user(), journal.password());
    }

    private long[] journalRows(String url, String user, String password) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement statement = connection.prepareStatement("SELECT count(*), max(\"sequence_number\")"
                     + " FROM \"event_journal\" WHERE \"persistence_id\" = ?")) {
            statement.setString(1, ShardLog.TYPE_KEY.name() + "|" + ShardLog.entityId(tableId, 0));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return new long[] {result.getLong(1), result.getLong(2)};
            }
        }
    }

    private NodeConfig config(int index) throws IOException {
        Path file = root.resolve("shard-log.conf");
        Files.writeString(file, "starling.shard-log { snapshot-every = " + SNAPSHOT_EVERY + ", truncate-batch = "
                + TRUNCATE_BATCH + ", replica-silent-after = 5s }\n");
        ClusterConfig cluster = ClusterConfig.server(List.of("127.0.0.1:" + ports[0]))
                .withJournal(journal).withSplitBrainStableAfterSeconds(5).withSyncIntervalMillis(300)
                .withConfigFile(file);
        return NodeConfig.defaults().withHttpPort(0).withDataDir(root.resolve("node" + index))
                .withWorkspaceToken(TOKEN).withRemotePort(ports[index]).withCluster(cluster);
    }

    /** Rows of the active parts on a node's disk; -1 while unreadable ({@link ClusterTestSupport#activeRowsOnDisk}). */
    private long rowsOnDisk(int node) {
        long rows = ClusterTestSupport.activeRowsOnDisk(root.resolve("node" + node).resolve("tables").resolve(tableId));
        lastAnswer = "node " + (node + 1) + " holds " + rows + " rows in its active parts";
        return rows;
    }

    /** count(), uniqExact(id) and sum(v) through a node's Query API; null while it fails. */
    private long[] answers(StarlingNode node) {
        return ClusterTestSupport.queryRow(node, TOKEN, "SELECT count() AS c, uniqExact(id) AS u, sum(v) AS s FROM ev",
                answer -> lastAnswer = answer, "c", "u", "s");
    }

    private void await(String what, java.util.function.BooleanSupplier condition) {
        ClusterTestSupport.await(what, DEADLINE, () -> lastAnswer, condition);
    }
}
