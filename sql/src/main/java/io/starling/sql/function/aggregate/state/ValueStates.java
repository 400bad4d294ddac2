package io.starling.sql.function.aggregate.state;

import io.starling.sql.function.Types;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.DoubleColumn;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import java.util.Arrays;

/**
 * min, max, any, anyLast, argMin and argMax states. Values are held in their {@link ValueCodec} form; ordering
 * values (min/max/argMin/argMax) must be numbers, dates or strings.
 */
final class ValueStates {
    private ValueStates() {
    }

    /** How ordering values compare, from the type's physical form. */
    enum Order {
        SIGNED, UNSIGNED, FLOAT, BYTES;

        static Order of(String function, DataType type) {
            DataType base = Types.base(type).behavesAs();
            return switch (base.physical()) {
                case LONG -> Types.isUnsigned64(base) ? UNSIGNED : SIGNED;
                case DOUBLE -> FLOAT;
                case BYTES -> BYTES;
                default -> throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "State of [" + function
                        + "] cannot order values of type [" + type.name()
                        + "]; order by a number, date or string");
            };
        }

        /** Compares the encoded values {@code a} and {@code b}. */
        int compare(byte[] a, byte[] b) {
            return switch (this) {
                case SIGNED -> Long.compare(decodeLong(a), decodeLong(b));
                case UNSIGNED -> Long.compareUnsigned(decodeLong(a), decodeLong(b));
                case FLOAT -> Double.compare(Double.longBitsToDouble(decodeLong(a)),
                        Double.longBitsToDouble(decodeLong(b)));
                case BYTES -> Arrays.compareUnsigned(a, lengthPrefix(a), a.length, b, lengthPrefix(b), b.length);
            };
        }

        /** Compares row {@code row} of {@code column} with the encoded value {@code held}. */
        int compare(Column column, int row, byte[] held) {
            return switch (this) {
                case SIGNED -> Long.compare(((LongColumn) column).getLong(row), decodeLong(held));
                case UNSIGNED -> Long.compareUnsigned(((LongColumn) column).getLong(row), decodeLong(held));
                case FLOAT -> Double.compare(((DoubleColumn) column).getDouble(row),
                        Double.longBitsToDouble(decodeLong(held)));
                case BYTES -> {
                    StringColumn strings = (StringColumn) column;
                    int offset = strings.valueOffset(row);
                    yield Arrays.compareUnsigned(strings.rawBytes(), offset, offset + strings.valueLength(row),
                            held, lengthPrefix(held), held.length);
                }
            };
        }

        private static long decodeLong(byte[] encoded) {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value |= (encoded[i] & 0xFFL) << (8 * i);
            }
            return value;
        }

        private static int lengthPrefix(byte[] encoded) {
            int i = 0;
            while ((encoded[i] & 0x80) != 0) {
                i++;
            }
            return i + 1;
        }
    }

    static byte[] encode(Column column, int row, StateOutput scratch) {
        scratch.reset();
        ValueCodec.write(column, row, scratch);
        return scratch.toByteArray();
    }

    static void writeValue(StateOutput out, byte[] value) {
        out.writeSized(value, 0, value.length);
    }

    static byte[] readValue(StateInput in) {
        int length = in.readCount();
        int start = in.skip(length);
        return Arrays.copyOfRange(in.rawBytes(), start, start + length);
    }

    static void finishValue(byte[] value, ColumnBuilder out) {
        if (value == null) {
            out.appendDefault();
        } else {
            ValueCodec.read(new StateInput(value, 0, value.length), out);
        }
    }

    /** min/max (order != null, keeps the extreme) or any/anyLast (order == null). */
    static final class Extreme implements AggregateState {
        private final Order order;
        private final int direction;
        private final boolean last;
        private final StateOutput scratch = new StateOutput(16);
        private byte[] value;

        /** {@code direction} 1 keeps the largest, -1 the smallest; {@code order} null means any / anyLast. */
        Extreme(Order order, int direction, boolean last) {
            this.order = order;
            this.direction = direction;
            this.last = last;
        }

        @Override
        public void add(Column[] arguments, int row) {
            Column column = arguments[0];
            if (value == null || (order == null ? last : order.compare(column, row, value) * direction > 0)) {
                value = encode(column, row, scratch);
            }
        }

        @Override
        public void merge(AggregateState other) {
            byte[] candidate = ((Extreme) other).value;
            if (candidate != null && (value == null
                    || (order == null ? last : order.compare(candidate, value) * direction > 0))) {
                value = candidate;
            }
        }

        @Override
        public void write(StateOutput out) {
            out.writeByte(value == null ? 0 : 1);
            if (value != null) {
                writeValue(out, value);
            }
        }

        @Override
        public void read(StateInput in) {
            value = in.readByte() == 0 ? null : readValue(in);
        }

        @Override
        public void finish(ColumnBuilder out) {
            finishValue(value, out);
        }
    }

    /** argMin (direction -1) / argMax (direction 1): the first argument where the second is extreme. */
    static final class Arg implements AggregateState {
        private final Order order;
        private final int direction;
        private final StateOutput scratch = new StateOutput(16);
        private byte[] value;
        private byte[] key;

        Arg(Order order, int direction) {
            this.order = order;
            this.direction = direction;
        }

        @Override
        public void add(Column[] arguments, int row) {
            if (key == null || order.compare(arguments[1], row, key) * direction > 0) {
                value = encode(arguments[0], row, scratch);
                key = encode(arguments[1], row, scratch);
            }
        }

        @Override
        public void merge(AggregateState other) {
            Arg arg = (Arg) other;
            if (arg.key != null && (key == null || order.compare(arg.key, key) * direction > 0)) {
                value = arg.value;
                key = arg.key;
            }
        }

        @Override
        public void write(StateOutput out) {
            out.writeByte(key == null ? 0 : 1);
            if (key != null) {
                writeValue(out, value);
                writeValue(out, key);
            }
        }

        @Override
        public void read(StateInput in) {
            if (in.readByte() == 0) {
                value = null;
                key = null;
            } else {
                value = readValue(in);
                key = readValue(in);
            }
        }

        @Override
        public void finish(ColumnBuilder out) {
            finishValue(value, out);
        }
    }
}
