package io.starling.sql.format.parquet;

import io.starling.sql.format.ByteSink;
import java.io.IOException;
import java.io.InputStream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * The rows of a Parquet file as an NDJSON byte stream, produced row group by row group as it is read (about
 * {@value #FILL_BYTES} bytes of lines at a time). Values are written by {@link ParquetJsonValues}. Reading or
 * decoding failures surface as {@link io.starling.storage.error.StarlingException}s (INCORRECT_DATA, or
 * NOT_IMPLEMENTED for LZO/BROTLI pages) naming the problem. Not thread-safe.
 */
final class ParquetJsonRows extends InputStream {
    private static final int FILL_BYTES = 64 * 1024;

    private final MessageType projection;
    private final ParquetJsonValues values = new ParquetJsonValues();
    private final ByteSink lines = new ByteSink();
    private final ParquetFileReader reader;
    private RecordReader<Group> rows;
    private long rowsLeft;
    private int position;
    private boolean closed;

    ParquetJsonRows(ParquetFile file, MessageType projection) {
        this.projection = projection;
        this.reader = file.openReader();
        reader.setRequestedSchema(projection);
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return lines.rawBytes()[position++] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, lines.size() - position);
        System.arraycopy(lines.rawBytes(), position, target, offset, count);
        position += count;
        return count;
    }

    /** Makes sure unread bytes are buffered; false at the end of the file. */
    private boolean fill() throws IOException {
        if (position < lines.size()) {
            return true;
        }
        if (closed) {
            return false;
        }
        lines.reset();
        position = 0;
        try {
            while (lines.size() < FILL_BYTES) {
                if (rowsLeft == 0 && !nextRowGroup()) {
                    break;
                }
                Group row = rows.read();
                rowsLeft--;
                if (row != null) {
                    values.writeRow(row, lines);
                    lines.write('\n');
                }
            }
        } catch (IOException | RuntimeException e) {
            // a StarlingException passes through the NDJSON reader unchanged (an IOException would be reworded)
            throw ParquetFile.corrupt(e);
        }
        return lines.size() > 0;
    }

    private boolean nextRowGroup() throws IOException {
        PageReadStore pages = reader.readNextRowGroup();
        if (pages == null) {
            return false;
        }
        MessageColumnIO io = new ColumnIOFactory().getColumnIO(projection);
        rows = io.getRecordReader(pages, new GroupRecordConverter(projection));
        rowsLeft = pages.getRowCount();
        return true;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            reader.close();
        }
    }
}
