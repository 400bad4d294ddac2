package io.starling.sql.exec.scan;

import io.starling.sql.catalog.TableSource;
import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.storage.block.Block;
import io.starling.storage.block.BlockStream;
import java.util.List;

/** Streams the blocks of a table, reading only the named columns; the source counts what it reads. */
public final class TableScanOperator extends Operator {
    private final TableSource table;
    private final List<String> columns;
    private BlockStream stream;
    private boolean closed;

    public TableScanOperator(ExecutionContext context, TableSource table, List<String> columns) {
        super(context);
        this.table = table;
        this.columns = List.copyOf(columns);
    }

    @Override
    protected Block produce() {
        if (closed) {
            return null;
        }
        if (stream == null) {
            stream = table.scan(columns, context().statistics());
        }
        Block block = stream.next();
        if (block == null) {
            close();
        }
        return block;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (stream != null) {
                stream.close();
            }
        }
    }
}
