package io.starling.sql.format.input;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;

/**
 * The columns' path tree as {@link NdjsonLineScanner} walks it: each level's keys as UTF-8 bytes, with the key
 * expected next (keys usually come in the same order line after line) matched as whole 8-byte words.
 */
final class NdjsonPathNode {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    final byte[][] keys;
    final NdjsonPathNode[] children;
    final int[] valueColumns;
    final int[] elementColumns;
    final NdjsonPathNode elements;
    /**
     * Each key followed by its closing quote, as little-endian 8-byte words (the last one masked by
     * {@link #lastMasks}); null for a key holding a byte that a JSON string cannot carry unescaped.
     */
    private final long[][] quotedWords;
    private final long[] lastMasks;
    /**
     * Index of the child expected next: keys usually come in the same order line after line, so each key
     * remembers the key that came after it last time ({@link #following}).
     */
    int predicted;
    private int previous = -1;
    private final int[] following;

    NdjsonPathNode(JsonPath.Node source) {
        int count = source.children.size();
        keys = new byte[count][];
        children = new NdjsonPathNode[count];
        int i = 0;
        for (Map.Entry<String, JsonPath.Node> child : source.children.entrySet()) {
            char[] chars = child.getKey().toCharArray();
            byte[] encoded = new byte[chars.length * 3];
            keys[i] = Arrays.copyOf(encoded, JsonCapture.encode(chars, 0, chars.length, encoded, 0));
            children[i] = new NdjsonPathNode(child.getValue());
            i++;
        }
        valueColumns = source.valueColumnArray;
        elementColumns = source.elementColumnArray;
        elements = source.elements == null ? null : new NdjsonPathNode(source.elements);
        following = new int[count];
        for (int k = 0; k < count; k++) {
            following[k] = k + 1 == count ? 0 : k + 1;
        }
        quotedWords = new long[count][];
        lastMasks = new long[count];
        for (int k = 0; k < count; k++) {
            if (plain(keys[k])) {
                byte[] quoted = Arrays.copyOf(keys[k], keys[k].length + 1);
                quoted[keys[k].length] = '"';
                int words = (quoted.length + Long.BYTES - 1) / Long.BYTES;
                byte[] padded = Arrays.copyOf(quoted, words * Long.BYTES);
                quotedWords[k] = new long[words];
                for (int w = 0; w < words; w++) {
                    quotedWords[k][w] = (long) LONGS.get(padded, w * Long.BYTES);
                }
                int tail = quoted.length - (words - 1) * Long.BYTES;
                lastMasks[k] = tail == Long.BYTES ? -1L : (1L << (tail * 8)) - 1;
            }
        }
    }

    /** True when the key's bytes stand for themselves inside a JSON string (no quote, backslash or control). */
    private static boolean plain(byte[] key) {
        for (byte c : key) {
            if (c == '"' || c == '\\' || (c >= 0 && c < 0x20)) {
                return false;
            }
        }
        return true;
    }

    /**
     * At the opening quote {@code at} of a member name: when the name is exactly the predicted key (its bytes,
     * then the closing quote), answers the index after that quote and moves the prediction on; else -1.
     */
    int matchPredicted(byte[] line, int at) {
        int i = predicted;
        long[] words = quotedWords[i];
        int from = at + 1;
        if (words == null || from + words.length * Long.BYTES > line.length) {
            return -1;
        }
        int last = words.length - 1;
        for (int w = 0; w < last; w++) {
            if ((long) LONGS.get(line, from + w * Long.BYTES) != words[w]) {
                return -1;
            }
        }
        if (((long) LONGS.get(line, from + last * Long.BYTES) & lastMasks[i]) != words[last]) {
            return -1;
        }
        matched(i);
        return from + keys[i].length + 1;
    }

    private void matched(int child) {
        if (previous >= 0) {
            following[previous] = child;
        }
        previous = child;
        predicted = following[child];
    }

    NdjsonPathNode child(byte[] name, int offset, int length) {
        int count = keys.length;
        if (count == 0) {
            return null;
        }
        int guess = predicted;
        for (int step = 0; step < count; step++) {
            int i = guess + step;
            if (i >= count) {
                i -= count;
            }
            byte[] key = keys[i];
            if (key.length == length && Arrays.equals(key, 0, length, name, offset, offset + length)) {
                matched(i);
                return children[i];
            }
        }
        return null;
    }
}
