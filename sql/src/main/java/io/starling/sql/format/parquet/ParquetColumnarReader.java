package io.starling.sql.format.parquet;

import io.starling.sql.format.input.ColumnarRows;
import io.starling.sql.format.input.IngestColumn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * {@link ParquetColumnPart} before the slice ends: {@link ParquetLeafReader} for scalars and lists of scalars,
 * {@link ParquetNestedReader} for maps, tuples, JSON text and other nested shapes. A leaf column's pages can be
 * read once per file reader, so parts that share a leaf (a struct read whole as JSON and one of its fields) go to
 * separate passes, each with its own file reader over the same row groups in step. Memory: the current row
 * group's compressed column chunks (per pass) plus the chunk of rows being built. {@link #plan} answers null when
 * a column has a shape no part reads ({@link ParquetLeafPath.Unsupported}); callers then use the NDJSON text path.
 * Not thread-safe.
 */
final class ParquetColumnarReader {
    static final int SLICE_ROWS = 65_536;

    /** Parts with disjoint leaves, read through one file reader with {@code projection}. */
    private record Pass(MessageType projection, List<ParquetColumnPart> parts) {
    }

    private final ParquetFile file;
    private final List<Pass> passes;

    private ParquetColumnarReader(ParquetFile file, List<Pass> passes) {
        this.file = file;
        this.passes = passes;
    }

    /** The reader of {@code columns} (the input columns, in order); null when one has an unsupported shape. */
    static ParquetColumnarReader plan(ParquetFile file, List<IngestColumn> columns) {
        return plan(file, columns, null);
    }

    /** Like {@link #plan(ParquetFile, List)}; {@code reasons} (nullable) collects why a plan was refused. */
    static ParquetColumnarReader plan(ParquetFile file, List<IngestColumn> columns, List<String> reasons) {
        MessageType schema = file.schema();
        Map<String, ParquetLeafReader> byPath = new LinkedHashMap<>();
        List<ParquetNestedReader> nested = new ArrayList<>();
        ParquetLeafReader missing = new ParquetLeafReader(null);
        Set<String> fields = new LinkedHashSet<>();
        boolean supported = true;
        for (int i = 0; i < columns.size(); i++) {
            IngestColumn column = columns.get(i);
            switch (ParquetLeafPath.resolve(schema, column)) {
                case ParquetLeafPath.Leaf leaf -> {
                    fields.add(leaf.topField());
                    byPath.computeIfAbsent(ParquetColumnPart.key(leaf.path()), key -> new ParquetLeafReader(leaf))
                            .addTarget(i, column.name(), column.type());
                }
                case ParquetLeafPath.Nested plan -> nested.add(new ParquetNestedReader(i, column.name(), column.type(),
                        plan));
                case ParquetLeafPath.Missing ignored -> missing.addTarget(i, column.name(), column.type());
                case ParquetLeafPath.Unsupported unsupported -> {
                    supported = false;
                    if (reasons != null) {
                        reasons.add(unsupported.reason());
                    }
                }
            }
        }
        if (!supported) {
            return null;
        }
        List<ParquetColumnPart> first = new ArrayList<>(byPath.values());
        first.add(missing);
        List<List<ParquetColumnPart>> groups = new ArrayList<>();
        List<Set<String>> groupLeaves = new ArrayList<>();
        groups.add(first);
        groupLeaves.add(new HashSet<>(byPath.keySet()));
        List<Set<String>> groupFields = new ArrayList<>();
        groupFields.add(fields);
        for (ParquetNestedReader part : nested) {
            int pass = 0;
            while (pass < groups.size() && !disjoint(groupLeaves.get(pass), part.leafPaths())) {
                pass++;
            }
            if (pass == groups.size()) {
                groups.add(new ArrayList<>());
                groupLeaves.add(new HashSet<>());
                groupFields.add(new LinkedHashSet<>());
            }
            groups.get(pass).add(part);
            groupLeaves.get(pass).addAll(part.leafPaths());
            groupFields.get(pass).addAll(part.topFields());
        }
        List<Pass> passes = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            passes.add(new Pass(projection(schema, groupFields.get(i)), groups.get(i)));
        }
        return new ParquetColumnarReader(file, passes);
    }

    private static boolean disjoint(Set<String> taken, List<String> paths) {
        for (String path : paths) {
            if (taken.contains(path)) {
                return false;
            }
        }
        return true;
    }

    /** The schema reduced to {@code fields} (the first field when none: the rows are still counted). */
    private static MessageType projection(MessageType schema, Set<String> fields) {
        List<Type> projected = new ArrayList<>();
        for (Type field : schema.getFields()) {
            if (fields.contains(field.getName())) {
                projected.add(field);
            }
        }
        if (projected.isEmpty() && schema.getFieldCount() > 0) {
            projected.add(schema.getFields().get(0));
        }
        return new MessageType(schema.getName(), projected);
    }

    /** Reads every row into {@code sink} (whose input columns are the planned columns). */
    void readInto(ColumnarRows sink) {
        SliceErrors errors = new SliceErrors(sink.inputColumns().size());
        List<ParquetFileReader> readers = new ArrayList<>(passes.size());
        try {
            for (Pass pass : passes) {
                ParquetFileReader reader = file.openReader();
                readers.add(reader);
                reader.setRequestedSchema(pass.projection());
            }
            ParquetFileReader main = readers.get(0);
            String createdBy = main.getFooter().getFileMetaData().getCreatedBy();
            List<BlockMetaData> groups = main.getRowGroups();
            PageReadStore[] pages = new PageReadStore[passes.size()];
            for (int groupIndex = 0; ; groupIndex++) {
                for (int pass = 0; pass < pages.length; pass++) {
                    pages[pass] = nextRowGroup(readers.get(pass));
                }
                if (pages[0] == null) {
                    break;
                }
                long groupBytes = groupIndex < groups.size() ? groups.get(groupIndex).getTotalByteSize() : 0;
                readRowGroup(pages, createdBy, groupBytes, sink, errors);
            }
        } finally {
            for (ParquetFileReader reader : readers) {
                close(reader);
            }
        }
    }

    private static void close(ParquetFileReader reader) {
        try {
            reader.close();
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

    private void readRowGroup(PageReadStore[] pages, String createdBy, long groupBytes, ColumnarRows sink,
                              SliceErrors errors) {
        long groupRows = pages[0].getRowCount();
        try {
            for (int pass = 0; pass < pages.length; pass++) {
                MessageType projection = passes.get(pass).projection();
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages[pass],
                        new GroupRecordConverter(projection).getRootConverter(), projection, createdBy);
                for (ParquetColumnPart part : passes.get(pass).parts()) {
                    part.start(store, projection);
                }
            }
        } catch (RuntimeException e) {
            throw ParquetFile.corrupt(e);
        }
        long done = 0;
        while (done < groupRows) {
            int rows = (int) Math.min(Math.min(sink.room(), SLICE_ROWS), groupRows - done);
            errors.reset(rows);
            try {
                for (Pass pass : passes) {
                    for (ParquetColumnPart part : pass.parts()) {
                        part.read(rows, sink, errors);
                    }
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
