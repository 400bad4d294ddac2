package io.starling.node.ingest;

import io.starling.coordinator.catalog.DataSourceTables;
import io.starling.node.shard.Replicas;
import io.starling.protocol.catalog.ColumnSpec;
import io.starling.protocol.catalog.DataSourceSpec;
import io.starling.protocol.shard.TableSpec;
import io.starling.sql.format.input.CsvDialect;
import io.starling.sql.format.input.CsvInput;
import io.starling.sql.format.input.IngestColumn;
import io.starling.sql.format.input.NdjsonInput;
import io.starling.sql.format.input.ParsedRows;
import io.starling.storage.block.Block;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataTypes;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Parses an import body against a data source and writes it: good rows to the data source's shard replica,
 * bad rows to {@code X_quarantine}. Blocking (parsing and waiting for durable parts): run it on the
 * blocking-IO dispatcher. Thread-safe.
 */
public final class IngestService {
    public enum Format { CSV, NDJSON }

    private static final Duration INSERT_TIMEOUT = Duration.ofSeconds(120);

    private final Replicas replicas;
    private final Clock clock;

    public IngestService(Replicas replicas, Clock clock) {
        this.replicas = replicas;
        this.clock = clock;
    }

    /** Parses and inserts {@code body}; answers once every written row is durable. Closes {@code body}. */
    public IngestResult ingest(DataSourceSpec dataSource, InputStream body, Format format, CsvDialect dialect,
                               String importId) {
        ParsedRows parsed = parse(dataSource, body, format, dialect);
        TableSpec table = DataSourceTables.table(dataSource);
        long written = 0;
        for (Block block : parsed.blocks()) {
            if (block.rowCount() > 0) {
                await(replicas.insert(table, block).toCompletableFuture());
                written += block.rowCount();
            }
        }
        quarantine(dataSource, parsed, importId);
        return new IngestResult(importId, written, parsed.quarantined().size(), parsed.invalidLines());
    }

    /** Writes the parsed rows' bad rows to the quarantine table. */
    public void quarantine(DataSourceSpec dataSource, ParsedRows parsed, String importId) {
        if (!parsed.quarantined().isEmpty()) {
            TableSpec quarantine = DataSourceTables.quarantine(dataSource);
            long now = clock.instant().getEpochSecond();
            for (Block block : QuarantineBlocks.build(quarantine, parsed.quarantined(), importId, now)) {
                await(replicas.insert(quarantine, block).toCompletableFuture());
            }
        }
    }

    /** Parses {@code body} against the data source's columns (without writing). Closes {@code body}. */
    public ParsedRows parse(DataSourceSpec dataSource, InputStream body, Format format, CsvDialect dialect) {
        ParsedRows parsed;
        try (InputStream input = RequestBodies.gunzipIfCompressed(body)) {
            List<IngestColumn> columns = ingestColumns(dataSource, format);
            parsed = switch (format) {
                case CSV -> CsvInput.parse(input, columns, dialect == null ? CsvDialect.GUESS : dialect);
                case NDJSON -> NdjsonInput.parse(input, columns);
            };
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA,
                    "Cannot read the request body: " + e.getMessage(), e);
        }
        return parsed;
    }

    static List<IngestColumn> ingestColumns(DataSourceSpec dataSource, Format format) {
        List<IngestColumn> columns = new ArrayList<>(dataSource.getColumnsCount());
        for (ColumnSpec column : dataSource.getColumnsList()) {
            String jsonPath = column.hasJsonPath() ? column.getJsonPath()
                    : format == Format.NDJSON ? "$." + column.getName() : null;
            columns.add(new IngestColumn(column.getName(), DataTypes.parse(column.getType()), jsonPath,
                    column.hasDefaultExpression() ? column.getDefaultExpression() : null));
        }
        return columns;
    }

    public static void await(java.util.concurrent.CompletableFuture<?> future) {
        try {
            future.get(INSERT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StarlingException(ErrorCode.STD_EXCEPTION, "Insert failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new StarlingException(ErrorCode.TIMEOUT_EXCEEDED, "The table replica did not confirm the insert within "
                    + INSERT_TIMEOUT.toSeconds() + " s; retry the request");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StarlingException(ErrorCode.QUERY_WAS_CANCELLED, "Insert interrupted; retry the request");
        }
    }
}
