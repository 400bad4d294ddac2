package io.starling.sql.exec.fill;

import io.starling.sql.exec.Blocks;
import io.starling.sql.exec.ExecutionContext;
import io.starling.sql.exec.Operator;
import io.starling.sql.exec.aggregate.KeySerializer;
import io.starling.sql.plan.PlanNode;
import io.starling.storage.block.Block;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.type.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * ORDER BY ... WITH FILL over its sorted input: between the real rows (and up to TO after them, from FROM before
 * them) inserts rows whose fill keys step through the missing values. Rows with different values of the sort
 * keys before the first fill key (the sorting prefix) are filled independently; inserted rows copy the prefix
 * and take their type's default in every other column. Empty input with FROM and TO yields the whole range.
 * Materialises its input (which a sort already did).
 */
public final class FillOperator extends Operator {
    private final Operator input;
    private final PlanNode.Fill node;
    private final List<DataType> types;
    private final PlanNode.FillKey[] keys;
    private final FillStep[] steps;
    private Iterator<Block> output;
    private io.starling.sql.exec.QueryMemory.Reservation memory;

    // state of the filling, as rows are visited
    private FillRow filling;
    private FillRow next;
    private FillRow current;
    private FillRow scratch;
    private boolean inserted;
    private int lastPrefixRow = -1;

    private List<Column> in;
    private ColumnBuilder[] out;
    private int outRows;

    public FillOperator(ExecutionContext context, Operator input, PlanNode.Fill node) {
        super(context);
        this.input = input;
        this.node = node;
        this.types = node.output().stream().map(ColumnDefinition::type).toList();
        this.keys = node.keys().toArray(PlanNode.FillKey[]::new);
        this.steps = new FillStep[keys.length];
        for (int i = 0; i < keys.length; i++) {
            steps[i] = new FillStep(keys[i], types.get(keys[i].column()));
        }
    }

    @Override
    protected Block produce() {
        if (output == null) {
            output = fill().iterator();
        }
        return output.hasNext() ? output.next() : null;
    }

    private List<Block> fill() {
        List<Block> blocks = new ArrayList<>();
        int total = 0;
        memory = context().memory().reservation("Fill");
        Block block;
        while ((block = input.next()) != null) {
            blocks.add(block);
            total += block.rowCount();
            memory.grow(block.sizeInBytes());
        }
        in = total == 0 ? List.of() : Blocks.concat(blocks, types);
        out = new ColumnBuilder[types.size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = ColumnBuilder.forType(types.get(c), total + 16);
        }
        filling = new FillRow(keys, steps);
        next = new FillRow(keys, steps);
        current = new FillRow(keys, steps);
        scratch = new FillRow(keys, steps);
        KeySerializer serializer = new KeySerializer();
        Column[] prefix = new Column[node.prefix().length];
        for (int i = 0; i < prefix.length && total > 0; i++) {
            prefix[i] = in.get(node.prefix()[i]);
        }
        byte[] previousPrefix = null;
        int start = 0;
        while (start < total) {
            context().check();
            int end = start + 1;
            if (prefix.length > 0) {
                serializer.serialize(prefix, start);
                byte[] key = Arrays.copyOf(serializer.buffer(), serializer.length());
                while (end < total) {
                    serializer.serialize(prefix, end);
                    if (!Arrays.equals(key, 0, key.length, serializer.buffer(), 0, serializer.length())) {
                        break;
                    }
                    end++;
                }
                if (previousPrefix != null) {
                    suffix();
                }
                previousPrefix = key;
            } else {
                end = total;
            }
            range(start, end, start == 0 || prefix.length > 0);
            start = end;
        }
        if (total == 0) {
            filling.initFromDefaults(0);
            inserted = false;
        }
        suffix();
        List<Column> columns = new ArrayList<>(out.length);
        for (ColumnBuilder builder : out) {
            columns.add(builder.build());
        }
        long filled = 0;
        for (Column column : columns) {
            filled += column.sizeInBytes();
        }
        memory.resizeTo(filled);
        return Blocks.split(columns, outRows);
    }

    /** Rows {@code [begin, end)} share one sorting prefix. */
    private void range(int begin, int end, boolean newPrefix) {
        if (newPrefix) {
            read(begin, current);
            for (int i = 0; i < keys.length; i++) {
                Object from = keys[i].from();
                if (from != null && !(current.set[i] && equalsValue(current, i, from))) {
                    filling.initFromDefaults(i);
                    inserted = false;
                    if (current.set[i] && filling.lessAt(i, current)) {
                        insertFilling(begin);
                    }
                    break;
                }
                filling.copyFrom(current, i);
            }
        }
        for (int row = begin; row < end; row++) {
            boolean insertFirst = next.lessThan(filling);
            read(row, current);
            for (int i = 0; i < keys.length; i++) {
                Object to = keys[i].to();
                if (to == null || !current.set[i] || beforeBound(current, i, to)) {
                    next.copyFrom(current, i);
                } else {
                    next.setTo(i);
                }
            }
            if (insertFirst && filling.lessThan(next)) {
                insertFilling(row);
            }
            generate(row);
            for (int c = 0; c < out.length; c++) {
                out[c].appendFrom(in.get(c), row);
            }
            outRows++;
        }
        lastPrefixRow = end - 1;
    }

    /** After a range (and at the end): fills up to TO. */
    private void suffix() {
        boolean insertFirst = (next.lessThan(filling) && !inserted) || next.allUnset();
        for (int i = 0; i < keys.length; i++) {
            next.setTo(i);
        }
        if (!filling.lessThan(next)) {
            return;
        }
        if (insertFirst) {
            insertFilling(lastPrefixRow);
        }
        generate(lastPrefixRow);
    }

    private void generate(int prefixRow) {
        boolean changed = false;
        while (true) {
            boolean[] step = filling.next(next, scratch);
            changed = step[1];
            if (!step[0]) {
                break;
            }
            insertFilling(prefixRow);
            context().check();
        }
        if (changed) {
            inserted = false;
        }
    }

    /** Appends the filling row: fill keys from it, the prefix from {@code prefixRow} (or defaults), defaults elsewhere. */
    private void insertFilling(int prefixRow) {
        boolean[] written = new boolean[out.length];
        for (int i = 0; i < keys.length; i++) {
            int column = keys[i].column();
            written[column] = true;
            if (!filling.set[i]) {
                out[column].appendNull();
            } else if (filling.floating(i)) {
                out[column].appendDouble(filling.doubles[i]);
            } else {
                out[column].appendLong(filling.longs[i]);
            }
        }
        for (int column : node.prefix()) {
            if (!written[column]) {
                written[column] = true;
                if (prefixRow >= 0 && !in.isEmpty()) {
                    out[column].appendFrom(in.get(column), prefixRow);
                } else {
                    out[column].appendNull();
                }
            }
        }
        for (int c = 0; c < out.length; c++) {
            if (!written[c]) {
                out[c].appendNull();
            }
        }
        inserted = true;
        outRows++;
    }

    private void read(int row, FillRow into) {
        for (int i = 0; i < keys.length; i++) {
            Column column = in.get(keys[i].column());
            if (column.isNull(row)) {
                into.set[i] = false;
                continue;
            }
            if (column instanceof NullableColumn nullable) {
                column = nullable.values();
            }
            into.set[i] = true;
            if (column instanceof DoubleColumn doubles) {
                into.doubles[i] = doubles.getDouble(row);
            } else {
                into.longs[i] = ((LongColumn) column).getLong(row);
            }
        }
    }

    private static boolean equalsValue(FillRow row, int i, Object value) {
        return row.floating(i) ? row.doubles[i] == ((Number) value).doubleValue()
                : row.longs[i] == ((Number) value).longValue();
    }

    private boolean beforeBound(FillRow row, int i, Object bound) {
        if (row.floating(i)) {
            double limit = ((Number) bound).doubleValue();
            return keys[i].descending() ? row.doubles[i] > limit : row.doubles[i] < limit;
        }
        long limit = ((Number) bound).longValue();
        return keys[i].descending() ? row.longs[i] > limit : row.longs[i] < limit;
    }

    @Override
    public void close() {
        if (memory != null) {
            memory.close();
        }
        input.close();
    }
}
