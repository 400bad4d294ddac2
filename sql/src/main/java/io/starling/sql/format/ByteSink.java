package io.starling.sql.format;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that writers fill with UTF-8 text. Given an {@link OutputStream} it flushes to it
 * whenever the buffer fills, so output of any size streams through a fixed buffer; without one it grows and
 * {@link #toString()} answers the text. Not thread-safe.
 */
public final class ByteSink {
    private static final int FLUSH_SIZE = 64 * 1024;

    private final OutputStream out;
    private byte[] buffer;
    private int size;
    private final byte[] digits = new byte[20];

    public ByteSink() {
        this(null);
    }

    public ByteSink(OutputStream out) {
        this.out = out;
        this.buffer = new byte[out == null ? 256 : FLUSH_SIZE];
    }

    private void ensure(int extra) {
        if (size + extra <= buffer.length) {
            return;
        }
        if (out != null) {
            flushBuffer();
            if (extra <= buffer.length) {
                return;
            }
        }
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
    }

    public void write(int value) {
        if (size == buffer.length) {
            ensure(1);
        }
        buffer[size++] = (byte) value;
    }

    public void write(byte[] source, int offset, int length) {
        if (out != null && length > buffer.length) {
            flushBuffer();
            try {
                out.write(source, offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        ensure(length);
        System.arraycopy(source, offset, buffer, size, length);
        size += length;
    }

    /** Writes ASCII text; for anything else use {@link #writeUtf8}. */
    public void writeAscii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            buffer[size++] = (byte) text.charAt(i);
        }
    }

    public void writeUtf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(bytes, 0, bytes.length);
    }

    public void writeLong(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                writeAscii("-9223372036854775808");
                return;
            }
            write('-');
            value = -value;
        }
        writeUnsignedLong(value);
    }

    /** Writes {@code value} read as an unsigned 64-bit integer (UInt64). */
    public void writeUnsignedLong(long value) {
        int position = digits.length;
        if (value < 0) {
            long quotient = Long.divideUnsigned(value, 10);
            digits[--position] = (byte) ('0' + (value - quotient * 10));
            value = quotient;
        }
        do {
            digits[--position] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        write(digits, position, digits.length - position);
    }

    /** Writes {@code value} with at least {@code width} digits, zero-padded (value must be non-negative). */
    public void writePadded(long value, int width) {
        int position = digits.length;
        do {
            digits[--position] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        for (int pad = width - (digits.length - position); pad > 0; pad--) {
            write('0');
        }
        write(digits, position, digits.length - position);
    }

    public int size() {
        return size;
    }

    public byte[] rawBytes() {
        return buffer;
    }

    public void reset() {
        size = 0;
    }

    /** Pushes buffered bytes to the stream (if any) and flushes it. */
    public void flush() {
        if (out == null) {
            return;
        }
        flushBuffer();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flushBuffer() {
        if (size == 0) {
            return;
        }
        try {
            out.write(buffer, 0, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        size = 0;
    }

    @Override
    public String toString() {
        return new String(buffer, 0, size, StandardCharsets.UTF_8);
    }
}
