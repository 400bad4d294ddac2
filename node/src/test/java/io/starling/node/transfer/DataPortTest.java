package io.starling.node.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.starling.node.bridge.EngineContracts;
import io.starling.node.shard.LocalTables;
import io.starling.node.shard.ReplicaStore;
import io.starling.protocol.shard.TableColumn;
import io.starling.protocol.shard.TableSpec;
import io.starling.storage.block.Block;
import io.starling.storage.column.LongColumn;
import io.starling.storage.engine.MergeTreeSnapshot;
import io.starling.storage.engine.MergeTreeTable;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.part.PartFiles;
import io.starling.storage.part.PartName;
import io.starling.storage.type.IntegerType;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two data directories in one JVM: a part streamed through the data port, verified, resumed and attached. */
class DataPortTest {
    private static final TableSpec TABLE = TableSpec.newBuilder().setTableId("t_port")
            .addColumns(TableColumn.newBuilder().setName("id").setType("Int64"))
            .setEngine("MergeTree").addSortingKey("id").build();

    @TempDir
    Path source;
    @TempDir
    Path target;

    private LocalTables sourceTables;
    private LocalTables targetTables;
    private DataPortServer server;
    private String address;

    @BeforeEach
    void start() {
        sourceTables = new LocalTables();
        targetTables = new LocalTables();
        server = DataPortServer.start(source, "127.0.0.1", 0, 4);
        address = "127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        sourceTables.close();
        targetTables.close();
    }

    private static Block block(int rows, long start) {
        long[] values = new long[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = start + i;
        }
        return new Block(List.of(new LongColumn(IntegerType.INT64, values)), rows);
    }

    private static long sum(MergeTreeTable table) {
        long total = 0;
        try (MergeTreeSnapshot snapshot = table.snapshot()) {
            var stream = snapshot.scan(List.of("id"), new io.starling.storage.engine.ScanStatistics());
            for (Block block = stream.next(); block != null; block = stream.next()) {
                LongColumn column = (LongColumn) block.column(0);
                for (int row = 0; row < block.rowCount(); row++) {
                    total += column.getLong(row);
                }
            }
        }
        return total;
    }

    @Test
    void fetchedPartIsVerifiedAndAttachedWithTheSameRows() {
        MergeTreeTable origin = new ReplicaStore(source, sourceTables).open(TABLE);
        String part = origin.insert(block(50_000, 1), 7).partNames().get(0);
        assertThat(part).isEqualTo("all_7_7_0");

        MergeTreeTable replica = new ReplicaStore(target, targetTables).open(TABLE);
        Path prepared = new PartFetcher(2).fetch(address, TABLE.getTableId(), part, replica.directory());
        assertThat(prepared.getFileName().toString()).startsWith(PartFetcher.TEMPORARY_PREFIX);
        assertThat(replica.attachPart(prepared, PartName.tryParse(part).orElseThrow())).isTrue();

        assertThat(replica.activeParts()).extracting(p -> p.name()).containsExactly(part);
        assertThat(replica.statistics().rowCount()).isEqualTo(50_000);
        assertThat(sum(replica)).isEqualTo(sum(origin));
        assertThat(Files.exists(prepared)).isFalse();
        // Attaching again is a no-op: the replica holds the part.
        Path again = new PartFetcher(2).fetch(address, TABLE.getTableId(), part, replica.directory());
        assertThat(replica.attachPart(again, PartName.tryParse(part).orElseThrow())).isFalse();
        assertThat(replica.statistics().rowCount()).isEqualTo(50_000);
    }

    @Test
    void anInterruptedTransferResumesFromTheBytesAlreadyFetched() throws Exception {
        MergeTreeTable origin = new ReplicaStore(source, sourceTables).open(TABLE);
        String part = origin.insert(block(20_000, 100), 3).partNames().get(0);
        MergeTreeTable replica = new ReplicaStore(target, targetTables).open(TABLE);

        // A first attempt left half of every data file and a garbage-free prefix behind.
        Path temporary = PartFetcher.temporaryDirectory(replica.directory(), part);
        Files.createDirectories(temporary);
        Path sourcePart = source.resolve(TABLE.getTableId()).resolve(part);
        try (Stream<Path> files = Files.list(sourcePart)) {
            for (Path file : files.toList()) {
                byte[] bytes = Files.readAllBytes(file);
                Files.write(temporary.resolve(file.getFileName()), java.util.Arrays.copyOf(bytes, bytes.length / 2));
            }
        }
        Path prepared = new PartFetcher(1).fetch(address, TABLE.getTableId(), part, replica.directory());
        assertThat(replica.attachPart(prepared, PartName.tryParse(part).orElseThrow())).isTrue();
        assertThat(sum(replica)).isEqualTo(sum(origin));
    }

    @Test
    void aCorruptSourceIsDetectedAndNothingIsAttached() throws Exception {
        MergeTreeTable origin = new ReplicaStore(source, sourceTables).open(TABLE);
        String part = origin.insert(block(1_000, 1), 1).partNames().get(0);
        Path sourcePart = source.resolve(TABLE.getTableId()).resolve(part);
        Path dataFile;
        try (Stream<Path> files = Files.list(sourcePart)) {
            dataFile = files.filter(file -> file.getFileName().toString().endsWith(PartFiles.DATA_SUFFIX))
                    .findFirst().orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(dataFile.toFile(), "rw")) {
            file.seek(file.length() / 2);
            int value = file.read();
            file.seek(file.length() / 2);
            file.write(value ^ 0xff);
        }
        MergeTreeTable replica = new ReplicaStore(target, targetTables).open(TABLE);
        assertThatThrownBy(() -> new PartFetcher(1).fetch(address, TABLE.getTableId(), part, replica.directory()))
                .isInstanceOfSatisfying(StarlingException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CHECKSUM_DOESNT_MATCH));
        assertThat(PartFetcher.temporaryDirectory(replica.directory(), part)).doesNotExist();
        assertThat(replica.statistics().rowCount()).isZero();
    }

    @Test
    void aMissingPartIsARetryableError() {
        MergeTreeTable replica = new ReplicaStore(target, targetTables).open(TABLE);
        assertThatThrownBy(() -> new PartFetcher(1).fetch(address, TABLE.getTableId(), "all_9_9_0", replica.directory()))
                .isInstanceOfSatisfying(StarlingException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ALL_REPLICAS_ARE_STALE))
                .hasMessageContaining("does not have part [all_9_9_0]");
    }

    @Test
    void requestsCannotLeaveTheTablesDirectory() {
        assertThatThrownBy(() -> DataPortProtocol.parse("FETCH t_port .. checksums.txt 0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataPortProtocol.parse("FETCH t_port all_1_1_0 ../x 0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DataPortProtocol.parse("FETCH t_port all_1_1_0 id.bin 12"))
                .isEqualTo(new DataPortProtocol.Request("t_port", "all_1_1_0", "id.bin", 12));
        assertThat(new DataPortProtocol.Request("t", "all_1_1_0", "id.bin", 5).line())
                .isEqualTo("FETCH t all_1_1_0 id.bin 5\n");
    }
}
