package io.starling.storage.column;

import io.starling.storage.type.TupleType;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds Tuple(T1, ...): append one value to each {@link #element(int)} builder, then call {@link #closeTuple()}.
 */
public final class TupleColumnBuilder implements ColumnBuilder {
    private final TupleType type;
    private final ColumnBuilder[] elements;
    private int size;

    public TupleColumnBuilder(TupleType type, int capacity) {
        this.type = type;
        this.elements = new ColumnBuilder[type.elements().size()];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = ColumnBuilder.forType(type.elements().get(i), capacity);
        }
    }

    @Override
    public TupleType type() {
        return type;
    }

    @Override
    public int size() {
        return size;
    }

    public ColumnBuilder element(int index) {
        return elements[index];
    }

    /** Ends the current row; every element builder must have received exactly one value for it. */
    public void closeTuple() {
        size++;
        for (ColumnBuilder element : elements) {
            if (element.size() != size) {
                throw new IllegalStateException("Tuple element builder of [" + element.type().name() + "] has "
                        + element.size() + " values for " + size + " rows");
            }
        }
    }

    @Override
    public void appendNull() {
        appendDefault();
    }

    @Override
    public void appendDefault() {
        for (ColumnBuilder element : elements) {
            element.appendDefault();
        }
        size++;
    }

    @Override
    public void appendFrom(Column source, int row) {
        TupleColumn tuple = (TupleColumn) source;
        for (int i = 0; i < elements.length; i++) {
            elements[i].appendFrom(tuple.element(i), row);
        }
        size++;
    }

    @Override
    public TupleColumn build() {
        List<Column> columns = new ArrayList<>(elements.length);
        for (ColumnBuilder element : elements) {
            columns.add(element.build());
        }
        return new TupleColumn(type, columns, size);
    }
}
