package io.starling.sql.format.parquet;

import io.starling.storage.type.ArrayType;
import io.starling.storage.type.BoolType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.Date32Type;
import io.starling.storage.type.DateTime64Type;
import io.starling.storage.type.DateTimeType;
import io.starling.storage.type.DateType;
import io.starling.storage.type.DecimalType;
import io.starling.storage.type.FixedStringType;
import io.starling.storage.type.FloatType;
import io.starling.storage.type.IntegerType;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.MapType;
import io.starling.storage.type.NullableType;
import io.starling.storage.type.PhysicalKind;
import io.starling.storage.type.TupleType;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Maps ClickHouse column types to the Parquet schema fields {@link ParquetOutput} writes.
 * Types map as ClickHouse writes them where Parquet has a match:
 * <ul>
 *   <li>(U)Int8..64 → INT32/INT64 with INT(bits, signed); Bool → BOOLEAN; Float32/64 → FLOAT/DOUBLE;</li>
 *   <li>String → BINARY (UTF8); FixedString(N) → FIXED_LEN_BYTE_ARRAY(N); Decimal(P, S) → INT32 (P ≤ 9) or
 *       INT64 with DECIMAL(P, S), FIXED_LEN_BYTE_ARRAY(16) big-endian for P &gt; 18, FIXED_LEN_BYTE_ARRAY(32)
 *       for P &gt; 38;</li>
 *   <li>Date, Date32 → INT32 DATE; DateTime → INT64 TIMESTAMP(MILLIS, UTC); DateTime64(p) → INT64 TIMESTAMP in
 *       millis (p ≤ 3), micros (p ≤ 6) or nanos;</li>
 *   <li>Nullable(T) → optional T; LowCardinality(T) → T; Array(T) → LIST; Map(K, V) → MAP; Tuple → a group of
 *       its elements (named, else 1, 2, ...);</li>
 *   <li>anything else (UUID, IPv4/6, Enum, 128/256-bit integers, aggregate states) → BINARY (UTF8) text as
 *       TSVRaw shows it.</li>
 * </ul>
 */
final class ParquetOutputSchema {
    private ParquetOutputSchema() {
    }

    /** The Parquet field for a column of {@code type}. */
    static Type parquetType(DataType declared, String name, boolean inRepeated) {
        DataType type = declared.behavesAs();
        Type.Repetition repetition = Type.Repetition.REQUIRED;
        if (type instanceof LowCardinalityType lowCardinality) {
            type = lowCardinality.inner().behavesAs();
        }
        if (type instanceof NullableType nullable) {
            repetition = Type.Repetition.OPTIONAL;
            type = nullable.inner().behavesAs();
        }
        switch (type) {
            case ArrayType array -> {
                Type element = parquetType(array.element(), "element", true);
                return Types.list(repetition).element(element).named(name);
            }
            case MapType map -> {
                Type key = parquetType(map.key(), "key", true);
                if (key.isRepetition(Type.Repetition.OPTIONAL)) {
                    key = Types.primitive(key.asPrimitiveType().getPrimitiveTypeName(), Type.Repetition.REQUIRED)
                            .as(key.getLogicalTypeAnnotation()).named("key");
                }
                Type value = parquetType(map.value(), "value", true);
                GroupType entry = new GroupType(Type.Repetition.REPEATED, "key_value", key, value);
                return Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType()).addField(entry).named(name);
            }
            case TupleType tuple -> {
                List<Type> members = new ArrayList<>();
                for (int i = 0; i < tuple.elements().size(); i++) {
                    members.add(parquetType(tuple.elements().get(i), tupleName(tuple, i), false));
                }
                return new GroupType(repetition, name, members);
            }
            default -> {
                return primitive(type, repetition).named(name);
            }
        }
    }

    static String tupleName(TupleType tuple, int index) {
        return tuple.isNamed() ? tuple.names().get(index) : Integer.toString(index + 1);
    }

    private static Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> primitive(DataType type,
                                                                                         Type.Repetition repetition) {
        return switch (type) {
            case IntegerType integer when integer.bits() <= 32 && integer.physical() == PhysicalKind.LONG ->
                    Types.primitive(PrimitiveTypeName.INT32, repetition)
                            .as(LogicalTypeAnnotation.intType(integer.bits(), integer.signed()));
            case IntegerType integer when integer.bits() == 64 && integer.physical() == PhysicalKind.LONG ->
                    Types.primitive(PrimitiveTypeName.INT64, repetition)
                            .as(LogicalTypeAnnotation.intType(64, integer.signed()));
            case BoolType ignored -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition);
            case FloatType floating -> Types.primitive(floating.bits() == 32 ? PrimitiveTypeName.FLOAT
                    : PrimitiveTypeName.DOUBLE, repetition);
            case DateType ignored -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.dateType());
            case Date32Type ignored -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.dateType());
            case DateTimeType ignored -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MILLIS));
            case DateTime64Type dateTime -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, unit(dateTime.precision())));
            case DecimalType decimal when decimal.is256() ->
                    Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(32)
                            .as(LogicalTypeAnnotation.decimalType(decimal.scale(), decimal.precision()));
            case DecimalType decimal when decimal.isWide() ->
                    Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(16)
                            .as(LogicalTypeAnnotation.decimalType(decimal.scale(), decimal.precision()));
            case DecimalType decimal -> Types.primitive(decimal.precision() <= 9 ? PrimitiveTypeName.INT32
                    : PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.decimalType(decimal.scale(), decimal.precision()));
            case FixedStringType fixed -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                    .length(fixed.length());
            default -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType());
        };
    }

    private static TimeUnit unit(int precision) {
        return precision <= 3 ? TimeUnit.MILLIS : precision <= 6 ? TimeUnit.MICROS : TimeUnit.NANOS;
    }
}
