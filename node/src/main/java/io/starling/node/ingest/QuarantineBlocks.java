package io.starling.node.ingest;

import io.starling.protocol.shard.TableSpec;
import io.starling.protocol.shard.TableSpecs;
import io.starling.sql.format.input.QuarantinedRow;
import io.starling.storage.block.Block;
import io.starling.storage.column.ArrayColumnBuilder;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.engine.TableDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds blocks for a quarantine table (see DataSourceTables.quarantine): the raw values as Nullable(String),
 * then c__error_column, c__error, c__import_id and insertion_date.
 */
public final class QuarantineBlocks {
    private QuarantineBlocks() {
    }

    /** The rows one request could not store, and the request's import id. */
    public record Rejected(List<QuarantinedRow> rows, String importId) {
    }

    public static List<Block> build(TableSpec quarantine, List<QuarantinedRow> rows, String importId,
                                    long insertionEpochSeconds) {
        return build(quarantine, List.of(new Rejected(rows, importId)), insertionEpochSeconds);
    }

    /** The rows of every request in order, each with its own import id, in blocks of at most MAX_ROWS rows. */
    public static List<Block> build(TableSpec quarantine, List<Rejected> requests, long insertionEpochSeconds) {
        TableDefinition definition = TableSpecs.toDefinition(quarantine);
        int valueColumns = definition.columns().size() - 4;
        List<QuarantinedRow> rows = new ArrayList<>();
        List<String> importIds = new ArrayList<>();
        for (Rejected request : requests) {
            rows.addAll(request.rows());
            importIds.addAll(Collections.nCopies(request.rows().size(), request.importId()));
        }
        List<Block> blocks = new ArrayList<>();
        for (int start = 0; start < rows.size(); start += Block.MAX_ROWS) {
            int end = Math.min(rows.size(), start + Block.MAX_ROWS);
            List<ColumnBuilder> builders = new ArrayList<>();
            for (var column : definition.columns()) {
                builders.add(ColumnBuilder.forType(column.type(), end - start));
            }
            for (int index = start; index < end; index++) {
                QuarantinedRow row = rows.get(index);
                for (int i = 0; i < valueColumns; i++) {
                    String value = i < row.rawValues().size() ? row.rawValues().get(i) : null;
                    if (value == null) {
                        builders.get(i).appendNull();
                    } else {
                        builders.get(i).appendString(value);
                    }
                }
                appendArray((ArrayColumnBuilder) builders.get(valueColumns), row.errorColumns());
                appendArray((ArrayColumnBuilder) builders.get(valueColumns + 1), row.errors());
                builders.get(valueColumns + 2).appendString(importIds.get(index));
                builders.get(valueColumns + 3).appendLong(insertionEpochSeconds);
            }
            List<Column> columns = new ArrayList<>(builders.size());
            for (ColumnBuilder builder : builders) {
                columns.add(builder.build());
            }
            blocks.add(new Block(columns, end - start));
        }
        return blocks;
    }

    private static void appendArray(ArrayColumnBuilder builder, List<String> values) {
        for (String value : values) {
            builder.elements().appendString(value);
        }
        builder.closeArray();
    }
}
