package io.starling.sql.function.aggregate.state;

import java.util.Arrays;

/**
 * A growable little-endian byte buffer that aggregate states serialize into (see {@link AggregateState} for the
 * format). Reused across rows: {@link #reset()} keeps the array. Not thread-safe.
 */
public final class StateOutput {
    private byte[] bytes;
    private int size;

    public StateOutput() {
        this(64);
    }

    public StateOutput(int capacity) {
        this.bytes = new byte[Math.max(8, capacity)];
    }

    public void reset() {
        size = 0;
    }

    public int size() {
        return size;
    }

    /** The backing array; bytes {@code [0, size())} are written. */
    public byte[] rawBytes() {
        return bytes;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
        }
    }

    public void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    /** 8 bytes, little-endian. */
    public void writeLong(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (value >>> (8 * i));
        }
    }

    /** 4 bytes, little-endian. */
    public void writeInt(int value) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[size++] = (byte) (value >>> (8 * i));
        }
    }

    public void writeDouble(double value) {
        writeLong(Double.doubleToRawLongBits(value));
    }

    /** Unsigned LEB128: 7 bits per byte, high bit set on every byte but the last. */
    public void writeVarUInt(long value) {
        ensure(10);
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        bytes[size++] = (byte) rest;
    }

    public void writeBytes(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    /** A VarUInt length, then the bytes. */
    public void writeSized(byte[] source, int offset, int length) {
        writeVarUInt(length);
        writeBytes(source, offset, length);
    }
}
