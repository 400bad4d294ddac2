package io.starling.sql.function.conversion;

import io.starling.sql.function.Argument;
import io.starling.sql.function.Errors;
import io.starling.sql.function.FunctionRegistry;
import io.starling.sql.function.Operand;
import io.starling.sql.function.ScalarFunction;
import io.starling.sql.function.ScalarKernel;
import io.starling.sql.function.Types;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.LowCardinalityColumn;
import io.starling.storage.column.NullableColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import io.starling.storage.type.DecimalType;
import io.starling.storage.type.FixedStringType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.Ipv4Type;
import io.starling.storage.type.Ipv6Type;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.NullableType;
import io.starling.storage.type.StringType;
import io.starling.storage.type.UuidType;
import java.util.List;

/**
 * Conversion functions that are CASTs under another name: toFixedString(s, N), toNullable, toLowCardinality, toUUID,
 * toIPv4, toIPv6, toDecimal32/64/128/256(x, S); and to*OrDefault(x[, default]) answering the default where parsing
 * fails.
 */
public final class CastAliases {
    private CastAliases() {
    }

    public static void register(FunctionRegistry registry) {
        registry.add(ScalarFunction.of("toFixedString", arguments -> {
            Errors.checkCount("toFixedString", arguments, 2, 2);
            long length = arguments.get(1).constantLong("toFixedString", 1);
            if (length < 1 || length > 0xFFFFFF) {
                throw Errors.illegalArgument("toFixedString", 1, "a positive length");
            }
            return cast("toFixedString", arguments.get(0), new FixedStringType((int) length));
        }));
        registry.add(ScalarFunction.ofLowCardinalityAware("toNullable", arguments -> {
            Errors.checkCount("toNullable", arguments, 1, 1);
            DataType type = arguments.get(0).type();
            if (type.isNullable() || Types.isNothing(type) || (type instanceof LowCardinalityType lowCardinality
                    && lowCardinality.inner().isNullable())) {
                return ScalarKernel.of(type, (operands, rows) -> operands[0].full(rows));
            }
            if (type instanceof LowCardinalityType lowCardinality) {
                // as ClickHouse: Nullable goes inside LowCardinality, LowCardinality(Nullable(T))
                LowCardinalityType result = new LowCardinalityType(new NullableType(lowCardinality.inner()));
                return ScalarKernel.of(result,
                        (operands, rows) -> withNullableDictionary(operands[0].full(rows), result));
            }
            if (!DataTypes.canBeInsideNullable(type)) {
                // as ClickHouse: an Array, Map or Tuple cannot be NULL itself, only its elements
                throw new StarlingException(ErrorCode.ILLEGAL_TYPE_OF_ARGUMENT, "Nested type " + type.name()
                        + " cannot be inside Nullable type: toNullable() takes a scalar; make the elements Nullable"
                        + " instead (e.g. arrayMap(x -> toNullable(x), arr))");
            }
            NullableType result = new NullableType(type);
            return ScalarKernel.of(result, (operands, rows) -> new NullableColumn(operands[0].full(rows), new boolean[rows]));
        }));
        registry.add(ScalarFunction.ofLowCardinalityAware("toLowCardinality", arguments -> {
            Errors.checkCount("toLowCardinality", arguments, 1, 1);
            DataType type = arguments.get(0).type();
            if (!(type.unwrapNullable() instanceof StringType)) {
                // LowCardinality only changes how values are held: already dictionary-encoded, the NULL literal and
                // types whose dictionaries Starling does not build yet (numbers, dates...) pass through as they are
                return ScalarKernel.of(type, (operands, rows) -> operands[0].full(rows));
            }
            LowCardinalityType result = new LowCardinalityType(type);
            return ScalarKernel.of(result, (operands, rows) -> Cast.cast(operands[0].full(rows), result));
        }));
        single(registry, "toUUID", UuidType.UUID);
        single(registry, "toIPv4", new Ipv4Type());
        single(registry, "toIPv6", Ipv6Type.IPV6);
        decimal(registry, "toDecimal32", 9);
        decimal(registry, "toDecimal64", 18);
        decimal(registry, "toDecimal128", 38);
        decimal(registry, "toDecimal256", 76);
        for (DataType type : List.of(IntegerType.INT8, IntegerType.INT16, IntegerType.INT32, IntegerType.INT64,
                IntegerType.UINT8, IntegerType.UINT16, IntegerType.UINT32, IntegerType.UINT64, FloatType.FLOAT32,
                FloatType.FLOAT64)) {
            String name = "to" + type.name() + "OrDefault";
            registry.add(ScalarFunction.of(name, arguments -> orDefault(name, arguments, type)));
        }
    }

    /**
     * {@code column} (LowCardinality(T)) as LowCardinality(Nullable(T)), the column kind a table column of that type
     * has: the same codes over the dictionary made Nullable (no NULL entry), so no row is decoded or copied.
     */
    private static Column withNullableDictionary(Column column, LowCardinalityType result) {
        if (!(column instanceof LowCardinalityColumn lowCardinality)) {
            return Cast.cast(column, result);
        }
        Column dictionary = lowCardinality.dictionary();
        NullableColumn nullable = new NullableColumn((NullableType) result.inner(), dictionary,
                new boolean[dictionary.size()], 0);
        return new LowCardinalityColumn(result, nullable, lowCardinality.rawCodes(), lowCardinality.rawOffset(),
                lowCardinality.size());
    }

    private static void single(FunctionRegistry registry, String name, DataType target) {
        registry.add(ScalarFunction.of(name, arguments -> {
            Errors.checkCount(name, arguments, 1, 1);
            return cast(name, arguments.get(0), target);
        }));
    }

    private static void decimal(FunctionRegistry registry, String name, int precision) {
        registry.add(ScalarFunction.of(name, arguments -> {
            Errors.checkCount(name, arguments, 2, 2);
            long scale = arguments.get(1).constantLong(name, 1);
            if (scale < 0 || scale > precision) {
                throw Errors.illegalArgument(name, 1, "a scale between 0 and " + precision);
            }
            return cast(name, arguments.get(0), new DecimalType(precision, (int) scale));
        }));
    }

    private static ScalarKernel cast(String name, Argument argument, DataType target) {
        if (!Cast.canCast(argument.type(), target)) {
            throw Errors.illegalType(name, argument.type());
        }
        return ScalarKernel.of(target, (operands, rows) -> Cast.cast(operands[0].full(rows), target));
    }

    /** to*OrDefault(x[, default]): like OrZero, but rows that fail to parse take {@code default} when given. */
    private static ScalarKernel orDefault(String name, List<Argument> arguments, DataType target) {
        Errors.checkCount(name, arguments, 1, 2);
        if (arguments.size() == 1) {
            return ConversionFunctions.orZero(name, arguments, target);
        }
        ScalarKernel parse = ConversionFunctions.orNull(name, arguments.subList(0, 1), target);
        if (!arguments.get(1).type().equals(target)) {
            throw Errors.illegalArgument(name, 1, "of type " + target.name() + " (the result type), e.g. to"
                    + target.name() + "(0)");
        }
        return ScalarKernel.of(target, (operands, rows) -> {
            Column parsed = parse.apply(new Operand[] {operands[0]}, rows);
            ColumnBuilder builder = ColumnBuilder.forType(target, rows);
            Column fallback = operands[1].full(rows);
            Column values = parsed instanceof NullableColumn nullable ? nullable.values() : parsed;
            for (int i = 0; i < rows; i++) {
                builder.appendFrom(parsed.isNull(i) ? fallback : values, i);
            }
            return builder.build();
        });
    }
}
