package io.starling.storage.column;

import io.starling.storage.type.DataType;

/**
 * Appends values of one type, then {@link #build()}s an immutable {@link Column}. Each builder accepts the
 * append methods of its physical kind; the others throw {@link UnsupportedOperationException}.
 * Not thread-safe. Builders grow their arrays geometrically; nothing is allocated per value.
 */
public interface ColumnBuilder {
    DataType type();

    int size();

    default void appendLong(long value) {
        throw new UnsupportedOperationException("Column of type [" + type().name() + "] does not take integers");
    }

    /** Appends a 128-bit integer given as its high and low 64 bits (Decimal128 unscaled values). */
    default void appendInt128(long high, long low) {
        throw new UnsupportedOperationException("Column of type [" + type().name() + "] does not take 128-bit integers");
    }

    default void appendDouble(double value) {
        throw new UnsupportedOperationException("Column of type [" + type().name() + "] does not take floats");
    }

    default void appendBytes(byte[] source, int offset, int length) {
        throw new UnsupportedOperationException("Column of type [" + type().name() + "] does not take strings");
    }

    default void appendString(String value) {
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        appendBytes(bytes, 0, bytes.length);
    }

    /** Appends NULL; non-Nullable builders append the type's default value instead. */
    void appendNull();

    /** Appends the type's default value (0, empty string, empty array). */
    void appendDefault();

    /** Copies row {@code row} of {@code source}, which must have this builder's type. */
    void appendFrom(Column source, int row);

    /**
     * Copies rows {@code [from, from + count)} of {@code source}, which must have this builder's type. Builders of
     * flat types copy the range in bulk (merges and concatenations move runs of rows this way).
     */
    default void appendRange(Column source, int from, int count) {
        for (int row = from, end = from + count; row < end; row++) {
            appendFrom(source, row);
        }
    }

    /** Bytes of variable-width data (string contents) appended so far; 0 for builders without any. */
    default long dataBytes() {
        return 0;
    }

    /**
     * A capacity hint: makes room for {@code rows} more values holding about {@code dataBytes} more bytes of
     * variable-width data, so a builder whose final size is known or estimated grows once instead of doubling
     * (doubling allocates about twice the final size and copies it once more). Appends past the hint still grow.
     */
    default void reserve(int rows, long dataBytes) {
    }

    Column build();

    static ColumnBuilder forType(DataType type, int expectedRows) {
        return ColumnBuilders.forType(type, expectedRows);
    }

    /** {@code rows} copies of the type's default value ({@link #appendDefault}). */
    static Column defaults(DataType type, int rows) {
        ColumnBuilder builder = forType(type, rows);
        for (int i = 0; i < rows; i++) {
            builder.appendDefault();
        }
        return builder.build();
    }
}
