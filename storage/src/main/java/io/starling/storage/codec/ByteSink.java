package io.starling.storage.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable little-endian byte buffer. Reused between granules ({@link #reset()}), so the write loops
 * allocate nothing per value. Not thread-safe.
 */
public final class ByteSink {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private int size;

    public ByteSink(int capacity) {
        this.bytes = new byte[Math.max(16, capacity)];
    }

    public ByteSink() {
        this(256);
    }

    /** Makes room for {@code extra} more bytes. */
    public void ensure(int extra) {
        long needed = (long) size + extra;
        if (needed > bytes.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("Buffer of " + needed + " bytes is too large; write smaller blocks");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16L, bytes.length * 2L)));
        }
    }

    public void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    public void writeShort(int value) {
        ensure(2);
        SHORT.set(bytes, size, (short) value);
        size += 2;
    }

    public void writeInt(int value) {
        ensure(4);
        INT.set(bytes, size, value);
        size += 4;
    }

    public void writeLong(long value) {
        ensure(8);
        LONG.set(bytes, size, value);
        size += 8;
    }

    public void writeBytes(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    /** Writes a length-prefixed (u16) UTF-8 string; for names and type names, not for data. */
    public void writeShortString(String value) {
        byte[] utf8 = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (utf8.length > 0xFFFF) {
            throw new IllegalArgumentException("Name of " + utf8.length + " bytes is longer than 65535 bytes");
        }
        writeShort(utf8.length);
        writeBytes(utf8, 0, utf8.length);
    }

    /** Bulk little-endian writes of {@code count} values from {@code values[offset..]} at the given width. */
    public void writeLongs(long[] values, int offset, int count, int width) {
        ensure(count * width);
        byte[] target = bytes;
        int position = size;
        switch (width) {
            case 1 -> {
                for (int i = 0; i < count; i++) {
                    target[position++] = (byte) values[offset + i];
                }
            }
            case 2 -> {
                for (int i = 0; i < count; i++, position += 2) {
                    SHORT.set(target, position, (short) values[offset + i]);
                }
            }
            case 4 -> {
                for (int i = 0; i < count; i++, position += 4) {
                    INT.set(target, position, (int) values[offset + i]);
                }
            }
            case 8 -> {
                for (int i = 0; i < count; i++, position += 8) {
                    LONG.set(target, position, values[offset + i]);
                }
            }
            default -> throw new IllegalArgumentException("Width [" + width + "] is not 1, 2, 4 or 8");
        }
        size = position;
    }

    public void writeInts(int[] values, int offset, int count) {
        ensure(count * 4);
        byte[] target = bytes;
        int position = size;
        for (int i = 0; i < count; i++, position += 4) {
            INT.set(target, position, values[offset + i]);
        }
        size = position;
    }

    /** The backing array; bytes {@code [0, size())} are valid. */
    public byte[] array() {
        return bytes;
    }

    public int size() {
        return size;
    }

    public void reset() {
        size = 0;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Marks {@code count} bytes after the current end, filled directly in {@link #array()}, as written. */
    void skip(int count) {
        if (count < 0 || size + count > bytes.length) {
            throw new IllegalArgumentException("Cannot skip " + count + " bytes at " + size + " of " + bytes.length);
        }
        size += count;
    }
}
