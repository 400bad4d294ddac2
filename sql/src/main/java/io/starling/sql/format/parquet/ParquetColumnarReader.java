package io.starling.sql.format.parquet;

import io.starling.sql.format.input.ColumnarRows;
import io.starling.sql.format.input.IngestColumn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file column by column into a data source's column builders: one row group at a time (only the
 * column chunks the columns' jsonpaths reach are read), each row group in slices that fit the block being filled
 * ({@link ColumnarRows#room()}, at most {@value #SLICE_ROWS} rows), every column of a slice read by its
 * {@link ParquetLeafReader} before the slice ends. Memory: the current row group's compressed column chunks plus
 * the chunk of rows being built. {@link #plan} answers null when a column has a shape this reader does not read
 * ({@link ParquetLeafPath.Unsupported}); callers then use the NDJSON text path. Not thread-safe.
 */
final class ParquetColumnarReader {
    static final int SLICE_ROWS = 65_536;

    private final ParquetFile file;
    private final MessageType projection;
    private final ParquetLeafReader[] leaves;

    private ParquetColumnarReader(ParquetFile file, MessageType projection, ParquetLeafReader[] leaves) {
        this.file = file;
        this.projection = projection;
        this.leaves = leaves;
    }

    /** The reader of {@code columns} (the input columns, in order); null when one has an unsupported shape. */
    static ParquetColumnarReader plan(ParquetFile file, List<IngestColumn> columns) {
        return plan(file, columns, null);
    }

    /** Like {@link #plan(ParquetFile, List)}; {@code reasons} (nullable) collects why a plan was refused. */
    static ParquetColumnarReader plan(ParquetFile file, List<IngestColumn> columns, List<String> reasons) {
        MessageType schema = file.schema();
        java.util.Map<String, ParquetLeafReader> byPath = new java.util.LinkedHashMap<>();
        ParquetLeafReader missing = new ParquetLeafReader(null);
        Set<String> fields = new LinkedHashSet<>();
        boolean supported = true;
        for (int i = 0; i < columns.size(); i++) {
            IngestColumn column = columns.get(i);
            ParquetLeafPath.Leaf leaf = null;
            switch (ParquetLeafPath.resolve(schema, column)) {
                case ParquetLeafPath.Leaf found -> {
                    leaf = found;
                    fields.add(found.topField());
                }
                case ParquetLeafPath.Missing ignored -> {
                }
                case ParquetLeafPath.Unsupported unsupported -> {
                    supported = false;
                    if (reasons != null) {
                        reasons.add(unsupported.reason());
                    }
                }
            }
            if (leaf == null) {
                missing.addTarget(i, column.name(), column.type());
            } else {
                ParquetLeafPath.Leaf shared = leaf;
                byPath.computeIfAbsent(String.join("\u0000", leaf.path()), key -> new ParquetLeafReader(shared))
                        .addTarget(i, column.name(), column.type());
            }
        }
        List<ParquetLeafReader> readers = new ArrayList<>(byPath.values());
        readers.add(missing);
        ParquetLeafReader[] leaves = readers.toArray(new ParquetLeafReader[0]);
        if (!supported) {
            return null;
        }
        List<Type> projected = new ArrayList<>();
        for (Type field : schema.getFields()) {
            if (fields.contains(field.getName())) {
                projected.add(field);
            }
        }
        if (projected.isEmpty() && schema.getFieldCount() > 0) {
            projected.add(schema.getFields().get(0));   // still count the rows
        }
        return new ParquetColumnarReader(file, new MessageType(schema.getName(), projected), leaves);
    }

    /** Reads every row into {@code sink} (whose input columns are the planned columns). */
    void readInto(ColumnarRows sink) {
        SliceErrors errors = new SliceErrors(sink.inputColumns().size());
        try (ParquetFileReader reader = file.openReader()) {
            reader.setRequestedSchema(projection);
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            List<BlockMetaData> groups = reader.getRowGroups();
            int groupIndex = 0;
            PageReadStore pages;
            while ((pages = nextRowGroup(reader)) != null) {
                long groupBytes = groupIndex < groups.size() ? groups.get(groupIndex).getTotalByteSize() : 0;
                groupIndex++;
                readRowGroup(pages, createdBy, groupBytes, sink, errors);
            }
        } catch (IOException e) {
            throw ParquetFile.corrupt(e);
        }
    }

    private static PageReadStore nextRowGroup(ParquetFileReader reader) {
        try {
            return reader.readNextRowGroup();
        } catch (IOException | RuntimeException e) {
            throw ParquetFile.corrupt(e);
        }
    }

    private void readRowGroup(PageReadStore pages, String createdBy, long groupBytes, ColumnarRows sink,
                              SliceErrors errors) {
        long groupRows = pages.getRowCount();
        try {
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
                    new GroupRecordConverter(projection).getRootConverter(), projection, createdBy);
            for (ParquetLeafReader leaf : leaves) {
                leaf.start(store, projection);
            }
        } catch (RuntimeException e) {
            throw ParquetFile.corrupt(e);
        }
        long done = 0;
        while (done < groupRows) {
            int rows = (int) Math.min(Math.min(sink.room(), SLICE_ROWS), groupRows - done);
            errors.reset(rows);
            try {
                for (ParquetLeafReader leaf : leaves) {
                    leaf.read(rows, sink, errors);
                }
            } catch (RuntimeException e) {
                throw ParquetFile.corrupt(e);
            }
            long bytes = groupRows == 0 ? 0 : groupBytes * (done + rows) / groupRows - groupBytes * done / groupRows;
            done += rows;
            // outside the try: a consumer's failure (a chunk write) passes through unchanged
            sink.endRows(rows, bytes, errors.rows());
        }
    }
}
