package io.starling.storage.type;

import java.util.List;

/**
 * Tuple(T1, T2, ...) or Tuple(a T1, b T2, ...): one column per element, held in a TupleColumn. {@code names} is
 * empty for an unnamed tuple, else one name per element.
 */
public record TupleType(List<DataType> elements, List<String> names) implements DataType {
    public TupleType {
        elements = List.copyOf(elements);
        names = List.copyOf(names);
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("Tuple needs at least one element");
        }
        if (!names.isEmpty() && names.size() != elements.size()) {
            throw new IllegalArgumentException("Tuple has " + elements.size() + " elements but " + names.size()
                    + " names; name every element or none");
        }
    }

    public TupleType(List<DataType> elements) {
        this(elements, List.of());
    }

    public boolean isNamed() {
        return !names.isEmpty();
    }

    /** Index of the element called {@code name}, or -1. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    @Override
    public String name() {
        StringBuilder out = new StringBuilder("Tuple(");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (isNamed()) {
                out.append(names.get(i)).append(' ');
            }
            out.append(elements.get(i).name());
        }
        return out.append(')').toString();
    }

    @Override
    public PhysicalKind physical() {
        return PhysicalKind.TUPLE;
    }
}
