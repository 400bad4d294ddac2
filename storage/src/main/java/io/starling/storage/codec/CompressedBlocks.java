package io.starling.storage.codec;

import com.github.luben.zstd.Zstd;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
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
 * Codec id 3 (a {@link ColumnCodec} chain with transforms) has this payload: u8 transform count k; k pairs of u8
 * step id and u8 word width, in the order they were applied; u8 compressor id (0 NONE, 1 LZ4, 2 ZSTD, 255 none);
 * u32 length of the transformed bytes; the compressed transformed bytes. Reading undoes the steps in reverse, so
 * a block decodes without knowing the column's codec.
 *
 * Thread-safe: the LZ4 compressor and decompressor instances are stateless.
 * Compressed output is deterministic for one lz4-java release and one platform family (its native build; see below).
 */
public final class CompressedBlocks {
    public static final int HEADER_SIZE = 13;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /*
     * LZ4 compresses with lz4-java's JNI build of the reference C library: about twice the speed of the pure-Java
     * port on column data (1.6 against 0.8 GB/s on the bench's payload column) and 5 % smaller, and compression is
     * the largest single cost of ingestion and merges. Its output is the same on every 64-bit little-endian
     * platform it ships for; a replica whose merge result differs anyway (another platform, the Java fallback
     * where the native library cannot load) fetches the leader's part instead, so nothing depends on byte
     * equality beyond a wasted merge.
     */
    private static final LZ4Compressor LZ4_COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
    /** Any LZ4 implementation decodes any valid block; the fastest one is used. */
    private static final LZ4SafeDecompressor LZ4_DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    private static final int ZSTD_LEVEL = 3;
    /** Block codec id of a transform chain (see the class comment). */
    public static final int CHAIN_ID = 3;
    private static final int NO_COMPRESSOR = 255;

    private CompressedBlocks() {
    }

    /** Compresses {@code source[0, length)} and appends one framed block to {@code target}. */
    public static void write(CompressionCodec codec, byte[] source, int length, ByteSink target) {
        write(codec, ZSTD_LEVEL, source, length, target);
    }

    /**
     * Encodes {@code source[0, length)} with a codec chain and appends one framed block to {@code target}; the
     * scratch sinks hold intermediate transforms (see {@link ColumnCodec#encoder()}). A chain without transforms
     * writes exactly what {@link #write(CompressionCodec, byte[], int, ByteSink)} writes.
     */
    static void write(ColumnCodec codec, byte[] source, int length, ByteSink target, ByteSink first, ByteSink second) {
        ColumnCodec.Step compressor = codec.compressor();
        int transforms = codec.transformCount();
        if (transforms == 0) {
            CompressionCodec plain = plain(compressor.kind());
            write(plain, compressor.kind() == ColumnCodec.Kind.ZSTD ? compressor.parameter() : ZSTD_LEVEL, source, length,
                    target);
            return;
        }
        byte[] current = source;
        int currentLength = length;
        ByteSink into = first;
        for (ColumnCodec.Step step : codec.steps()) {
            if (!step.kind().transform) {
                break;
            }
            into.reset();
            CodecTransforms.encode(step.kind(), step.parameter(), current, currentLength, into);
            current = into.array();
            currentLength = into.size();
            into = into == first ? second : first;
        }
        int start = target.size();
        int descriptor = 1 + 2 * transforms + 1 + 4;
        target.ensure(HEADER_SIZE + descriptor);
        target.skip(HEADER_SIZE);
        target.writeByte(transforms);
        for (ColumnCodec.Step step : codec.steps()) {
            if (step.kind().transform) {
                target.writeByte(step.kind().id);
                target.writeByte(step.parameter());
            }
        }
        target.writeByte(compressor == null ? NO_COMPRESSOR : compressor.kind().id);
        target.writeInt(currentLength);
        int payloadAt = target.size();
        int compressed = compressor == null
                ? copy(current, currentLength, target)
                : compress(plain(compressor.kind()), compressor.kind() == ColumnCodec.Kind.ZSTD ? compressor.parameter()
                        : ZSTD_LEVEL, current, currentLength, target);
        target.skip(compressed);
        finishHeader(target.array(), start, CHAIN_ID, payloadAt + compressed - start - HEADER_SIZE, length);
    }

    private static CompressionCodec plain(ColumnCodec.Kind kind) {
        return switch (kind) {
            case NONE -> CompressionCodec.NONE;
            case LZ4 -> CompressionCodec.LZ4;
            case ZSTD -> CompressionCodec.ZSTD;
            default -> throw new IllegalArgumentException(kind + " is not a compressor");
        };
    }

    private static int copy(byte[] source, int length, ByteSink target) {
        target.ensure(length);
        System.arraycopy(source, 0, target.array(), target.size(), length);
        return length;
    }

    /** Compresses into the free space after target's end (not marked written); returns the compressed size. */
    private static int compress(CompressionCodec codec, int zstdLevel, byte[] source, int length, ByteSink target) {
        int bound = switch (codec) {
            case NONE -> length;
            case LZ4 -> LZ4_COMPRESSOR.maxCompressedLength(length);
            case ZSTD -> (int) Math.min(Integer.MAX_VALUE - 64L, Zstd.compressBound(length));
        };
        target.ensure(bound);
        byte[] out = target.array();
        int at = target.size();
        return switch (codec) {
            case NONE -> {
                System.arraycopy(source, 0, out, at, length);
                yield length;
            }
            case LZ4 -> LZ4_COMPRESSOR.compress(source, 0, length, out, at, bound);
            case ZSTD -> {
                long written = Zstd.compressByteArray(out, at, bound, source, 0, length, zstdLevel);
                if (Zstd.isError(written)) {
                    throw new StarlingException(ErrorCode.LOGICAL_ERROR, "ZSTD compression failed: "
                            + Zstd.getErrorName(written));
                }
                yield (int) written;
            }
        };
    }

    private static void finishHeader(byte[] out, int start, int codecId, int compressed, int length) {
        out[start] = (byte) codecId;
        INT.set(out, start + 1, compressed);
        INT.set(out, start + 5, length);
        CRC32C crc = new CRC32C();
        crc.update(out, start, 9);
        crc.update(out, start + HEADER_SIZE, compressed);
        INT.set(out, start + 9, (int) crc.getValue());
    }

    private static void write(CompressionCodec codec, int zstdLevel, byte[] source, int length, ByteSink target) {
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
                long written = Zstd.compressByteArray(out, payloadAt, bound, source, 0, length, zstdLevel);
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
        return read(source, offset, length, where, null);
    }

    /**
     * Like {@link #read(byte[], int, int, String)}, but decompresses into {@code reuse} when it is at least the
     * uncompressed size (readers keep one such buffer instead of allocating one per block). Returns the array
     * holding the bytes at {@code [0, uncompressedLength(source, offset))}: {@code reuse} or a new array.
     */
    public static byte[] read(byte[] source, int offset, int length, String where, byte[] reuse) {
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
        if (source[offset] == CHAIN_ID) {
            return readChain(source, offset + HEADER_SIZE, compressed, uncompressed, where);
        }
        CompressionCodec codec = CompressionCodec.fromId(source[offset]);
        byte[] result = reuse != null && reuse.length >= uncompressed ? reuse : new byte[uncompressed];
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

    private static final int MAX_CACHED_HEAP_COPY = 1 << 22;
    /** Per-thread heap copy of a block whose codec cannot read from a direct buffer (ZSTD, NONE, chains). */
    private static final ThreadLocal<byte[]> HEAP_COPIES = ThreadLocal.withInitial(() -> new byte[1 << 16]);

    /**
     * Like {@link #read(byte[], int, int, String, byte[])} for a framed block at {@code [0, length)} of a direct
     * buffer (a reader's file buffer): the checksum is computed on the buffer and LZ4 decompresses from it, so the
     * compressed bytes are never copied onto the heap. Other codecs copy the block to the heap first.
     */
    public static byte[] read(ByteBuffer source, int length, String where, byte[] reuse) {
        if (length < HEADER_SIZE || source.get(0) != CompressionCodec.LZ4.id()) {
            byte[] heap = HEAP_COPIES.get();
            if (heap.length < length) {
                heap = new byte[Math.max(length, heap.length * 2)];
                if (heap.length <= MAX_CACHED_HEAP_COPY) {
                    HEAP_COPIES.set(heap);
                }
            }
            source.get(0, heap, 0, length);
            return read(heap, 0, length, where, reuse);
        }
        ByteBuffer block = source.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int compressed = block.getInt(1);
        int uncompressed = block.getInt(5);
        if (compressed < 0 || compressed > length - HEADER_SIZE) {
            throw corrupt(where, "compressed size [" + compressed + "] does not fit the " + length + " bytes available");
        }
        if (uncompressed < 0) {
            throw corrupt(where, "uncompressed size [" + uncompressed + "] is negative");
        }
        CRC32C crc = new CRC32C();
        crc.update(block.limit(9).position(0));
        crc.update(block.limit(HEADER_SIZE + compressed).position(HEADER_SIZE));
        int expected = source.order(ByteOrder.LITTLE_ENDIAN).getInt(9);
        if ((int) crc.getValue() != expected) {
            throw new StarlingException(ErrorCode.CHECKSUM_DOESNT_MATCH, "Checksum of a compressed block in ["
                    + where + "] does not match (expected " + Integer.toHexString(expected) + ", got "
                    + Integer.toHexString((int) crc.getValue()) + "); the data is corrupt. Detach the part and fetch it again");
        }
        byte[] result = reuse != null && reuse.length >= uncompressed ? reuse : new byte[uncompressed];
        int produced;
        try {
            produced = LZ4_DECOMPRESSOR.decompress(source, HEADER_SIZE, compressed, ByteBuffer.wrap(result), 0, uncompressed);
        } catch (LZ4Exception e) {
            throw corrupt(where, "LZ4 payload cannot be decompressed (" + e.getMessage() + ")");
        }
        if (produced != uncompressed) {
            throw corrupt(where, "decompressed " + produced + " bytes where the header says " + uncompressed);
        }
        return result;
    }

    private static byte[] readChain(byte[] source, int at, int compressed, int uncompressed, String where) {
        int limit = at + compressed;
        if (compressed < 6) {
            throw corrupt(where, "a codec chain block of " + compressed + " bytes has no descriptor");
        }
        int transforms = source[at++] & 0xFF;
        if (transforms < 1 || transforms > 4 || limit - at < 2 * transforms + 5) {
            throw corrupt(where, "a codec chain of " + transforms + " transforms is invalid");
        }
        int[] kinds = new int[transforms];
        int[] widths = new int[transforms];
        for (int i = 0; i < transforms; i++) {
            kinds[i] = source[at++] & 0xFF;
            widths[i] = source[at++] & 0xFF;
        }
        int compressorId = source[at++] & 0xFF;
        int transformed = (int) INT.get(source, at);
        at += 4;
        if (transformed < 0) {
            throw corrupt(where, "transformed size [" + transformed + "] is negative");
        }
        byte[] current;
        int payload = limit - at;
        if (compressorId == NO_COMPRESSOR) {
            if (payload != transformed) {
                throw corrupt(where, "an uncompressed chain payload has sizes " + payload + " and " + transformed);
            }
            current = java.util.Arrays.copyOfRange(source, at, limit);
        } else {
            current = new byte[transformed];
            int produced = switch (CompressionCodec.fromId(compressorId)) {
                case NONE -> {
                    if (payload != transformed) {
                        throw corrupt(where, "an uncompressed chain payload has sizes " + payload + " and " + transformed);
                    }
                    System.arraycopy(source, at, current, 0, transformed);
                    yield transformed;
                }
                case LZ4 -> {
                    try {
                        yield LZ4_DECOMPRESSOR.decompress(source, at, payload, current, 0, transformed);
                    } catch (LZ4Exception e) {
                        throw corrupt(where, "LZ4 payload cannot be decompressed (" + e.getMessage() + ")");
                    }
                }
                case ZSTD -> {
                    long written = Zstd.decompressByteArray(current, 0, transformed, source, at, payload);
                    if (Zstd.isError(written)) {
                        throw corrupt(where, "ZSTD payload cannot be decompressed (" + Zstd.getErrorName(written) + ")");
                    }
                    yield (int) written;
                }
            };
            if (produced != transformed) {
                throw corrupt(where, "decompressed " + produced + " bytes where the chain says " + transformed);
            }
        }
        int currentLength = transformed;
        for (int i = transforms - 1; i >= 0; i--) {
            ColumnCodec.Kind kind = ColumnCodec.Kind.fromId(kinds[i]);
            if (!kind.transform) {
                throw corrupt(where, "codec chain step " + kind + " is not a transform");
            }
            ByteSink out = new ByteSink(i == 0 ? uncompressed : Math.max(16, currentLength * 2));
            CodecTransforms.decode(kind, widths[i], current, 0, currentLength, out);
            current = out.array();
            currentLength = out.size();
        }
        if (currentLength != uncompressed) {
            throw corrupt(where, "the codec chain produced " + currentLength + " bytes where the header says "
                    + uncompressed);
        }
        return current.length == uncompressed ? current : java.util.Arrays.copyOf(current, uncompressed);
    }

    private static StarlingException corrupt(String where, String why) {
        return new StarlingException(ErrorCode.CORRUPTED_DATA, "Compressed block in [" + where + "] is corrupt: "
                + why + ". Detach the part and fetch it again");
    }
}
