package io.starling.sql.format.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.GroupWriter;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Test files of any Parquet schema, written from parquet-mr's example {@link Group}s. */
final class ParquetGroups {
    private final MessageType schema;
    private final SimpleGroupFactory factory;

    ParquetGroups(String schema) {
        this.schema = MessageTypeParser.parseMessageType(schema);
        this.factory = new SimpleGroupFactory(this.schema);
    }

    MessageType schema() {
        return schema;
    }

    Group row() {
        return factory.newGroup();
    }

    /** The rows as a Parquet file, in row groups of at most {@code rowGroupRows} rows. */
    byte[] write(List<Group> rows, int rowGroupRows) {
        try {
            Path file = Files.createTempFile("starling-groups-", ".parquet");
            try {
                Files.delete(file);
                try (ParquetWriter<Group> writer = new Builder(new LocalOutputFile(file), schema)
                        .withConf(new PlainParquetConfiguration())
                        .withCodecFactory(new ParquetCodecs())
                        .withCompressionCodec(CompressionCodecName.SNAPPY)
                        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                        .withRowGroupRowCountLimit(rowGroupRows)
                        .withPageRowCountLimit(Math.max(1, rowGroupRows / 3))
                        .build()) {
                    for (Group row : rows) {
                        writer.write(row);
                    }
                }
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Support extends WriteSupport<Group> {
        private final MessageType schema;
        private GroupWriter writer;

        Support(MessageType schema) {
            this.schema = schema;
        }

        @Override
        public WriteContext init(org.apache.parquet.conf.ParquetConfiguration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer consumer) {
            writer = new GroupWriter(consumer, schema);
        }

        @Override
        public void write(Group record) {
            writer.write(record);
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Group, Builder> {
        private final MessageType schema;

        Builder(OutputFile file, MessageType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Group> getWriteSupport(org.apache.parquet.conf.ParquetConfiguration conf) {
            return new Support(schema);
        }

        @Override
        protected WriteSupport<Group> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new Support(schema);
        }
    }
}
