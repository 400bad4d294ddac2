package io.starling.storage.codec;

import com.github.luben.zstd.Zstd;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Compressed blocks: the framing used by part data files and by {@link io.starling.storage.block.BlockSerde}.
 *
 * <pre>
 * offset size
 *      0    1  codec id ({@link CompressionCodec#id()})
 *      1    4  compressed payload size (u32 LE)
 *      5    4  uncompressed size (u32 LE)
 *      9    4  CRC32C (u32 LE) of header bytes [0, 9) followed by the compressed payload
 *     13    n  compressed payload
 * </pre>
 *
 * Thread-safe: the LZ4 compressor and decompressor instances are stateless.
 * Compressed output is deterministic: equal input gives equal bytes on every platform.
 */
public final class CompressedBlocks {
    public static final int HEADER_SIZE = 13;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /**
     * Compression uses the pure-Java LZ4 port: its output is the same on every platform (the JNI build's is
     * not), so a part written or merged on two replicas is byte-identical and golden files stay stable.
     */
    private static final LZ4Compressor LZ4_COMPRESSOR = LZ4Factory.fastestJavaInstance().fastCompressor();
    /** Any LZ4 implementation decodes any valid block; the fastest one is used. */
    private static final LZ4SafeDecompressor LZ4_DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    private static final int ZSTD_LEVEL = 3;

    private CompressedBlocks() {
    }

    /** Compresses {@code source[0, length)} and appends one framed block to {@code target}. */
    public static void write(CompressionCodec codec, byte[] source, int length, ByteSink target) {
        int start = target.size();
        int bound = switch (codec) {
            case NONE -> length;
            case LZ4 -> LZ4_COMPRESSOR.maxCompressedLength(length);
            case ZSTD -> (int) Math.min(Integer.MAX_VALUE - 64L, Zstd.compressBound(length));
        };
        target.ensure(HEADER_SIZE + bound);
        byte[] out = target.array();
        int payloadAt = start + HEADER_SIZE;
        int compressed = switch (codec) {
            case NONE -> {
                System.arraycopy(source, 0, out, payloadAt, length);
                yield length;
            }
            case LZ4 -> LZ4_COMPRESSOR.compress(source, 0, length, out, payloadAt, bound);
            case ZSTD -> {
                long written = Zstd.compressByteArray(out, payloadAt, bound, source, 0, length, ZSTD_LEVEL);
                if (Zstd.isError(written)) {
                    throw new StarlingException(ErrorCode.LOGICAL_ERROR, "ZSTD compression failed: "
                            + Zstd.getErrorName(written));
                }
                yield (int) written;
            }
        };
        out[start] = (byte) codec.id();
        INT.set(out, start + 1, compressed);
        INT.set(out, start + 5, length);
        CRC32C crc = new CRC32C();
        crc.update(out, start, 9);
        crc.update(out, payloadAt, compressed);
        INT.set(out, start + 9, (int) crc.getValue());
        target.skip(HEADER_SIZE + compressed);
    }

    /** The total framed length (header plus payload) of the block starting at {@code offset}. */
    public static int framedLength(byte[] source, int offset, int available, String where) {
        if (available < HEADER_SIZE) {
            throw corrupt(where, "a compressed block header needs " + HEADER_SIZE + " bytes, " + available + " remain");
        }
        int compressed = (int) INT.get(source, offset + 1);
        if (compressed < 0 || compressed > available - HEADER_SIZE) {
            throw corrupt(where, "compressed size [" + compressed + "] does not fit the " + available + " bytes available");
        }
        return HEADER_SIZE + compressed;
    }

    /** The uncompressed size recorded in the header of the block at {@code offset}. */
    public static int uncompressedLength(byte[] source, int offset) {
        return (int) INT.get(source, offset + 5);
    }

    /**
     * Verifies the checksum of the framed block at {@code source[offset..offset+length)} and decompresses it
     * into a new array of exactly the uncompressed size. {@code where} names the file for error messages.
     */
    public static byte[] read(byte[] source, int offset, int length, String where) {
        int framed = framedLength(source, offset, length, where);
        int compressed = framed - HEADER_SIZE;
        int uncompressed = (int) INT.get(source, offset + 5);
        if (uncompressed < 0) {
            throw corrupt(where, "uncompressed size [" + uncompressed + "] is negative");
        }
        CRC32C crc = new CRC32C();
        crc.update(source, offset, 9);
        crc.update(source, offset + HEADER_SIZE, compressed);
        int expected = (int) INT.get(source, offset + 9);
        if ((int) crc.getValue() != expected) {
            throw new StarlingException(ErrorCode.CHECKSUM_DOESNT_MATCH, "Checksum of a compressed block in ["
                    + where + "] does not match (expected " + Integer.toHexString(expected) + ", got "
                    + Integer.toHexString((int) crc.getValue()) + "); the data is corrupt. Detach the part and fetch it again");
        }
        CompressionCodec codec = CompressionCodec.fromId(source[offset]);
        byte[] result = new byte[uncompressed];
        int payloadAt = offset + HEADER_SIZE;
        int produced = switch (codec) {
            case NONE -> {
                if (compressed != uncompressed) {
                    throw corrupt(where, "an uncompressed block has sizes " + compressed + " and " + uncompressed);
                }
                System.arraycopy(source, payloadAt, result, 0, uncompressed);
                yield uncompressed;
            }
            case LZ4 -> {
                try {
                    yield LZ4_DECOMPRESSOR.decompress(source, payloadAt, compressed, result, 0, uncompressed);
                } catch (LZ4Exception e) {
                    throw corrupt(where, "LZ4 payload cannot be decompressed (" + e.getMessage() + ")");
                }
            }
            case ZSTD -> {
                long written = Zstd.decompressByteArray(result, 0, uncompressed, source, payloadAt, compressed);
                if (Zstd.isError(written)) {
                    throw corrupt(where, "ZSTD payload cannot be decompressed (" + Zstd.getErrorName(written) + ")");
                }
                yield (int) written;
            }
        };
        if (produced != uncompressed) {
            throw corrupt(where, "decompressed " + produced + " bytes where the header says " + uncompressed);
        }
        return result;
    }

    private static StarlingException corrupt(String where, String why) {
        return new StarlingException(ErrorCode.CORRUPTED_DATA, "Compressed block in [" + where + "] is corrupt: "
                + why + ". Detach the part and fetch it again");
    }
}
