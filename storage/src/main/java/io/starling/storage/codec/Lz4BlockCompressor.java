package io.starling.storage.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * LZ4 block compression (the "fast" level with the 64 KB-window hash-chain-free greedy parse) that produces,
 * byte for byte, what lz4-java's pure-Java {@code fastJavaInstance().fastCompressor()} produces: the same hash
 * function (Knuth multiplicative, 4-byte little-endian words), the same table sizes (8,192 u16 slots for inputs
 * under 64 KB + 11, else 4,096 int slots with a 64 KB distance limit), the same skip acceleration and the same
 * sequence encoding. Parts must stay byte-identical across versions and replicas (golden files), so only the speed
 * differs: words are compared with VarHandle reads, match lengths with {@link Arrays#mismatch} (vectorised by
 * the JIT), literals with {@link System#arraycopy}, and the hash tables are reused per thread.
 * {@code Lz4BlockCompressorTest} checks the equality on random, repetitive and real column data.
 *
 * <p>Thread-safe (scratch tables are per thread).
 */
final class Lz4BlockCompressor {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int MIN_MATCH = 4;
    private static final int LAST_LITERALS = 5;
    private static final int MATCH_FIND_LIMIT = 12;
    private static final int MIN_LENGTH = MATCH_FIND_LIMIT + 1;
    private static final int SKIP_STRENGTH = 6;
    private static final int HASH_BITS = 12;
    private static final int HASH_BITS_SMALL = HASH_BITS + 1;
    private static final int SMALL_INPUT_LIMIT = (1 << 16) + MATCH_FIND_LIMIT - 1;
    private static final int MAX_DISTANCE = 1 << 16;
    private static final int MATCH_BITS = 4;
    private static final int MATCH_MASK = (1 << MATCH_BITS) - 1;
    private static final int RUN_MASK = (1 << (8 - MATCH_BITS)) - 1;
    private static final int PRIME = -1640531535;

    private static final ThreadLocal<Tables> TABLES = ThreadLocal.withInitial(Tables::new);

    private static final class Tables {
        final short[] small = new short[1 << HASH_BITS_SMALL];
        final int[] large = new int[1 << HASH_BITS];
    }

    private Lz4BlockCompressor() {
    }

    /** The most bytes {@link #compress} can write for {@code length} input bytes. */
    static int maxCompressedLength(int length) {
        return length + length / 255 + 16;
    }

    /**
     * Compresses {@code source[offset, offset + length)} into {@code target} from {@code targetOffset} (at least
     * {@link #maxCompressedLength} bytes free); returns the compressed size.
     */
    static int compress(byte[] source, int offset, int length, byte[] target, int targetOffset) {
        int targetEnd = targetOffset + maxCompressedLength(length);
        if (offset < 0 || length < 0 || offset + length > source.length || targetOffset < 0
                || targetEnd > target.length) {
            throw new IndexOutOfBoundsException("LZ4 ranges do not fit their arrays");
        }
        Tables tables = TABLES.get();
        return length < SMALL_INPUT_LIMIT
                ? compressSmall(source, offset, length, target, targetOffset, tables.small)
                : compressLarge(source, offset, length, target, targetOffset, tables.large);
    }

    private static int hashSmall(int word) {
        return (word * PRIME) >>> (32 - HASH_BITS_SMALL);
    }

    private static int hashLarge(int word) {
        return (word * PRIME) >>> (32 - HASH_BITS);
    }

    private static int word(byte[] bytes, int at) {
        return (int) INT.get(bytes, at);
    }

    /** Bytes equal going forward from {@code from} and {@code at}, stopping at {@code limit} (for {@code at}). */
    private static int forwardMatch(byte[] bytes, int from, int at, int limit) {
        int length = limit - at;
        if (length <= 0) {
            return 0;
        }
        int mismatch = Arrays.mismatch(bytes, from, from + length, bytes, at, at + length);
        return mismatch < 0 ? length : mismatch;
    }

    /** Bytes equal going backwards before {@code from} and {@code at}, not below {@code fromLow} / {@code atLow}. */
    private static int backwardMatch(byte[] bytes, int from, int at, int fromLow, int atLow) {
        int count = 0;
        while (from > fromLow && at > atLow && bytes[--from] == bytes[--at]) {
            count++;
        }
        return count;
    }

    private static int writeLength(int length, byte[] target, int at) {
        while (length >= 0xFF) {
            target[at++] = (byte) 0xFF;
            length -= 0xFF;
        }
        target[at++] = (byte) length;
        return at;
    }

    private static int literalRun(int runLength, byte[] target, int tokenAt, int at) {
        if (runLength >= RUN_MASK) {
            target[tokenAt] = (byte) (RUN_MASK << MATCH_BITS);
            return writeLength(runLength - RUN_MASK, target, at);
        }
        target[tokenAt] = (byte) (runLength << MATCH_BITS);
        return at;
    }

    private static int matchLength(int matchLength, byte[] target, int tokenAt, int at) {
        if (matchLength >= MATCH_MASK) {
            target[tokenAt] = (byte) (target[tokenAt] | MATCH_MASK);
            return writeLength(matchLength - MATCH_MASK, target, at);
        }
        target[tokenAt] = (byte) (target[tokenAt] | matchLength);
        return at;
    }

    private static int lastLiterals(byte[] source, int anchor, int runLength, byte[] target, int at) {
        int tokenAt = at++;
        at = literalRun(runLength, target, tokenAt, at);
        System.arraycopy(source, anchor, target, at, runLength);
        return at + runLength;
    }

    /** Inputs under 64 KB + 11 bytes: positions fit a u16 table relative to the start, no distance check. */
    private static int compressSmall(byte[] source, int start, int length, byte[] target, int targetStart, short[] table) {
        int end = start + length;
        int matchLimit = end - LAST_LITERALS;
        int findLimit = end - MATCH_FIND_LIMIT;
        int at = start;
        int out = targetStart;
        int anchor = at;
        if (length >= MIN_LENGTH) {
            Arrays.fill(table, (short) 0);
            at++;
            search:
            while (true) {
                int next = at;
                int reference;
                int step = 1;
                int attempts = 1 << SKIP_STRENGTH;
                do {
                    at = next;
                    next += step;
                    step = attempts++ >>> SKIP_STRENGTH;
                    if (next > findLimit) {
                        break search;
                    }
                    int slot = hashSmall(word(source, at));
                    reference = start + (table[slot] & 0xFFFF);
                    table[slot] = (short) (at - start);
                } while (word(source, reference) != word(source, at));
                int back = backwardMatch(source, reference, at, start, anchor);
                at -= back;
                reference -= back;
                int tokenAt = out++;
                int runLength = at - anchor;
                out = literalRun(runLength, target, tokenAt, out);
                System.arraycopy(source, anchor, target, out, runLength);
                out += runLength;
                while (true) {
                    int distance = at - reference;
                    target[out] = (byte) distance;
                    target[out + 1] = (byte) (distance >>> 8);
                    out += 2;
                    at += MIN_MATCH;
                    reference += MIN_MATCH;
                    int matched = forwardMatch(source, reference, at, matchLimit);
                    at += matched;
                    out = matchLength(matched, target, tokenAt, out);
                    if (at > findLimit) {
                        anchor = at;
                        break search;
                    }
                    table[hashSmall(word(source, at - 2))] = (short) (at - 2 - start);
                    int slot = hashSmall(word(source, at));
                    reference = start + (table[slot] & 0xFFFF);
                    table[slot] = (short) (at - start);
                    if (word(source, at) != word(source, reference)) {
                        break;
                    }
                    tokenAt = out++;
                    target[tokenAt] = 0;
                }
                anchor = at++;
            }
        }
        out = lastLiterals(source, anchor, end - anchor, target, out);
        return out - targetStart;
    }

    /** Larger inputs: absolute positions in an int table, matches at most 64 KB back. */
    private static int compressLarge(byte[] source, int start, int length, byte[] target, int targetStart, int[] table) {
        int end = start + length;
        int matchLimit = end - LAST_LITERALS;
        int findLimit = end - MATCH_FIND_LIMIT;
        int at = start;
        int out = targetStart;
        int anchor = at++;
        Arrays.fill(table, anchor);
        search:
        while (true) {
            int next = at;
            int reference;
            int step = 1;
            int attempts = 1 << SKIP_STRENGTH;
            int distance;
            do {
                at = next;
                next += step;
                step = attempts++ >>> SKIP_STRENGTH;
                if (next > findLimit) {
                    break search;
                }
                int slot = hashLarge(word(source, at));
                reference = table[slot];
                distance = at - reference;
                table[slot] = at;
            } while (distance >= MAX_DISTANCE || word(source, reference) != word(source, at));
            int back = backwardMatch(source, reference, at, start, anchor);
            at -= back;
            reference -= back;
            int tokenAt = out++;
            int runLength = at - anchor;
            out = literalRun(runLength, target, tokenAt, out);
            System.arraycopy(source, anchor, target, out, runLength);
            out += runLength;
            distance = at - reference;
            while (true) {
                target[out] = (byte) distance;
                target[out + 1] = (byte) (distance >>> 8);
                out += 2;
                at += MIN_MATCH;
                int matched = forwardMatch(source, reference + MIN_MATCH, at, matchLimit);
                at += matched;
                out = matchLength(matched, target, tokenAt, out);
                if (at > findLimit) {
                    anchor = at;
                    break search;
                }
                table[hashLarge(word(source, at - 2))] = at - 2;
                int slot = hashLarge(word(source, at));
                reference = table[slot];
                table[slot] = at;
                distance = at - reference;
                if (distance >= MAX_DISTANCE || word(source, reference) != word(source, at)) {
                    break;
                }
                tokenAt = out++;
                target[tokenAt] = 0;
            }
            anchor = at++;
        }
        out = lastLiterals(source, anchor, end - anchor, target, out);
        return out - targetStart;
    }
}
