package io.starling.sql.format.parquet;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Maps a Parquet schema to data-source columns, each with the jsonpath that reads it (Tinybird's guessed Parquet
 * schemas: {@code VendorID Nullable(Int32) `json:$.VendorID`}):
 * <ul>
 *   <li>INT32/INT64 by their INT annotation to (U)Int8..64; FLOAT → Float32, DOUBLE → Float64, BOOLEAN → Bool;</li>
 *   <li>strings, enums, JSON, plain byte arrays → String; UUID → UUID; FLOAT16 → Float32;</li>
 *   <li>DATE → Date32; TIMESTAMP(MILLIS|MICROS|NANOS) → DateTime64(3|6|9); INT96 → DateTime64(9); TIME → its
 *       integer;</li>
 *   <li>DECIMAL(P, S) → Decimal(P, S) up to P = 76 (Decimal256), String above;</li>
 *   <li>optional fields → Nullable(T); LIST → Array(T) (Array(Nullable(T)) for optional elements);
 *       MAP → Map(K, V);</li>
 *   <li>structs are flattened as Tinybird flattens JSON: {@code a.b} becomes {@code a_b `json:$.a.b`}; a list of
 *       flat structs becomes one Array column per field ({@code items__id `json:$.items[:].id`}); shapes beyond
 *       that (lists of lists of structs, ...) become a String column holding the JSON text.</li>
 * </ul>
 */
public final class ParquetColumns {
    /** One guessed column: {@code name}, ClickHouse {@code type}, and {@code jsonPath} ({@code $.a.b}). */
    public record Column(String name, String type, String jsonPath) {
        public boolean nullable() {
            return type.startsWith("Nullable(");
        }
    }

    private ParquetColumns() {
    }

    public static List<Column> guess(MessageType schema) {
        List<Column> columns = new ArrayList<>();
        for (Type field : schema.getFields()) {
            addField(field, "", "$", false, columns);
        }
        return columns;
    }

    private static void addField(Type field, String namePrefix, String pathPrefix, boolean parentOptional,
                                 List<Column> out) {
        String name = namePrefix + cleanName(field.getName());
        String path = pathPrefix + pathKey(field.getName());
        boolean optional = parentOptional || field.isRepetition(Type.Repetition.OPTIONAL);
        if (field.isRepetition(Type.Repetition.REPEATED)) {
            String element = elementType(field, false);
            out.add(new Column(name, element == null ? "String" : "Array(" + element + ")", path));
            return;
        }
        if (field.isPrimitive()) {
            String type = primitiveType(field.asPrimitiveType());
            out.add(new Column(name, optional ? "Nullable(" + type + ")" : type, path));
            return;
        }
        GroupType group = field.asGroupType();
        LogicalTypeAnnotation logical = group.getLogicalTypeAnnotation();
        if (isList(group)) {
            Type element = listElement(group);
            if (element != null && !element.isPrimitive() && !isList(element.asGroupType())
                    && !isMap(element.asGroupType()) && allPrimitive(element.asGroupType())) {
                for (Type member : element.asGroupType().getFields()) {
                    out.add(new Column(name + "__" + cleanName(member.getName()),
                            "Array(" + nullableElement(member) + ")", path + "[:]" + pathKey(member.getName())));
                }
                return;
            }
            String type = containerType(group);
            out.add(new Column(name, type == null ? "String" : type, path));
            return;
        }
        if (isMap(group)) {
            String type = containerType(group);
            out.add(new Column(name, type == null ? "String" : type, path));
            return;
        }
        if (logical != null || group.getFieldCount() == 0) {
            out.add(new Column(name, "String", path));
            return;
        }
        for (Type member : group.getFields()) {
            addField(member, name + "_", path, optional, out);
        }
    }

    /** Array(...) or Map(...) for a LIST or MAP group; null when its shape has no ClickHouse type here. */
    private static String containerType(GroupType group) {
        if (isList(group)) {
            Type element = listElement(group);
            String inner = element == null ? null : elementType(element, true);
            return inner == null ? null : "Array(" + inner + ")";
        }
        GroupType entry = group.getType(0).asGroupType();
        if (entry.getFieldCount() < 2 || !entry.getType(0).isPrimitive()) {
            return null;
        }
        String key = primitiveType(entry.getType(0).asPrimitiveType());
        if (!key.matches("String|U?Int\\d+|Date32|UUID")) {
            return null;
        }
        String value = elementType(entry.getType(1), true);
        return value == null ? null : "Map(" + key + ", " + value + ")";
    }

    /** The ClickHouse type of one element (of an array or map), Nullable where optional and allowed. */
    private static String elementType(Type element, boolean honourOptional) {
        if (element.isPrimitive()) {
            String type = primitiveType(element.asPrimitiveType());
            return honourOptional && element.isRepetition(Type.Repetition.OPTIONAL) ? "Nullable(" + type + ")" : type;
        }
        GroupType group = element.asGroupType();
        if (isList(group) || isMap(group)) {
            return containerType(group);
        }
        return null;
    }

    private static String nullableElement(Type member) {
        String type = primitiveType(member.asPrimitiveType());
        return member.isRepetition(Type.Repetition.REQUIRED) ? type : "Nullable(" + type + ")";
    }

    private static boolean allPrimitive(GroupType group) {
        for (Type member : group.getFields()) {
            if (!member.isPrimitive() || member.isRepetition(Type.Repetition.REPEATED)) {
                return false;
            }
        }
        return group.getFieldCount() > 0;
    }

    static boolean isList(GroupType group) {
        return group.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
                && group.getFieldCount() == 1 && group.getType(0).isRepetition(Type.Repetition.REPEATED);
    }

    static boolean isMap(GroupType group) {
        LogicalTypeAnnotation logical = group.getLogicalTypeAnnotation();
        return (logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
                && group.getFieldCount() == 1 && !group.getType(0).isPrimitive()
                && group.getType(0).isRepetition(Type.Repetition.REPEATED);
    }

    /** The element of a LIST group (three-level {@code list.element}, or the repeated field itself). */
    static Type listElement(GroupType list) {
        Type repeated = list.getType(0);
        if (!repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1
                && !repeated.getName().equals("array") && !repeated.getName().endsWith("_tuple")) {
            return repeated.asGroupType().getType(0);
        }
        return repeated;
    }

    static String primitiveType(PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
            return decimal.getPrecision() <= io.starling.storage.type.DecimalType.MAX_DECIMAL256_PRECISION
                    && decimal.getPrecision() >= 1
                    ? "Decimal(" + decimal.getPrecision() + ", " + decimal.getScale() + ")" : "String";
        }
        return switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> "Bool";
            case INT32 -> {
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    yield "Date32";
                }
                if (logical instanceof IntLogicalTypeAnnotation integer) {
                    yield (integer.isSigned() ? "Int" : "UInt") + integer.getBitWidth();
                }
                yield "Int32";
            }
            case INT64 -> {
                if (logical instanceof TimestampLogicalTypeAnnotation timestamp) {
                    yield switch (timestamp.getUnit()) {
                        case MILLIS -> "DateTime64(3)";
                        case MICROS -> "DateTime64(6)";
                        case NANOS -> "DateTime64(9)";
                    };
                }
                if (logical instanceof IntLogicalTypeAnnotation integer && !integer.isSigned()) {
                    yield "UInt64";
                }
                yield "Int64";
            }
            case INT96 -> "DateTime64(9)";
            case FLOAT -> "Float32";
            case DOUBLE -> "Float64";
            case BINARY -> "String";
            case FIXED_LEN_BYTE_ARRAY -> {
                if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    yield "UUID";
                }
                if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
                    yield "Float32";
                }
                yield "String";
            }
        };
    }

    /** A column name: characters other than letters, digits and _ become _ (Tinybird's normalisation). */
    static String cleanName(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9_]", "_");
        return clean.isEmpty() ? "_" : clean;
    }

    /** {@code .key}, or {@code .['key']} when the key holds a dot or bracket. */
    static String pathKey(String key) {
        return key.indexOf('.') >= 0 || key.indexOf('[') >= 0 ? ".['" + key + "']" : "." + key;
    }
}
