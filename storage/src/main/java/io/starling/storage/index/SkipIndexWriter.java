package io.starling.storage.index;

import io.starling.storage.block.Block;
import io.starling.storage.block.BlockSerde;
import io.starling.storage.codec.ByteSink;
import io.starling.storage.codec.CompressionCodec;
import io.starling.storage.column.Column;
import io.starling.storage.column.ColumnBuilder;
import io.starling.storage.column.StringColumn;
import io.starling.storage.merge.ValueComparator;
import io.starling.storage.type.DataType;
import io.starling.storage.type.IntegerType;
import java.util.Arrays;
import java.util.List;

/**
 * Builds one skip index of a part from the indexed expression's values, one data granule at a time.
 *
 * <h2>File {@code skp_idx_<name>.idx}</h2>
 * <pre>
 * "SI" u8 version(1) u8 kind | name, expression, type (u16-length UTF-8 each) | u8 argument count, each argument
 * (u16 string) | u32 granularity | leaf type name (u16 string) | u32 entry count | body
 * </pre>
 * One entry summarises {@code granularity} consecutive data granules (the last may cover fewer). Body by kind:
 * <ul>
 *   <li>minmax: u32 length + a {@code BlockSerde} block (codec NONE) of three columns, one row per entry: min and
 *       max (leaf type) and has-values (UInt8; 0 when every value was NULL or the arrays empty).</li>
 *   <li>set: u32 length + block of one Int64 column: distinct values per entry, -1 when more than the limit;
 *       u32 length + block of one leaf-type column: the distinct values of every entry, entry after entry.</li>
 *   <li>bloom_filter, tokenbf_v1, ngrambf_v1: per entry u8 hash count k, u32 word count w, w u64 words (LE). Bit
 *       {@code i} of the filter for hash h: {@code (h + i * (mix(h) | 1)) mod (64 w)}, for i &lt; k.</li>
 * </ul>
 * bloom_filter hashes leaf values ({@code mix(long)} for numbers, {@code mix(low ^ mix(high))} for Decimal128,
 * XXH64 seed 0 for bytes) and sizes each entry for its distinct values and the false-positive rate (default
 * 0.025); tokenbf_v1 hashes the tokens of strings (runs
 * of ASCII letters and digits and non-ASCII bytes), ngrambf_v1 every n-byte substring, with XXH64 and the seed.
 * Not thread-safe.
 */
public final class SkipIndexWriter implements IndexValues.LeafConsumer {
    static final int VERSION = 1;
    static final int MINMAX = 0;
    static final int SET = 1;
    static final int BLOOM = 2;
    static final int TOKEN = 3;
    static final int NGRAM = 4;
    static final double DEFAULT_FALSE_POSITIVE = 0.025;

    private final IndexDefinition definition;
    private final int kind;
    private final DataType leafType;
    private final ValueComparator comparator;
    private int granulesInEntry;
    private int entries;
    // minmax
    private ColumnBuilder mins;
    private ColumnBuilder maxes;
    private ColumnBuilder has;
    private Column minColumn;
    private int minRow;
    private Column maxColumn;
    private int maxRow;
    // set
    private ColumnBuilder counts;
    private ColumnBuilder setValues;
    private int setLimit;
    private Column[] distinctColumns = new Column[64];
    private int[] distinctRows = new int[64];
    private long[] distinctHashes = new long[64];
    private int[] table = new int[128];
    private int distinct;
    private boolean overflow;
    // bloom filters
    private final ByteSink filters = new ByteSink(1024);
    private long[] hashes = new long[1024];
    private int hashCount;
    private long[] words;
    private int hashFunctions;
    private long seed;
    private int ngram;
    private double falsePositive;

    /** {@code expressionType} is the type of the indexed expression (Nullable, LowCardinality and Array allowed). */
    public SkipIndexWriter(IndexDefinition definition, DataType expressionType) {
        this.definition = definition;
        this.leafType = IndexValues.leafType(expressionType);
        this.comparator = ValueComparator.forType(leafType);
        List<String> arguments = definition.arguments();
        this.kind = switch (definition.type()) {
            case "minmax" -> MINMAX;
            case "set" -> SET;
            case "bloom_filter" -> BLOOM;
            case "tokenbf_v1" -> TOKEN;
            default -> NGRAM;
        };
        switch (kind) {
            case MINMAX -> {
                mins = ColumnBuilder.forType(leafType, 16);
                maxes = ColumnBuilder.forType(leafType, 16);
                has = ColumnBuilder.forType(IntegerType.UINT8, 16);
            }
            case SET -> {
                counts = ColumnBuilder.forType(IntegerType.INT64, 16);
                setValues = ColumnBuilder.forType(leafType, 64);
                setLimit = IndexDefinition.intArgument(arguments, 0);
                Arrays.fill(table, -1);
            }
            case BLOOM -> falsePositive = arguments.isEmpty() ? DEFAULT_FALSE_POSITIVE : Double.parseDouble(arguments.get(0));
            default -> {
                int base = kind == NGRAM ? 1 : 0;
                ngram = kind == NGRAM ? IndexDefinition.intArgument(arguments, 0) : 0;
                int bytes = IndexDefinition.intArgument(arguments, base);
                words = new long[Math.max(1, (bytes + 7) / 8)];
                hashFunctions = IndexDefinition.intArgument(arguments, base + 1);
                seed = Long.parseLong(arguments.get(base + 2).contains(".")
                        ? Long.toString((long) Double.parseDouble(arguments.get(base + 2))) : arguments.get(base + 2));
            }
        }
        if ((kind == TOKEN || kind == NGRAM) && !(leafType.physical() == io.starling.storage.type.PhysicalKind.BYTES)) {
            throw new io.starling.storage.error.StarlingException(io.starling.storage.error.ErrorCode.BAD_ARGUMENTS,
                    "Index [" + definition.name() + "] of type " + definition.type() + " needs a String expression, not ["
                            + expressionType.name() + "]");
        }
    }

    /**
     * Whether minmax, set and bloom_filter indexes can be built over an expression of this type: numbers
     * (Decimal128 and Decimal256 included), strings, and arrays or Nullable/LowCardinality wrappers of them.
     */
    public static boolean supports(DataType expressionType) {
        return IndexValues.indexable(expressionType);
    }

    /** The file name of an index in a part. */
    public static String fileName(String indexName) {
        return SkipIndex.FILE_PREFIX + io.starling.storage.part.PartFiles.escape(indexName) + SkipIndex.FILE_SUFFIX;
    }

    public IndexDefinition definition() {
        return definition;
    }

    /** Adds one data granule's values of the indexed expression. */
    public void addGranule(Column values) {
        IndexValues.forEachLeaf(values, this);
        if (++granulesInEntry == definition.granularity()) {
            closeEntry();
        }
    }

    @Override
    public void accept(Column base, int row) {
        switch (kind) {
            case MINMAX -> {
                if (minColumn == null || comparator.compare(base, row, minColumn, minRow) < 0) {
                    minColumn = base;
                    minRow = row;
                }
                if (maxColumn == null || comparator.compare(base, row, maxColumn, maxRow) > 0) {
                    maxColumn = base;
                    maxRow = row;
                }
            }
            case SET -> addDistinct(base, row);
            case BLOOM -> {
                if (hashCount == hashes.length) {
                    hashes = Arrays.copyOf(hashes, hashes.length * 2);
                }
                hashes[hashCount++] = IndexValues.hash(base, row, 0);
            }
            default -> {
                StringColumn strings = (StringColumn) base;
                byte[] bytes = strings.rawBytes();
                int start = strings.valueOffset(row);
                int end = start + strings.valueLength(row);
                if (kind == TOKEN) {
                    int at = start;
                    while (at < end) {
                        while (at < end && !Tokens.isTokenByte(bytes[at])) {
                            at++;
                        }
                        int tokenStart = at;
                        while (at < end && Tokens.isTokenByte(bytes[at])) {
                            at++;
                        }
                        if (at > tokenStart) {
                            Bloom.add(words, hashFunctions, IndexValues.hashBytes(bytes, tokenStart, at - tokenStart, seed));
                        }
                    }
                } else {
                    for (int at = start; at + ngram <= end; at++) {
                        Bloom.add(words, hashFunctions, IndexValues.hashBytes(bytes, at, ngram, seed));
                    }
                }
            }
        }
    }

    private void addDistinct(Column base, int row) {
        if (overflow) {
            return;
        }
        long hash = IndexValues.hash(base, row, 0);
        int mask = table.length - 1;
        int slot = (int) hash & mask;
        while (table[slot] >= 0) {
            int candidate = table[slot];
            if (distinctHashes[candidate] == hash && comparator.compare(distinctColumns[candidate], distinctRows[candidate],
                    base, row) == 0) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        if (setLimit > 0 && distinct == setLimit) {
            overflow = true;
            return;
        }
        if (distinct == distinctColumns.length) {
            distinctColumns = Arrays.copyOf(distinctColumns, distinct * 2);
            distinctRows = Arrays.copyOf(distinctRows, distinct * 2);
            distinctHashes = Arrays.copyOf(distinctHashes, distinct * 2);
        }
        distinctColumns[distinct] = base;
        distinctRows[distinct] = row;
        distinctHashes[distinct] = hash;
        table[slot] = distinct++;
        if (distinct * 2 > table.length) {
            int[] grown = new int[table.length * 2];
            Arrays.fill(grown, -1);
            int grownMask = grown.length - 1;
            for (int i = 0; i < distinct; i++) {
                int at = (int) distinctHashes[i] & grownMask;
                while (grown[at] >= 0) {
                    at = (at + 1) & grownMask;
                }
                grown[at] = i;
            }
            table = grown;
        }
    }

    private void closeEntry() {
        switch (kind) {
            case MINMAX -> {
                if (minColumn == null) {
                    mins.appendDefault();
                    maxes.appendDefault();
                    has.appendLong(0);
                } else {
                    mins.appendFrom(minColumn, minRow);
                    maxes.appendFrom(maxColumn, maxRow);
                    has.appendLong(1);
                }
                minColumn = null;
                maxColumn = null;
            }
            case SET -> {
                counts.appendLong(overflow ? -1 : distinct);
                if (!overflow) {
                    for (int i = 0; i < distinct; i++) {
                        setValues.appendFrom(distinctColumns[i], distinctRows[i]);
                    }
                }
                Arrays.fill(distinctColumns, 0, distinct, null);
                Arrays.fill(table, -1);
                distinct = 0;
                overflow = false;
            }
            case BLOOM -> {
                Arrays.sort(hashes, 0, hashCount);
                int unique = 0;
                for (int i = 0; i < hashCount; i++) {
                    if (i == 0 || hashes[i] != hashes[i - 1]) {
                        unique++;
                    }
                }
                long bits = (long) Math.ceil(-Math.max(1, unique) * Math.log(falsePositive) / (Math.log(2) * Math.log(2)));
                int wordCount = (int) Math.max(1, Math.min(1 << 24, (bits + 63) / 64));
                int functions = (int) Math.max(1, Math.min(16, Math.round(64.0 * wordCount / Math.max(1, unique) * Math.log(2))));
                long[] filter = new long[wordCount];
                for (int i = 0; i < hashCount; i++) {
                    Bloom.add(filter, functions, hashes[i]);
                }
                writeFilter(functions, filter);
                hashCount = 0;
            }
            default -> {
                writeFilter(hashFunctions, words);
                Arrays.fill(words, 0);
            }
        }
        granulesInEntry = 0;
        entries++;
    }

    private void writeFilter(int functions, long[] filter) {
        filters.writeByte(functions);
        filters.writeInt(filter.length);
        for (long word : filter) {
            filters.writeLong(word);
        }
    }

    /** Closes the last entry and returns the file's bytes. */
    public byte[] finish() {
        if (granulesInEntry > 0) {
            closeEntry();
        }
        ByteSink out = new ByteSink(256 + filters.size());
        out.writeByte('S');
        out.writeByte('I');
        out.writeByte(VERSION);
        out.writeByte(kind);
        out.writeShortString(definition.name());
        out.writeShortString(definition.expression());
        out.writeShortString(definition.type());
        out.writeByte(definition.arguments().size());
        for (String argument : definition.arguments()) {
            out.writeShortString(argument);
        }
        out.writeInt(definition.granularity());
        out.writeShortString(leafType.name());
        out.writeInt(entries);
        switch (kind) {
            case MINMAX -> writeBlock(out, new Block(List.of(mins.build(), maxes.build(), has.build()), entries));
            case SET -> {
                writeBlock(out, new Block(List.of(counts.build()), entries));
                Column values = setValues.build();
                writeBlock(out, new Block(List.of(values), values.size()));
            }
            default -> out.writeBytes(filters.array(), 0, filters.size());
        }
        return out.toByteArray();
    }

    private static void writeBlock(ByteSink out, Block block) {
        byte[] bytes = BlockSerde.serialize(block, CompressionCodec.NONE);
        out.writeInt(bytes.length);
        out.writeBytes(bytes, 0, bytes.length);
    }

    /** Bloom filter bit arithmetic shared by writer and reader. */
    static final class Bloom {
        private Bloom() {
        }

        static void add(long[] words, int functions, long hash) {
            long bits = (long) words.length * 64;
            long step = IndexValues.mix(hash) | 1;
            long position = hash;
            for (int i = 0; i < functions; i++) {
                long bit = Long.remainderUnsigned(position, bits);
                words[(int) (bit >>> 6)] |= 1L << bit;
                position += step;
            }
        }

        static boolean mayContain(long[] words, int offset, int wordCount, int functions, long hash) {
            long bits = (long) wordCount * 64;
            long step = IndexValues.mix(hash) | 1;
            long position = hash;
            for (int i = 0; i < functions; i++) {
                long bit = Long.remainderUnsigned(position, bits);
                if ((words[offset + (int) (bit >>> 6)] & (1L << bit)) == 0) {
                    return false;
                }
                position += step;
            }
            return true;
        }
    }

    /** Token boundaries of tokenbf_v1 and hasToken. */
    static final class Tokens {
        private Tokens() {
        }

        static boolean isTokenByte(byte b) {
            return b < 0 || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
        }
    }
}
