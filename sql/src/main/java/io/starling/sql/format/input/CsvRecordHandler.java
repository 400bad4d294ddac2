package io.starling.sql.format.input;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import io.starling.sql.format.ValueParser;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.type.ArrayType;
import io.starling.storage.type.DataType;
import io.starling.storage.type.LowCardinalityType;
import io.starling.storage.type.MapType;
import io.starling.storage.type.NullableType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * FastCSV callback that copies the fields of each record into reusable buffers and turns the record into a
 * row of the {@link RowAssembler} (or a quarantined row). Returns no record objects: the work is done in
 * {@link #buildRecord()}.
 */
final class CsvRecordHandler extends AbstractBaseCsvCallbackHandler<Object> {
    private final RowAssembler assembler;
    private final ValueParser parser = new ValueParser();
    private final int columnCount;
    private final int[] fieldOfColumn;
    private int expectedFields;
    private boolean firstRecord = true;
    private long emptyLines;

    private char[] chars = new char[4096];
    private int charCount;
    private int[] fieldStart = new int[16];
    private int[] fieldLength = new int[16];
    private boolean[] fieldQuoted = new boolean[16];
    private int fieldCount;

    CsvRecordHandler(RowAssembler assembler) {
        this.assembler = assembler;
        this.columnCount = assembler.columnCount();
        this.fieldOfColumn = new int[columnCount];
        for (int i = 0; i < columnCount; i++) {
            fieldOfColumn[i] = i;
        }
        this.expectedFields = columnCount;
    }

    long emptyLines() {
        return emptyLines;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        charCount = 0;
        fieldCount = 0;
    }

    @Override
    protected void handleField(int fieldIndex, char[] buffer, int offset, int length, boolean quoted) {
        if (fieldCount == fieldStart.length) {
            int grown = fieldCount * 2;
            fieldStart = Arrays.copyOf(fieldStart, grown);
            fieldLength = Arrays.copyOf(fieldLength, grown);
            fieldQuoted = Arrays.copyOf(fieldQuoted, grown);
        }
        if (charCount + length > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charCount + length));
        }
        System.arraycopy(buffer, offset, chars, charCount, length);
        fieldStart[fieldCount] = charCount;
        fieldLength[fieldCount] = length;
        fieldQuoted[fieldCount] = quoted;
        charCount += length;
        fieldCount++;
    }

    @Override
    protected Object buildRecord() {
        RecordType type = getRecordType();
        if (type == RecordType.EMPTY) {
            emptyLines++;
            return null;
        }
        if (type != RecordType.DATA) {
            return null;
        }
        assembler.addBytes(charCount + fieldCount);
        if (firstRecord) {
            firstRecord = false;
            if (readHeader()) {
                return null;
            }
        }
        if (fieldCount != expectedFields) {
            quarantineFieldCount();
            return null;
        }
        appendRow();
        return null;
    }

    /** Recognises a header: the column names in order, or all of them in another order (then mapped by name). */
    private boolean readHeader() {
        if (fieldCount < columnCount) {
            return false;
        }
        int[] mapping = new int[columnCount];
        for (int column = 0; column < columnCount; column++) {
            String name = assembler.column(column).name();
            int found = -1;
            for (int field = 0; field < fieldCount && found < 0; field++) {
                if (fieldEquals(field, name)) {
                    found = field;
                }
            }
            if (found < 0) {
                return false;
            }
            mapping[column] = found;
        }
        System.arraycopy(mapping, 0, fieldOfColumn, 0, columnCount);
        expectedFields = fieldCount;
        return true;
    }

    private boolean fieldEquals(int field, String name) {
        int start = fieldStart[field];
        int end = start + fieldLength[field];
        while (start < end && chars[start] == ' ') {
            start++;
        }
        while (end > start && chars[end - 1] == ' ') {
            end--;
        }
        if (end - start != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (chars[start + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void quarantineFieldCount() {
        List<String> raw = new ArrayList<>(columnCount);
        for (int column = 0; column < columnCount; column++) {
            int field = fieldOfColumn[column];
            raw.add(field < fieldCount ? fieldText(field) : null);
        }
        String error = "row has " + fieldCount + " fields but the data source expects " + expectedFields
                + "; check the delimiter and quoting of this line";
        for (int column = 0; column < columnCount; column++) {
            assembler.appendFiller(column);
        }
        assembler.endRow(new QuarantinedRow(raw, List.of(), List.of(error)));
    }

    private void appendRow() {
        List<String> errorColumns = null;
        List<String> errors = null;
        for (int column = 0; column < columnCount; column++) {
            int field = fieldOfColumn[column];
            if (!appendValue(column, fieldStart[field], fieldLength[field], fieldQuoted[field])) {
                if (errors == null) {
                    errorColumns = new ArrayList<>();
                    errors = new ArrayList<>();
                }
                String name = assembler.column(column).name();
                errorColumns.add(name);
                errors.add(RowAssembler.notOfType(fieldText(field), name, assembler.type(column)));
                assembler.appendFiller(column);
            }
        }
        if (errors == null) {
            assembler.endRow(null);
            return;
        }
        List<String> raw = new ArrayList<>(columnCount);
        for (int column = 0; column < columnCount; column++) {
            raw.add(fieldText(fieldOfColumn[column]));
        }
        assembler.endRow(new QuarantinedRow(raw, errorColumns, errors));
    }

    /** Appends one value; false (nothing appended) when it does not fit the column's type. */
    private boolean appendValue(int column, int start, int length, boolean quoted) {
        DataType type = assembler.type(column);
        ColumnBuilder builder = assembler.builder(column);
        if (length == 0) {
            return appendMissing(column, type, builder);
        }
        if (!quoted && length == 2 && chars[start] == '\\' && chars[start + 1] == 'N') {
            if (isNullable(type)) {
                builder.appendNull();
            } else {
                assembler.appendDefault(column);
            }
            return true;
        }
        if (quoted && ValueParser.isStringLike(type)) {
            parser.appendString(chars, start, length, builder);
            return true;
        }
        return parser.parseInto(type, chars, start, length, builder);
    }

    private boolean appendMissing(int column, DataType type, ColumnBuilder builder) {
        if (assembler.hasDefault(column)) {
            assembler.appendDefault(column);
            return true;
        }
        if (isNullable(type)) {
            builder.appendNull();
            return true;
        }
        if (ValueParser.isStringLike(type) || type instanceof ArrayType || type instanceof MapType) {
            builder.appendDefault();
            return true;
        }
        return false;
    }

    static boolean isNullable(DataType type) {
        return type instanceof NullableType
                || (type instanceof LowCardinalityType lowCardinality && lowCardinality.inner().isNullable());
    }

    private String fieldText(int field) {
        return new String(chars, fieldStart[field], fieldLength[field]);
    }
}
