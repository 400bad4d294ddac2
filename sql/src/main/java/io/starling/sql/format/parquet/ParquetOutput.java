package io.starling.sql.format.parquet;

import io.starling.sql.QueryResult;
import io.starling.storage.block.Block;
import io.starling.storage.engine.ColumnDefinition;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Writes a query result as one Parquet file (ZSTD pages), the {@code FORMAT Parquet} / {@code .parquet} output.
 * Types map as {@link ParquetOutputSchema} describes; {@link ParquetBlockWriteSupport} writes the values.
 */
public final class ParquetOutput {
    /** Rows per row group (the writer also cuts groups at 128 MB). */
    private static final int ROW_GROUP_ROWS = 1 << 20;

    private ParquetOutput() {
    }

    public static final String CONTENT_TYPE = "application/octet-stream";

    /** Writes {@code result} as a Parquet file to {@code out} (not closed). */
    public static void write(QueryResult result, OutputStream out) {
        write(result, out, CompressionCodecName.ZSTD);
    }

    /** Writes with the given page codec (GZIP, SNAPPY, ZSTD, LZ4_RAW or UNCOMPRESSED). */
    static void write(QueryResult result, OutputStream out, CompressionCodecName codec) {
        write(result, out, codec, ROW_GROUP_ROWS);
    }

    /** Writes with row groups of at most {@code rowGroupRows} rows (tests make files of many row groups). */
    static void write(QueryResult result, OutputStream out, CompressionCodecName codec, int rowGroupRows) {
        List<ColumnDefinition> columns = result.columns();
        if (columns.isEmpty()) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "A Parquet file needs at least one column; select "
                    + "some columns");
        }
        List<Type> fields = new ArrayList<>(columns.size());
        List<String> seen = new ArrayList<>();
        for (ColumnDefinition column : columns) {
            String name = column.name();
            if (seen.contains(name)) {
                throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "The result has two columns named [" + name
                        + "]; give them distinct aliases for Parquet output");
            }
            seen.add(name);
            fields.add(ParquetOutputSchema.parquetType(column.type(), name, false));
        }
        MessageType schema = new MessageType("schema", fields);
        ParquetBlockWriteSupport support = new ParquetBlockWriteSupport(schema, columns);
        try (ParquetWriter<Integer> writer = new Builder(new ParquetStreamOutputFile(out), support)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new ParquetCodecs())
                .withCompressionCodec(codec)
                .withRowGroupRowCountLimit(rowGroupRows)
                .build()) {
            for (Block block : result.blocks()) {
                support.block = block;
                for (int row = 0; row < block.rowCount(); row++) {
                    writer.write(row);
                }
            }
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.CANNOT_READ_ALL_DATA, "Writing the Parquet output failed: "
                    + e.getMessage(), e);
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final ParquetBlockWriteSupport support;

        Builder(OutputFile file, ParquetBlockWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<Integer> getWriteSupport(org.apache.hadoop.conf.Configuration configuration) {
            return support;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration configuration) {
            return support;
        }
    }
}
