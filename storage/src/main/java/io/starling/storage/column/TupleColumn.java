package io.starling.storage.column;

import io.starling.storage.type.TupleType;
import java.util.List;
import java.util.Objects;

/** Tuple(T1, ...): one column per element, all of {@link #size()} rows. */
public final class TupleColumn implements Column {
    private final TupleType type;
    private final List<Column> elements;
    private final int size;
    private final long sizeInBytes;

    public TupleColumn(TupleType type, List<Column> elements, int size) {
        this.type = Objects.requireNonNull(type, "type");
        this.elements = List.copyOf(elements);
        if (this.elements.size() != type.elements().size()) {
            throw new IllegalArgumentException("Tuple type [" + type.name() + "] has " + type.elements().size()
                    + " elements but " + this.elements.size() + " columns were given");
        }
        long bytes = 0;
        for (Column element : this.elements) {
            if (element.size() != size) {
                throw new IllegalArgumentException("Tuple element column has " + element.size() + " rows, expected "
                        + size);
            }
            bytes += element.sizeInBytes();
        }
        this.size = size;
        this.sizeInBytes = bytes;
    }

    public List<Column> elements() {
        return elements;
    }

    public Column element(int index) {
        return elements.get(index);
    }

    @Override
    public TupleType type() {
        return type;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long sizeInBytes() {
        return sizeInBytes;
    }

    @Override
    public TupleColumn region(int offset, int length) {
        Column.checkRegion(offset, length, size);
        Column[] regions = new Column[elements.size()];
        for (int i = 0; i < regions.length; i++) {
            regions[i] = elements.get(i).region(offset, length);
        }
        return new TupleColumn(type, List.of(regions), length);
    }

    @Override
    public TupleColumn select(int[] positions, int count) {
        Column[] selected = new Column[elements.size()];
        for (int i = 0; i < selected.length; i++) {
            selected[i] = elements.get(i).select(positions, count);
        }
        return new TupleColumn(type, List.of(selected), count);
    }
}
