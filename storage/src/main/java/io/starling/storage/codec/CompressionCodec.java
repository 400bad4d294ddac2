package io.starling.storage.codec;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import java.util.Locale;

/** How a compressed block's payload is encoded. The id is written into every block header; never renumber. */
public enum CompressionCodec {
    /** Stored as is. */
    NONE(0),
    /** LZ4 block format (lz4-java's fastest instance). The default. */
    LZ4(1),
    /** Zstandard at level 3 (zstd-jni). Smaller, slower. */
    ZSTD(2);

    /** Table setting that picks the codec of new parts: {@code compression_codec = 'ZSTD'}. */
    public static final String SETTING = "compression_codec";

    private final int id;

    CompressionCodec(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static CompressionCodec fromId(int id) {
        for (CompressionCodec codec : values()) {
            if (codec.id == id) {
                return codec;
            }
        }
        throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Compression codec id [" + id
                + "] is unknown; the data is corrupt or was written by a newer version");
    }

    public static CompressionCodec fromName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StarlingException(ErrorCode.BAD_ARGUMENTS, "Compression codec [" + name
                    + "] is not supported; use LZ4, ZSTD or NONE", e);
        }
    }
}
