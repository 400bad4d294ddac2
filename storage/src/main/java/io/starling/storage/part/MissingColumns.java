package io.starling.storage.part;

import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.engine.ColumnDefinition;
import java.util.List;

/**
 * What a part reads for a column it does not hold (one added to the table after the part was written): the
 * column's DEFAULT expression computed from the row's other columns, as ClickHouse does for old parts, else the
 * column type's default. A merge or mutation that rewrites such a part stores the computed values. The SQL module
 * compiles the expressions; storage stays free of SQL. Implementations are immutable and thread-safe.
 */
public interface MissingColumns {
    /** Every missing column reads its type's default. */
    MissingColumns TYPE_DEFAULTS = column -> null;

    /** The expression filling {@code column} when a part lacks it, or null for the type's default. */
    Filler filler(String column);

    /** A compiled DEFAULT expression. */
    interface Filler {
        /** The table columns the expression reads, in the order {@link #values} receives them. */
        List<ColumnDefinition> inputs();

        /** The column's values for a block holding exactly {@link #inputs()}, of the column's own type. */
        Column values(Block inputs);
    }
}
