package io.starling.sql.format.parquet;

import io.starling.sql.format.ByteSink;
import io.starling.sql.format.ValueWriter;
import java.nio.charset.StandardCharsets;

/**
 * Writes a Parquet field as JSON text straight from its leaf cursors, byte for byte what
 * {@link ParquetJsonValues} writes for the same field of an assembled record (the NDJSON text path): structs as
 * objects leaving out null fields, LIST and bare repeated fields as arrays (a null list or map inside a list as
 * {@code []} / {@code {}}), MAP as an object keyed by the key's text (entries without a key left out, a null value
 * as {@code null}). {@link ParquetNestedPlan#jsonShapeProblem} says which shapes it writes. Not thread-safe.
 */
final class ParquetJsonTree {
    private final ByteSink keys = new ByteSink();

    /** Writes a field the caller found defined (or repeated: all its elements, as an array). */
    void writeField(ParquetNode node, ByteSink out) {
        if (!node.repeated()) {
            writeValue(node, out);
            return;
        }
        writeArray(node, out, () -> writeValue(node, out));
    }

    /**
     * A JSON array of the instances of a repeated field: {@code []} when it has none, else each written by
     * {@code element}, comma separated.
     */
    private static void writeArray(ParquetNode repeated, ByteSink out, Runnable element) {
        out.write('[');
        if (!repeated.present()) {
            repeated.skipField();
        } else {
            boolean first = true;
            do {
                if (!first) {
                    out.write(',');
                }
                first = false;
                element.run();
            } while (repeated.continues());
        }
        out.write(']');
    }

    /** Writes one defined instance of {@code node} (one element of a repeated field). */
    void writeValue(ParquetNode node, ByteSink out) {
        if (node.primitive()) {
            ParquetLeafCursor leaf = node.firstLeaf();
            ParquetJsonValues.writePrimitive(leaf.reader, node.type.asPrimitiveType(), out);
            leaf.consume();
        } else if (node.jsonList()) {
            writeList(node, out);
        } else if (node.jsonMap()) {
            writeMap(node, out);
        } else {
            writeObject(node, out);
        }
    }

    private void writeObject(ParquetNode node, ByteSink out) {
        out.write('{');
        boolean first = true;
        for (int i = 0; i < node.fieldCount(); i++) {
            ParquetNode field = node.child(i);
            if (!field.repeated() && !field.present()) {
                field.skipField();
                continue;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            byte[] name = field.type.getName().getBytes(StandardCharsets.UTF_8);
            ValueWriter.writeJsonString(name, 0, name.length, out);
            out.write(':');
            writeField(field, out);
        }
        out.write('}');
    }

    private void writeList(ParquetNode list, ByteSink out) {
        ParquetNode repeated = list.child(0);
        boolean twoLevel = list.twoLevelList();
        writeArray(repeated, out, () -> {
            if (twoLevel) {
                writeValue(repeated, out);
            } else {
                ParquetNode element = repeated.child(0);
                if (element.present()) {
                    writeValue(element, out);
                } else {
                    out.writeAscii(ParquetJsonValues.emptyContainer(element.type));
                    element.skipField();
                }
            }
        });
    }

    private void writeMap(ParquetNode map, ByteSink out) {
        ParquetNode entry = map.child(0);
        out.write('{');
        if (!entry.present()) {
            entry.skipField();
        } else {
            boolean first = true;
            do {
                ParquetNode key = entry.child(0);
                if (!key.present()) {
                    entry.skipInstance();
                    continue;
                }
                if (!first) {
                    out.write(',');
                }
                first = false;
                writeKey(key, out);
                out.write(':');
                if (entry.fieldCount() < 2) {
                    out.writeAscii("null");
                } else {
                    ParquetNode value = entry.child(1);
                    if (value.present()) {
                        writeValue(value, out);
                    } else {
                        out.writeAscii("null");
                        value.skipField();
                    }
                }
                for (int extra = 2; extra < entry.fieldCount(); extra++) {
                    entry.child(extra).skipField();
                }
            } while (entry.continues());
        }
        out.write('}');
    }

    /** The key's JSON, quoted when it is not a string already. */
    private void writeKey(ParquetNode key, ByteSink out) {
        keys.reset();
        writeValue(key, keys);
        byte[] bytes = keys.rawBytes();
        int length = keys.size();
        if (length >= 2 && bytes[0] == '"') {
            out.write(bytes, 0, length);
        } else {
            ValueWriter.writeJsonString(bytes, 0, length, out);
        }
    }
}
