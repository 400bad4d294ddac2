package io.starling.storage.codec;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The value transforms of {@link ColumnCodec}, on little-endian words of {@code width} bytes. Input whose length
 * is not a multiple of the width keeps its last {@code length % width} bytes verbatim at the end. Encoded forms:
 * <ul>
 *   <li>Delta: same size; the first word, then each word minus the previous one (wrapping).</li>
 *   <li>DoubleDelta: u32 word count n; if n &gt; 0 the first word, then ZigZag LEB128 varints of the first
 *       delta and of each following delta-of-deltas (64-bit arithmetic on zero-extended words); the tail.</li>
 *   <li>Gorilla: u32 n; if n &gt; 0 the first word, u32 bit-stream length in bytes, then per following word the
 *       XOR with the previous: bit 0 when zero; bits 10 and the meaningful bits when they fit the previous
 *       leading/trailing-zero window; else 11, 6 bits of leading zeros, 7 bits of meaningful length and the
 *       meaningful bits (MSB first); the tail.</li>
 *   <li>T64 (frame of reference): u32 n; if n &gt; 0 u8 bits b, the minimum (8 bytes, unsigned
 *       zero-extended words), then each word minus the minimum in b bits, LSB first, padded to a byte; the tail.</li>
 * </ul>
 * Stateless; loops are primitive and allocate nothing per value.
 */
final class CodecTransforms {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private CodecTransforms() {
    }

    static void encode(ColumnCodec.Kind kind, int width, byte[] source, int length, ByteSink out) {
        switch (kind) {
            case DELTA -> delta(width, source, length, out);
            case DOUBLE_DELTA -> doubleDelta(width, source, length, out);
            case GORILLA -> gorilla(width, source, length, out);
            case T64 -> t64(width, source, length, out);
            default -> throw new IllegalArgumentException(kind + " is not a transform");
        }
    }

    /** Undoes {@link #encode}: reads {@code source[offset, offset + length)}, writes the original bytes into out. */
    static void decode(ColumnCodec.Kind kind, int width, byte[] source, int offset, int length, ByteSink out) {
        if (!ColumnCodec.validWidth(width)) {
            throw corrupt("transform width [" + width + "] is not 1, 2, 4 or 8");
        }
        switch (kind) {
            case DELTA -> undoDelta(width, source, offset, length, out);
            case DOUBLE_DELTA -> undoDoubleDelta(width, source, offset, length, out);
            case GORILLA -> undoGorilla(width, source, offset, length, out);
            case T64 -> undoT64(width, source, offset, length, out);
            default -> throw corrupt(kind + " is not a transform");
        }
    }

    static long get(byte[] bytes, int at, int width) {
        return switch (width) {
            case 8 -> (long) LONG.get(bytes, at);
            case 4 -> ((int) INT.get(bytes, at)) & 0xFFFFFFFFL;
            case 2 -> ((short) SHORT.get(bytes, at)) & 0xFFFFL;
            default -> bytes[at] & 0xFFL;
        };
    }

    static void put(byte[] bytes, int at, int width, long value) {
        switch (width) {
            case 8 -> LONG.set(bytes, at, value);
            case 4 -> INT.set(bytes, at, (int) value);
            case 2 -> SHORT.set(bytes, at, (short) value);
            default -> bytes[at] = (byte) value;
        }
    }

    private static long mask(int width) {
        return width == 8 ? -1L : (1L << (width * 8)) - 1;
    }

    // ---- Delta ----

    private static void delta(int width, byte[] source, int length, ByteSink out) {
        out.ensure(length);
        byte[] target = out.array();
        int base = out.size();
        int words = length / width;
        int end = words * width;
        if (width == 8) {
            long previous = 0;
            for (int at = 0; at < end; at += 8) {
                long value = (long) LONG.get(source, at);
                LONG.set(target, base + at, value - previous);
                previous = value;
            }
        } else if (width == 4) {
            int previous = 0;
            for (int at = 0; at < end; at += 4) {
                int value = (int) INT.get(source, at);
                INT.set(target, base + at, value - previous);
                previous = value;
            }
        } else {
            long previous = 0;
            for (int at = 0; at < end; at += width) {
                long value = get(source, at, width);
                put(target, base + at, width, value - previous);
                previous = value;
            }
        }
        System.arraycopy(source, end, target, base + end, length - end);
        out.skip(length);
    }

    private static void undoDelta(int width, byte[] source, int offset, int length, ByteSink out) {
        out.ensure(length);
        byte[] target = out.array();
        int base = out.size();
        int end = length / width * width;
        if (width == 8) {
            long value = 0;
            for (int at = 0; at < end; at += 8) {
                value += (long) LONG.get(source, offset + at);
                LONG.set(target, base + at, value);
            }
        } else if (width == 4) {
            int value = 0;
            for (int at = 0; at < end; at += 4) {
                value += (int) INT.get(source, offset + at);
                INT.set(target, base + at, value);
            }
        } else {
            long value = 0;
            for (int at = 0; at < end; at += width) {
                value += get(source, offset + at, width);
                put(target, base + at, width, value);
            }
        }
        System.arraycopy(source, offset + end, target, base + end, length - end);
        out.skip(length);
    }

    // ---- DoubleDelta ----

    private static void doubleDelta(int width, byte[] source, int length, ByteSink out) {
        int words = length / width;
        int end = words * width;
        out.ensure(4 + width + words * 10 + (length - end));
        byte[] target = out.array();
        int at = out.size();
        INT.set(target, at, words);
        at += 4;
        if (words > 0) {
            long previous = get(source, 0, width);
            put(target, at, width, previous);
            at += width;
            long previousDelta = 0;
            for (int in = width; in < end; in += width) {
                long value = get(source, in, width);
                long delta = value - previous;
                long zigzag = ((delta - previousDelta) << 1) ^ ((delta - previousDelta) >> 63);
                while ((zigzag & ~0x7FL) != 0) {
                    target[at++] = (byte) ((zigzag & 0x7F) | 0x80);
                    zigzag >>>= 7;
                }
                target[at++] = (byte) zigzag;
                previous = value;
                previousDelta = delta;
            }
        }
        System.arraycopy(source, end, target, at, length - end);
        at += length - end;
        out.skip(at - out.size());
    }

    private static void undoDoubleDelta(int width, byte[] source, int offset, int length, ByteSink out) {
        int limit = offset + length;
        int at = offset;
        if (length < 4) {
            throw corrupt("DoubleDelta block of " + length + " bytes has no header");
        }
        int words = (int) INT.get(source, at);
        at += 4;
        if (words < 0 || (words > 0 && limit - at < width)) {
            throw corrupt("DoubleDelta word count [" + words + "] does not fit the block");
        }
        out.ensure((int) Math.min(Integer.MAX_VALUE - 64L, (long) words * width + length));
        byte[] target = out.array();
        int written = out.size();
        long keep = mask(width);
        if (words > 0) {
            long value = get(source, at, width);
            at += width;
            put(target, written, width, value);
            written += width;
            long delta = 0;
            for (int i = 1; i < words; i++) {
                long zigzag = 0;
                int shift = 0;
                while (true) {
                    if (at >= limit || shift > 63) {
                        throw corrupt("DoubleDelta varints end early");
                    }
                    byte b = source[at++];
                    zigzag |= (long) (b & 0x7F) << shift;
                    if (b >= 0) {
                        break;
                    }
                    shift += 7;
                }
                delta += (zigzag >>> 1) ^ -(zigzag & 1);
                value = (value + delta) & keep;
                put(target, written, width, value);
                written += width;
            }
        }
        int tail = limit - at;
        if (tail < 0 || tail >= width) {
            throw corrupt("DoubleDelta block has " + tail + " bytes after its values");
        }
        System.arraycopy(source, at, target, written, tail);
        out.skip(written + tail - out.size());
    }

    // ---- Gorilla ----

    private static void gorilla(int width, byte[] source, int length, ByteSink out) {
        int words = length / width;
        int end = words * width;
        int bits = width * 8;
        out.ensure(8 + width + (int) Math.min(Integer.MAX_VALUE / 2, (long) words * (width + 3) + 16) + (length - end));
        byte[] target = out.array();
        int at = out.size();
        INT.set(target, at, words);
        at += 4;
        if (words > 0) {
            long previous = get(source, 0, width);
            put(target, at, width, previous);
            at += width;
            int lengthAt = at;
            at += 4;
            BitWriter writer = new BitWriter(target, at);
            int previousLeading = -1;
            int previousTrailing = 0;
            for (int in = width; in < end; in += width) {
                long value = get(source, in, width);
                long xor = value ^ previous;
                previous = value;
                if (xor == 0) {
                    writer.write(0, 1);
                    continue;
                }
                int leading = Long.numberOfLeadingZeros(xor) - (64 - bits);
                int trailing = Long.numberOfTrailingZeros(xor);
                if (previousLeading >= 0 && leading >= previousLeading && trailing >= previousTrailing) {
                    writer.write(0b10, 2);
                    writer.write(xor >>> previousTrailing, bits - previousLeading - previousTrailing);
                } else {
                    int meaningful = bits - leading - trailing;
                    writer.write(0b11, 2);
                    writer.write(leading, 6);
                    writer.write(meaningful, 7);
                    writer.write(xor >>> trailing, meaningful);
                    previousLeading = leading;
                    previousTrailing = trailing;
                }
            }
            int streamEnd = writer.finish();
            INT.set(target, lengthAt, streamEnd - at);
            at = streamEnd;
        }
        System.arraycopy(source, end, target, at, length - end);
        at += length - end;
        out.skip(at - out.size());
    }

    private static void undoGorilla(int width, byte[] source, int offset, int length, ByteSink out) {
        int limit = offset + length;
        if (length < 4) {
            throw corrupt("Gorilla block of " + length + " bytes has no header");
        }
        int words = (int) INT.get(source, offset);
        int at = offset + 4;
        if (words < 0 || (words > 0 && limit - at < width + 4)) {
            throw corrupt("Gorilla word count [" + words + "] does not fit the block");
        }
        int bits = width * 8;
        out.ensure((int) Math.min(Integer.MAX_VALUE - 64L, (long) words * width + length));
        byte[] target = out.array();
        int written = out.size();
        if (words > 0) {
            long value = get(source, at, width);
            at += width;
            int streamLength = (int) INT.get(source, at);
            at += 4;
            if (streamLength < 0 || streamLength > limit - at) {
                throw corrupt("Gorilla bit stream of " + streamLength + " bytes does not fit the block");
            }
            BitReader reader = new BitReader(source, at, at + streamLength);
            put(target, written, width, value);
            written += width;
            int leading = 0;
            int trailing = 0;
            for (int i = 1; i < words; i++) {
                if (reader.read(1) != 0) {
                    if (reader.read(1) != 0) {
                        leading = (int) reader.read(6);
                        int meaningful = (int) reader.read(7);
                        if (meaningful < 1 || leading + meaningful > bits) {
                            throw corrupt("Gorilla window of " + leading + "+" + meaningful + " bits is invalid");
                        }
                        trailing = bits - leading - meaningful;
                    }
                    value ^= reader.read(bits - leading - trailing) << trailing;
                }
                put(target, written, width, value);
                written += width;
            }
            at += streamLength;
        }
        int tail = limit - at;
        if (tail < 0 || tail >= width) {
            throw corrupt("Gorilla block has " + tail + " bytes after its values");
        }
        System.arraycopy(source, at, target, written, tail);
        out.skip(written + tail - out.size());
    }

    // ---- T64 (frame of reference, bit packed) ----

    private static void t64(int width, byte[] source, int length, ByteSink out) {
        int words = length / width;
        int end = words * width;
        out.ensure(4 + 9 + words * width + 8 + (length - end));
        byte[] target = out.array();
        int at = out.size();
        INT.set(target, at, words);
        at += 4;
        if (words > 0) {
            long min = -1L;
            long max = 0;
            for (int in = 0; in < end; in += width) {
                long value = get(source, in, width);
                if (Long.compareUnsigned(value, min) < 0) {
                    min = value;
                }
                if (Long.compareUnsigned(value, max) > 0) {
                    max = value;
                }
            }
            int bits = 64 - Long.numberOfLeadingZeros(max - min);
            target[at++] = (byte) bits;
            LONG.set(target, at, min);
            at += 8;
            if (bits > 0) {
                BitWriter writer = new BitWriter(target, at);
                for (int in = 0; in < end; in += width) {
                    writer.writeLsb(get(source, in, width) - min, bits);
                }
                at = writer.finishLsb();
            }
        }
        System.arraycopy(source, end, target, at, length - end);
        at += length - end;
        out.skip(at - out.size());
    }

    private static void undoT64(int width, byte[] source, int offset, int length, ByteSink out) {
        int limit = offset + length;
        if (length < 4) {
            throw corrupt("T64 block of " + length + " bytes has no header");
        }
        int words = (int) INT.get(source, offset);
        int at = offset + 4;
        if (words < 0 || (words > 0 && limit - at < 9)) {
            throw corrupt("T64 word count [" + words + "] does not fit the block");
        }
        out.ensure((int) Math.min(Integer.MAX_VALUE - 64L, (long) words * width + length));
        byte[] target = out.array();
        int written = out.size();
        if (words > 0) {
            int bits = source[at++] & 0xFF;
            long min = (long) LONG.get(source, at);
            at += 8;
            if (bits > 64) {
                throw corrupt("T64 width of " + bits + " bits is invalid");
            }
            long packedBytes = ((long) words * bits + 7) / 8;
            if (packedBytes > limit - at) {
                throw corrupt("T64 packed values need " + packedBytes + " bytes, " + (limit - at) + " remain");
            }
            if (bits == 0) {
                for (int i = 0; i < words; i++, written += width) {
                    put(target, written, width, min);
                }
            } else {
                BitReader reader = new BitReader(source, at, at + (int) packedBytes);
                for (int i = 0; i < words; i++, written += width) {
                    put(target, written, width, reader.readLsb(bits) + min);
                }
            }
            at += (int) packedBytes;
        }
        int tail = limit - at;
        if (tail < 0 || tail >= width) {
            throw corrupt("T64 block has " + tail + " bytes after its values");
        }
        System.arraycopy(source, at, target, written, tail);
        out.skip(written + tail - out.size());
    }

    private static StarlingException corrupt(String why) {
        return new StarlingException(ErrorCode.CORRUPTED_DATA, "Codec payload is corrupt: " + why
                + ". Detach the part and fetch it again");
    }

    /** Writes bits into a byte array: MSB-first ({@link #write}) or LSB-first ({@link #writeLsb}), not mixed. */
    private static final class BitWriter {
        private final byte[] target;
        private int at;
        private long buffer;
        private int count;

        BitWriter(byte[] target, int at) {
            this.target = target;
            this.at = at;
        }

        /** Appends the low {@code bits} bits of value, most significant first. */
        void write(long value, int bits) {
            if (bits == 0) {
                return;
            }
            if (bits > 32) {
                write(value >>> 32, bits - 32);
                write(value & 0xFFFFFFFFL, 32);
                return;
            }
            buffer = (buffer << bits) | (value & ((1L << bits) - 1));
            count += bits;
            while (count >= 8) {
                count -= 8;
                target[at++] = (byte) (buffer >>> count);
            }
        }

        int finish() {
            if (count > 0) {
                target[at++] = (byte) (buffer << (8 - count));
                count = 0;
            }
            return at;
        }

        /** Appends the low {@code bits} bits of value, least significant first. */
        void writeLsb(long value, int bits) {
            if (bits > 32) {
                writeLsb(value & 0xFFFFFFFFL, 32);
                writeLsb(value >>> 32, bits - 32);
                return;
            }
            buffer |= (value & ((1L << bits) - 1)) << count;
            count += bits;
            while (count >= 8) {
                target[at++] = (byte) buffer;
                buffer >>>= 8;
                count -= 8;
            }
        }

        int finishLsb() {
            if (count > 0) {
                target[at++] = (byte) buffer;
                count = 0;
                buffer = 0;
            }
            return at;
        }
    }

    /** Reads what {@link BitWriter} wrote; running past the end is corrupt data. */
    private static final class BitReader {
        private final byte[] source;
        private final int limit;
        private int at;
        private long buffer;
        private int count;

        BitReader(byte[] source, int at, int limit) {
            this.source = source;
            this.at = at;
            this.limit = limit;
        }

        long read(int bits) {
            if (bits == 0) {
                return 0;
            }
            if (bits > 32) {
                long high = read(bits - 32);
                return (high << 32) | read(32);
            }
            while (count < bits) {
                if (at >= limit) {
                    throw corrupt("bit stream ends early");
                }
                buffer = (buffer << 8) | (source[at++] & 0xFF);
                count += 8;
            }
            count -= bits;
            return (buffer >>> count) & ((1L << bits) - 1);
        }

        long readLsb(int bits) {
            if (bits > 32) {
                long low = readLsb(32);
                return low | (readLsb(bits - 32) << 32);
            }
            while (count < bits) {
                if (at >= limit) {
                    throw corrupt("bit stream ends early");
                }
                buffer |= (long) (source[at++] & 0xFF) << count;
                count += 8;
            }
            long value = buffer & ((1L << bits) - 1);
            buffer >>>= bits;
            count -= bits;
            return value;
        }
    }
}
