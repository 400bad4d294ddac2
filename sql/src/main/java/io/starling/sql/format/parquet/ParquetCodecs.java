package io.starling.sql.format.parquet;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page codecs without Hadoop: GZIP through {@code java.util.zip} and the deprecated Hadoop-framed LZ4 through
 * lz4-java (falling back to a raw LZ4 block, as old Arrow writers produced), everything parquet-mr implements
 * itself (SNAPPY, ZSTD, LZ4_RAW, UNCOMPRESSED) by its {@link CodecFactory}. LZO and BROTLI are refused with a
 * clear error. Thread-safe for reading (each decompressor is stateless).
 */
final class ParquetCodecs implements CompressionCodecFactory {
    private final CodecFactory delegate = new CodecFactory(new PlainParquetConfiguration(), 64 * 1024);
    private final Map<CompressionCodecName, BytesInputDecompressor> decompressors =
            new EnumMap<>(CompressionCodecName.class);

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        if (codec == CompressionCodecName.GZIP) {
            return GZIP_COMPRESSOR;
        }
        refuseUnsupported(codec);
        return delegate.getCompressor(codec);
    }

    @Override
    public synchronized BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case GZIP -> GZIP_DECOMPRESSOR;
            case LZ4 -> HADOOP_LZ4_DECOMPRESSOR;
            default -> {
                refuseUnsupported(codec);
                yield decompressors.computeIfAbsent(codec, delegate::getDecompressor);
            }
        };
    }

    private static void refuseUnsupported(CompressionCodecName codec) {
        if (codec == CompressionCodecName.LZO || codec == CompressionCodecName.BROTLI) {
            throw new StarlingException(ErrorCode.NOT_IMPLEMENTED, "Parquet pages compressed with " + codec
                    + " are not supported; rewrite the file with SNAPPY, ZSTD, GZIP, LZ4_RAW or no compression");
        }
    }

    @Override
    public void release() {
        delegate.release();
    }

    /** Decompressors that work on whole byte arrays; the ByteBuffer variant copies through them. */
    private abstract static class ArrayDecompressor implements BytesInputDecompressor {
        abstract byte[] decompress(byte[] compressed, int uncompressedSize) throws IOException;

        @Override
        @SuppressWarnings("deprecation")
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            return BytesInput.from(decompress(bytes.toByteArray(), uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] compressed = new byte[compressedSize];
            input.get(compressed);
            output.put(decompress(compressed, uncompressedSize));
        }

        @Override
        public void release() {
        }
    }

    private static final BytesInputDecompressor GZIP_DECOMPRESSOR = new ArrayDecompressor() {
        @Override
        byte[] decompress(byte[] compressed, int uncompressedSize) throws IOException {
            // GZIPInputStream reads concatenated members too.
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
                byte[] out = in.readNBytes(uncompressedSize);
                if (out.length != uncompressedSize) {
                    throw new IOException("A GZIP page decompressed to " + out.length + " bytes; its header says "
                            + uncompressedSize);
                }
                return out;
            }
        }
    };

    /**
     * LZ4 as Hadoop frames it: blocks of [original length][compressed length][LZ4 block]... (big-endian ints);
     * when the bytes are not framed so, one raw LZ4 block.
     */
    private static final BytesInputDecompressor HADOOP_LZ4_DECOMPRESSOR = new ArrayDecompressor() {
        private final LZ4SafeDecompressor lz4 = LZ4Factory.fastestJavaInstance().safeDecompressor();

        @Override
        byte[] decompress(byte[] compressed, int uncompressedSize) throws IOException {
            byte[] out = new byte[uncompressedSize];
            if (hadoopFramed(compressed, out)) {
                return out;
            }
            try {
                int written = lz4.decompress(compressed, 0, compressed.length, out, 0, uncompressedSize);
                if (written != uncompressedSize) {
                    throw new IOException("An LZ4 page decompressed to " + written + " bytes; its header says "
                            + uncompressedSize);
                }
                return out;
            } catch (LZ4Exception e) {
                throw new IOException("An LZ4 page is corrupt: " + e.getMessage(), e);
            }
        }

        private boolean hadoopFramed(byte[] in, byte[] out) {
            int position = 0;
            int written = 0;
            try {
                while (position + 4 <= in.length) {
                    int original = readInt(in, position);
                    position += 4;
                    if (original < 0 || written + original > out.length) {
                        return false;
                    }
                    int blockEnd = written + original;
                    while (written < blockEnd) {
                        if (position + 4 > in.length) {
                            return false;
                        }
                        int length = readInt(in, position);
                        position += 4;
                        if (length < 0 || position + length > in.length) {
                            return false;
                        }
                        written += lz4.decompress(in, position, length, out, written, blockEnd - written);
                        position += length;
                    }
                }
                return position == in.length && written == out.length;
            } catch (LZ4Exception e) {
                return false;
            }
        }

        private static int readInt(byte[] bytes, int at) {
            return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                    | (bytes[at + 3] & 0xFF);
        }
    };

    private static final BytesInputCompressor GZIP_COMPRESSOR = new BytesInputCompressor() {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                bytes.writeAllTo(gzip);
            }
            return BytesInput.from(out.toByteArray());
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.GZIP;
        }

        @Override
        public void release() {
        }
    };
}
