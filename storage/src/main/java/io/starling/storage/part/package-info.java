/**
 * Parts: immutable, checksummed directories of column files. The on-disk layout is documented once, in the
 * class comment of {@link io.starling.storage.part.PartWriter}; {@link io.starling.storage.part.DataPart} loads
 * and verifies a part and reads its granules.
 */
package io.starling.storage.part;
