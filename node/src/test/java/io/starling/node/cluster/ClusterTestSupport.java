package io.starling.node.cluster;

import io.starling.storage.part.PartName;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** What multi-node tests share: free ports, a fresh journal database, deadline-bounded waits. */
final class ClusterTestSupport {
    private ClusterTestSupport() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The active parts of a table directory: complete part directories (checksums written) that no other covers,
     * so temporary directories (inserts and merges in flight, retired parts waiting for deletion) are left out; none
     * when the directory is missing.
     */
    static List<PartName> activeParts(Path table) throws IOException {
        if (!Files.isDirectory(table)) {
            return List.of();
        }
        try (var entries = Files.list(table)) {
            List<PartName> names = new ArrayList<>();
            for (Path entry : entries.toList()) {
                Optional<PartName> name = PartName.tryParse(entry.getFileName().toString());
                if (name.isPresent() && Files.exists(entry.resolve("checksums.txt"))) {
                    names.add(name.get());
                }
            }
            return names.stream().filter(name -> names.stream().noneMatch(other -> other.covers(name))).toList();
        }
    }

    /** Rows of the {@link #activeParts}; -1 while a part is retired under the listing (the caller's await looks again). */
    static long activeRowsOnDisk(Path table) {
        try {
            long rows = 0;
            for (PartName name : activeParts(table)) {
                rows += Long.parseLong(Files.readString(table.resolve(name.toString()).resolve("count.txt")).trim());
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (java.lang.management.ThreadInfo thread : java.lang.management.ManagementFactory.getThreadMXBean()
                .dumpAllThreads(true, true)) {
            dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
            if (thread.getLockName() != null) {
                dump.append(" on ").append(thread.getLockName());
            }
            dump.append('\n');
            for (StackTraceElement frame : thread.getStackTrace()) {
                dump.append("    at ").append(frame).append('\n');
            }
        }
        return dump.toString();
    }

    /** Polls {@code condition} until it holds or {@code deadline} passes (then fails naming {@code lastAnswer}). */
    static void await(String what, Duration deadline, Supplier<String> lastAnswer, BooleanSupplier condition) {
        Instant end = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                // the nodes share this JVM: their threads show where a silent stall waits (in the test's output file)
                System.out.println("Thread dump after waiting until " + what + ":\n" + threadDump());
                throw new AssertionError("Timed out after " + deadline.toSeconds() + " s waiting until " + what
                        + "; last answer: " + lastAnswer.get());
            }
            try {
                Thread.sleep(50);   // polling interval of a deadline-bounded wait, not a fixed delay
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting until " + what);
            }
        }
    }

    /**
     * The named columns of the first row a query answers through a node's Query API (as longs), or null while it
     * fails; {@code record} gets the raw answer (or the error) for a timed-out wait's message.
     */
    static long[] queryRow(io.starling.node.StarlingNode node, String token, String sql,
                           java.util.function.Consumer<String> record, String... columns) {
        try (io.starling.node.testing.Api api = new io.starling.node.testing.Api(node.httpPort(), token)) {
            java.net.http.HttpResponse<String> response = api.get("/v0/sql?q="
                    + io.starling.node.testing.Api.encode(sql + " FORMAT JSON"));
            record.accept(response.statusCode() + " " + response.body());
            if (response.statusCode() != 200) {
                return null;
            }
            com.fasterxml.jackson.databind.JsonNode row = io.starling.node.testing.Api.json(response).get("data").get(0);
            long[] values = new long[columns.length];
            for (int i = 0; i < columns.length; i++) {
                values[i] = row.get(columns[i]).asLong();
            }
            return values;
        } catch (RuntimeException e) {
            record.accept(e.toString());
            return null;
        }
    }

    /** count() and sum(v) of the tests' data source {@code ev} through a node ({@link #queryRow}). */
    static long[] countAndSum(io.starling.node.StarlingNode node, String token,
                              java.util.function.Consumer<String> record) {
        return queryRow(node, token, "SELECT count() AS c, sum(v) AS s FROM ev", record, "c", "s");
    }

    /** A fresh database on PostgreSQL (STARLING_PG_URL or bin/pg-local), else a shared H2 file under {@code root}. */
    static ClusterConfig.Journal journal(Path root) throws Exception {
        String url = System.getenv("STARLING_PG_URL");
        String reason = null;
        if (url == null) {
            try {
                Process process = new ProcessBuilder(Path.of("..", "bin", "pg-local").toString(), "start")
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0 && output.startsWith("jdbc:")) {
                    url = output.lines().reduce((a, b) -> b).orElse(output);
                } else {
                    reason = "bin/pg-local start failed";
                }
            } catch (IOException e) {
                reason = e.toString();
            }
        }
        if (url != null) {
            int query = url.indexOf('?');
            String base = url.substring(0, url.lastIndexOf('/', query < 0 ? url.length() : query));
            String params = query < 0 ? "" : url.substring(query);
            String database = "starling_sh_" + Long.toHexString(System.nanoTime());
            try (Connection connection = DriverManager.getConnection(base + "/postgres" + params);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
                return ClusterConfig.Journal.postgres(base + "/" + database + params, "postgres", "");
            } catch (java.sql.SQLException e) {
                reason = "PostgreSQL at [" + base + "] refused: " + e.getMessage();
            }
        }
        System.out.println("Cluster test journal: PostgreSQL unavailable (" + reason + "); using a shared H2 file");
        Path file = root.resolve("journal").resolve("journal");
        Files.createDirectories(file.getParent());
        // Nodes in one JVM share the embedded database by its URL (H2 2.x refuses AUTO_SERVER with DB_CLOSE_ON_EXIT).
        return ClusterConfig.Journal.h2("jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }
}
