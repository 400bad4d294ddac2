package io.starling.sql.function.aggregate.state;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;

/** Reads what {@link StateOutput} wrote, from a region of a byte array. Reusable via {@link #reset}. */
public final class StateInput {
    private byte[] bytes;
    private int position;
    private int end;

    public StateInput() {
        this(new byte[0], 0, 0);
    }

    public StateInput(byte[] bytes, int offset, int length) {
        reset(bytes, offset, length);
    }

    public StateInput reset(byte[] source, int offset, int length) {
        this.bytes = source;
        this.position = offset;
        this.end = offset + length;
        return this;
    }

    public boolean atEnd() {
        return position >= end;
    }

    public byte[] rawBytes() {
        return bytes;
    }

    /** Bytes left to read. */
    public int remaining() {
        return end - position;
    }

    public int position() {
        return position;
    }

    private void need(int count) {
        if (count < 0 || position + count > end) {
            throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Aggregate function state is truncated or corrupt"
                    + " (needed " + count + " more bytes); recompute it with the -State function");
        }
    }

    public int readByte() {
        need(1);
        return bytes[position++] & 0xFF;
    }

    public long readLong() {
        need(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value |= (bytes[position++] & 0xFFL) << (8 * i);
        }
        return value;
    }

    /** 4 bytes, little-endian. */
    public int readInt() {
        need(4);
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value |= (bytes[position++] & 0xFF) << (8 * i);
        }
        return value;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public long readVarUInt() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Aggregate function state holds an invalid VarUInt");
    }

    /** A count that must fit what is left (guards against corrupt sizes). */
    public int readCount() {
        long count = readVarUInt();
        if (count > end - position && count > Integer.MAX_VALUE / 16) {
            throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Aggregate function state holds an impossible size "
                    + count);
        }
        return (int) count;
    }

    /** Skips {@code length} bytes and answers where they started. */
    public int skip(int length) {
        need(length);
        int start = position;
        position += length;
        return start;
    }
}
