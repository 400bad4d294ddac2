package io.starling.storage.block;

import io.starling.storage.codec.ByteSink;
import io.starling.storage.codec.ByteSource;
import io.starling.storage.codec.ColumnSerializer;
import io.starling.storage.codec.CompressedBlocks;
import io.starling.storage.codec.CompressionCodec;
import io.starling.storage.column.Column;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Self-describing binary form of a {@link Block}, carried inside Protobuf messages and used for small index files.
 *
 * <pre>
 * offset size
 *      0    2  magic "SB"
 *      2    1  format version (1)
 *      3    4  row count (u32 LE)
 *      7    4  column count c (u32 LE)
 *     11       c type names, each a u16 LE length plus UTF-8 ClickHouse type name
 *              one compressed block (see {@link CompressedBlocks}) holding the c columns one after the other
 *              in {@link ColumnSerializer} form
 * </pre>
 *
 * Column names are not part of the encoding. Stateless and thread-safe.
 */
public final class BlockSerde {
    private static final byte MAGIC_0 = 'S';
    private static final byte MAGIC_1 = 'B';
    private static final int VERSION = 1;

    private BlockSerde() {
    }

    /** LZ4-compressed encoding of the block. */
    public static byte[] serialize(Block block) {
        return serialize(block, CompressionCodec.LZ4);
    }

    public static byte[] serialize(Block block, CompressionCodec codec) {
        ByteSink payload = new ByteSink((int) Math.min(Integer.MAX_VALUE / 2, block.sizeInBytes() + 64));
        for (Column column : block.columns()) {
            ColumnSerializer.write(column, payload);
        }
        ByteSink out = new ByteSink(payload.size() / 2 + 64);
        out.writeByte(MAGIC_0);
        out.writeByte(MAGIC_1);
        out.writeByte(VERSION);
        out.writeInt(block.rowCount());
        out.writeInt(block.columnCount());
        for (Column column : block.columns()) {
            out.writeShortString(column.type().name());
        }
        CompressedBlocks.write(codec, payload.array(), payload.size(), out);
        return out.toByteArray();
    }

    public static Block deserialize(byte[] bytes) {
        return deserialize(bytes, 0, bytes.length);
    }

    public static Block deserialize(byte[] bytes, int offset, int length) {
        ByteSource header = new ByteSource(bytes, offset, length);
        if (header.readByte() != MAGIC_0 || header.readByte() != MAGIC_1) {
            throw new StarlingException(ErrorCode.CORRUPTED_DATA,
                    "Serialized block does not start with the magic bytes [SB]; it is not a Starling block");
        }
        int version = header.readUnsignedByte();
        if (version != VERSION) {
            throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Serialized block format version [" + version
                    + "] is not supported; this build reads version " + VERSION);
        }
        int rows = header.readCount("rows");
        int columnCount = header.readCount("columns");
        List<DataType> types = new ArrayList<>(Math.min(columnCount, 4096));
        for (int i = 0; i < columnCount; i++) {
            types.add(DataTypes.parseStored(header.readShortString()));
        }
        int blockAt = header.position();
        byte[] payload = CompressedBlocks.read(bytes, blockAt, offset + length - blockAt, "serialized block");
        if (blockAt + CompressedBlocks.framedLength(bytes, blockAt, offset + length - blockAt, "serialized block")
                != offset + length) {
            throw new StarlingException(ErrorCode.CORRUPTED_DATA,
                    "Serialized block has trailing bytes after its data; it is corrupt");
        }
        ByteSource source = new ByteSource(payload);
        List<Column> columns = new ArrayList<>(columnCount);
        for (DataType type : types) {
            columns.add(ColumnSerializer.read(type, source, rows));
        }
        if (!source.atEnd()) {
            throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Serialized block has " + source.remaining()
                    + " unread bytes after its columns; it is corrupt");
        }
        return new Block(columns, rows);
    }
}
