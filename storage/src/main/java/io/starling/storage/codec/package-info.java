/**
 * Binary encodings shared by parts and the wire: {@link io.starling.storage.codec.ColumnSerializer} (column values
 * by physical kind) and {@link io.starling.storage.codec.CompressedBlocks} (checksummed LZ4/ZSTD blocks).
 */
package io.starling.storage.codec;
