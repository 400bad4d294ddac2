package io.starling.storage.codec;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Reads little-endian values from a byte array region; running past the end is corrupt data. Not thread-safe. */
public final class ByteSource {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;
    private final int limit;
    private int position;

    public ByteSource(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.limit = offset + length;
    }

    public ByteSource(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private void need(long count) {
        if (count < 0 || limit - position < count) {
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Data ends after " + position
                    + " bytes but " + count + " more were expected; the file or message is truncated or corrupt");
        }
    }

    public int readByte() {
        need(1);
        return bytes[position++];
    }

    public int readUnsignedByte() {
        return readByte() & 0xFF;
    }

    public int readUnsignedShort() {
        need(2);
        int value = ((short) SHORT.get(bytes, position)) & 0xFFFF;
        position += 2;
        return value;
    }

    public int readInt() {
        need(4);
        int value = (int) INT.get(bytes, position);
        position += 4;
        return value;
    }

    public long readLong() {
        need(8);
        long value = (long) LONG.get(bytes, position);
        position += 8;
        return value;
    }

    /** Reads a non-negative int32 count, rejecting negative or implausibly large values. */
    public int readCount(String what) {
        int value = readInt();
        if (value < 0) {
            throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Count of " + what + " [" + value
                    + "] is negative; the data is corrupt");
        }
        return value;
    }

    public String readShortString() {
        int length = readUnsignedShort();
        need(length);
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /**
     * The next {@code length} bytes as a new array. Unlike allocating one and {@link #readBytes reading into it},
     * the array is not zeroed first ({@code Arrays.copyOfRange} allocates and fills it in one step).
     */
    public byte[] readByteArray(int length) {
        need(length);
        byte[] value = java.util.Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return value;
    }

    public void readBytes(byte[] target, int offset, int length) {
        need(length);
        System.arraycopy(bytes, position, target, offset, length);
        position += length;
    }

    /**
     * Bulk read of {@code count} values of {@code width} bytes into {@code target}, sign- or zero-extending.
     */
    public void readLongs(long[] target, int count, int width, boolean signed) {
        need((long) count * width);
        byte[] source = bytes;
        int at = position;
        switch (width) {
            case 1 -> {
                if (signed) {
                    for (int i = 0; i < count; i++) {
                        target[i] = source[at++];
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        target[i] = source[at++] & 0xFFL;
                    }
                }
            }
            case 2 -> {
                if (signed) {
                    for (int i = 0; i < count; i++, at += 2) {
                        target[i] = (short) SHORT.get(source, at);
                    }
                } else {
                    for (int i = 0; i < count; i++, at += 2) {
                        target[i] = ((short) SHORT.get(source, at)) & 0xFFFFL;
                    }
                }
            }
            case 4 -> {
                if (signed) {
                    for (int i = 0; i < count; i++, at += 4) {
                        target[i] = (int) INT.get(source, at);
                    }
                } else {
                    for (int i = 0; i < count; i++, at += 4) {
                        target[i] = ((int) INT.get(source, at)) & 0xFFFFFFFFL;
                    }
                }
            }
            case 8 -> // A bulk copy (the platform is little endian, or a byte-swapping copy): no per-value loop.
                    ByteBuffer.wrap(source, at, count * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(target, 0, count);
            default -> throw new IllegalArgumentException("Width [" + width + "] is not 1, 2, 4 or 8");
        }
        position = width == 8 ? at + count * 8 : at;
    }

    public void readInts(int[] target, int offset, int count) {
        need((long) count * 4);
        int at = position;
        for (int i = 0; i < count; i++, at += 4) {
            target[offset + i] = (int) INT.get(bytes, at);
        }
        position = at;
    }

    public int position() {
        return position;
    }

    public int remaining() {
        return limit - position;
    }

    public boolean atEnd() {
        return position == limit;
    }
}
