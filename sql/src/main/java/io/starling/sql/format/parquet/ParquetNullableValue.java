package io.starling.sql.format.parquet;

import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.NullableColumnBuilder;

/**
 * A LIST, MAP or struct into Nullable(Array / Map / Tuple) (types ClickHouse refuses but our schemas accept): the
 * value as {@code inner} reads it into the non-null values, or absent when the field is null, which the caller
 * turns into NULL (at the top: the column's DEFAULT, else NULL). Not thread-safe.
 */
final class ParquetNullableValue extends ParquetNestedValue {
    private final ParquetNestedValue inner;

    ParquetNullableValue(ParquetNestedValue inner) {
        super(inner.node);
        this.inner = inner;
    }

    @Override
    boolean read(ColumnBuilder out, Failure failure) {
        NullableColumnBuilder nullable = (NullableColumnBuilder) out;
        // marks the row the inner value would take; an absent value appends nothing and the caller's NULL re-marks it
        nullable.markNotNull();
        return inner.read(nullable.valuesBuilder(), failure);
    }
}
