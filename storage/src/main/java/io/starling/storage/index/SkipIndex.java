package io.starling.storage.index;

import io.starling.storage.block.Block;
import io.starling.storage.block.BlockSerde;
import io.starling.storage.codec.ByteSource;
import io.starling.storage.column.Column;
import io.starling.storage.column.LongColumn;
import io.starling.storage.column.StringColumn;
import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.merge.ValueComparator;
import io.starling.storage.type.DataType;
import io.starling.storage.type.DataTypes;
import io.starling.storage.type.PhysicalKind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A loaded skip index of one part (format: {@link SkipIndexWriter}); answers which entries may hold rows matching
 * an {@link IndexPredicate}. Immutable and thread-safe.
 */
public final class SkipIndex {
    public static final String FILE_PREFIX = "skp_idx_";
    public static final String FILE_SUFFIX = ".idx";

    private final IndexDefinition definition;
    private final int kind;
    private final DataType leafType;
    private final ValueComparator comparator;
    private final int entries;
    private Column mins;
    private Column maxes;
    private LongColumn has;
    private long[] setCounts;
    private int[] setStarts;
    private Column setValues;
    private long[] filterWords;
    private int[] filterOffsets;
    private int[] filterLengths;
    private int[] filterFunctions;

    private SkipIndex(IndexDefinition definition, int kind, DataType leafType, int entries) {
        this.definition = definition;
        this.kind = kind;
        this.leafType = leafType;
        this.comparator = ValueComparator.forType(leafType);
        this.entries = entries;
    }

    public static SkipIndex read(byte[] bytes, String where) {
        try {
            ByteSource source = new ByteSource(bytes);
            if (source.readByte() != 'S' || source.readByte() != 'I') {
                throw corrupt(where, "it does not start with [SI]");
            }
            int version = source.readUnsignedByte();
            if (version != SkipIndexWriter.VERSION) {
                throw corrupt(where, "format version " + version + " is not supported");
            }
            int kind = source.readUnsignedByte();
            String name = source.readShortString();
            String expression = source.readShortString();
            String type = source.readShortString();
            int argumentCount = source.readUnsignedByte();
            List<String> arguments = new ArrayList<>();
            for (int i = 0; i < argumentCount; i++) {
                arguments.add(source.readShortString());
            }
            int granularity = source.readCount("index granularity");
            IndexDefinition definition = new IndexDefinition(name, expression, type, arguments, granularity);
            DataType leafType = DataTypes.parseStored(source.readShortString());
            int entries = source.readCount("index entries");
            SkipIndex index = new SkipIndex(definition, kind, leafType, entries);
            switch (kind) {
                case SkipIndexWriter.MINMAX -> {
                    Block block = readBlock(source);
                    index.mins = block.column(0);
                    index.maxes = block.column(1);
                    index.has = (LongColumn) block.column(2);
                    check(block.rowCount() == entries, where, "minmax rows do not match the entry count");
                }
                case SkipIndexWriter.SET -> {
                    Block counts = readBlock(source);
                    index.setValues = readBlock(source).column(0);
                    check(counts.rowCount() == entries, where, "set counts do not match the entry count");
                    index.setCounts = new long[entries];
                    index.setStarts = new int[entries];
                    long total = 0;
                    for (int i = 0; i < entries; i++) {
                        index.setCounts[i] = ((LongColumn) counts.column(0)).getLong(i);
                        index.setStarts[i] = (int) total;
                        total += Math.max(0, index.setCounts[i]);
                    }
                    check(total == index.setValues.size(), where, "set values do not add up");
                }
                case SkipIndexWriter.BLOOM, SkipIndexWriter.TOKEN, SkipIndexWriter.NGRAM -> {
                    index.filterOffsets = new int[entries];
                    index.filterLengths = new int[entries];
                    index.filterFunctions = new int[entries];
                    long total = 0;
                    List<long[]> parts = new ArrayList<>(entries);
                    for (int i = 0; i < entries; i++) {
                        index.filterFunctions[i] = source.readUnsignedByte();
                        int words = source.readCount("filter words");
                        check(words > 0 && (long) words * 8 <= source.remaining(), where, "a filter does not fit the file");
                        long[] filter = new long[words];
                        for (int w = 0; w < words; w++) {
                            filter[w] = source.readLong();
                        }
                        parts.add(filter);
                        index.filterOffsets[i] = (int) total;
                        index.filterLengths[i] = words;
                        total += words;
                    }
                    index.filterWords = new long[(int) total];
                    for (int i = 0; i < entries; i++) {
                        System.arraycopy(parts.get(i), 0, index.filterWords, index.filterOffsets[i], index.filterLengths[i]);
                    }
                }
                default -> throw corrupt(where, "index kind " + kind + " is unknown");
            }
            check(source.atEnd(), where, "it has trailing bytes");
            return index;
        } catch (StarlingException e) {
            if (e.errorCode() == ErrorCode.CORRUPTED_DATA) {
                throw e;
            }
            throw corrupt(where, e.getMessage());
        }
    }

    private static Block readBlock(ByteSource source) {
        int length = source.readCount("block bytes");
        byte[] bytes = new byte[length];
        source.readBytes(bytes, 0, length);
        return BlockSerde.deserialize(bytes);
    }

    private static void check(boolean condition, String where, String why) {
        if (!condition) {
            throw corrupt(where, why);
        }
    }

    private static StarlingException corrupt(String where, String why) {
        return new StarlingException(ErrorCode.CORRUPTED_DATA, "Skip index [" + where + "] is corrupt: " + why
                + ". Detach the part and fetch it again");
    }

    public IndexDefinition definition() {
        return definition;
    }

    public int entryCount() {
        return entries;
    }

    /**
     * The data granules (of {@code granuleCount}) that may hold rows matching {@code predicate}; every granule when
     * this index cannot judge the predicate.
     */
    public BitSet granules(IndexPredicate predicate, int granuleCount) {
        BitSet result = new BitSet(granuleCount);
        Matcher matcher = matcher(predicate);
        int granularity = definition.granularity();
        for (int entry = 0; entry < entries; entry++) {
            if (matcher == null || matcher.mayMatch(entry)) {
                int from = (int) Math.min(granuleCount, (long) entry * granularity);
                int to = (int) Math.min(granuleCount, (long) (entry + 1) * granularity);
                result.set(from, to);
            }
        }
        if ((long) entries * granularity < granuleCount) {
            result.set((int) ((long) entries * granularity), granuleCount);
        }
        return result;
    }

    @FunctionalInterface
    private interface Matcher {
        boolean mayMatch(int entry);
    }

    /** Null when the index cannot use this predicate. */
    private Matcher matcher(IndexPredicate predicate) {
        return switch (kind) {
            case SkipIndexWriter.MINMAX -> minMaxMatcher(predicate);
            case SkipIndexWriter.SET -> setMatcher(predicate);
            case SkipIndexWriter.BLOOM -> bloomMatcher(predicate);
            default -> textMatcher(predicate);
        };
    }

    private List<Column> constants(IndexPredicate predicate) {
        List<Column> result = new ArrayList<>(predicate.values().size());
        for (Object value : predicate.values()) {
            Column constant = IndexValues.constant(leafType, value);
            if (constant == null) {
                return null;
            }
            result.add(constant);
        }
        return result;
    }

    private Matcher minMaxMatcher(IndexPredicate predicate) {
        if (predicate.op() == IndexPredicate.Op.LIKE || predicate.op() == IndexPredicate.Op.HAS_TOKEN) {
            if (predicate.op() == IndexPredicate.Op.HAS_TOKEN || leafType.physical() != PhysicalKind.BYTES) {
                return null;
            }
            byte[] prefix = LikePatterns.literalPrefix(predicate.values().get(0).toString());
            if (prefix.length == 0) {
                return null;
            }
            StringColumn low = (StringColumn) IndexValues.constant(leafType, prefix);
            return entry -> has.getLong(entry) != 0 && comparator.compare(maxes, entry, low, 0) >= 0
                    && comparePrefix((StringColumn) mins, entry, prefix) <= 0;
        }
        List<Column> constants = constants(predicate);
        if (constants == null) {
            return null;
        }
        return entry -> {
            if (has.getLong(entry) == 0) {
                return false;
            }
            for (Column constant : constants) {
                boolean possible = switch (predicate.op()) {
                    case EQUALS, IN, HAS -> comparator.compare(mins, entry, constant, 0) <= 0
                            && comparator.compare(maxes, entry, constant, 0) >= 0;
                    case LESS -> comparator.compare(mins, entry, constant, 0) < 0;
                    case LESS_OR_EQUAL -> comparator.compare(mins, entry, constant, 0) <= 0;
                    case GREATER -> comparator.compare(maxes, entry, constant, 0) > 0;
                    case GREATER_OR_EQUAL -> comparator.compare(maxes, entry, constant, 0) >= 0;
                    default -> true;
                };
                if (possible) {
                    return true;
                }
            }
            return false;
        };
    }

    private static int comparePrefix(StringColumn column, int row, byte[] prefix) {
        byte[] bytes = column.rawBytes();
        int offset = column.valueOffset(row);
        int length = Math.min(column.valueLength(row), prefix.length);
        int result = java.util.Arrays.compareUnsigned(bytes, offset, offset + length, prefix, 0, length);
        return result != 0 ? result : column.valueLength(row) >= prefix.length ? 0 : -1;
    }

    private Matcher setMatcher(IndexPredicate predicate) {
        if (predicate.op() == IndexPredicate.Op.LIKE || predicate.op() == IndexPredicate.Op.HAS_TOKEN) {
            return null;
        }
        List<Column> constants = constants(predicate);
        if (constants == null) {
            return null;
        }
        return entry -> {
            long count = setCounts[entry];
            if (count < 0) {
                return true;
            }
            int start = setStarts[entry];
            for (int i = start; i < start + count; i++) {
                for (Column constant : constants) {
                    int order = comparator.compare(setValues, i, constant, 0);
                    boolean match = switch (predicate.op()) {
                        case EQUALS, IN, HAS -> order == 0;
                        case LESS -> order < 0;
                        case LESS_OR_EQUAL -> order <= 0;
                        case GREATER -> order > 0;
                        case GREATER_OR_EQUAL -> order >= 0;
                        default -> true;
                    };
                    if (match) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    private Matcher bloomMatcher(IndexPredicate predicate) {
        IndexPredicate.Op op = predicate.op();
        if (op != IndexPredicate.Op.EQUALS && op != IndexPredicate.Op.IN && op != IndexPredicate.Op.HAS) {
            return null;
        }
        List<Column> constants = constants(predicate);
        if (constants == null) {
            return null;
        }
        long[] hashes = new long[constants.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = IndexValues.hash(constants.get(i), 0, 0);
        }
        return entry -> {
            for (long hash : hashes) {
                if (SkipIndexWriter.Bloom.mayContain(filterWords, filterOffsets[entry], filterLengths[entry],
                        filterFunctions[entry], hash)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** tokenbf_v1 and ngrambf_v1: each alternative is a set of hashes that must all be present. */
    private Matcher textMatcher(IndexPredicate predicate) {
        List<String> arguments = definition.arguments();
        int base = kind == SkipIndexWriter.NGRAM ? 1 : 0;
        int n = kind == SkipIndexWriter.NGRAM ? IndexDefinition.intArgument(arguments, 0) : 0;
        String seedText = arguments.get(base + 2);
        long seed = seedText.contains(".") ? (long) Double.parseDouble(seedText) : Long.parseLong(seedText);
        List<long[]> alternatives = new ArrayList<>();
        for (Object value : predicate.values()) {
            List<byte[]> pieces = switch (predicate.op()) {
                case EQUALS, IN -> kind == SkipIndexWriter.TOKEN ? LikePatterns.tokensOfValue(IndexValues.utf8(value))
                        : List.of(IndexValues.utf8(value));
                case LIKE -> kind == SkipIndexWriter.TOKEN ? LikePatterns.tokensOfPattern(value.toString())
                        : LikePatterns.literalRuns(value.toString());
                case HAS_TOKEN -> kind == SkipIndexWriter.TOKEN ? List.of(IndexValues.utf8(value)) : null;
                default -> null;
            };
            if (pieces == null) {
                return null;
            }
            List<Long> hashes = new ArrayList<>();
            for (byte[] piece : pieces) {
                if (kind == SkipIndexWriter.TOKEN) {
                    hashes.add(IndexValues.hashBytes(piece, 0, piece.length, seed));
                } else {
                    for (int at = 0; at + n <= piece.length; at++) {
                        hashes.add(IndexValues.hashBytes(piece, at, n, seed));
                    }
                }
            }
            if (hashes.isEmpty()) {
                return null;
            }
            alternatives.add(hashes.stream().mapToLong(Long::longValue).toArray());
        }
        return entry -> {
            for (long[] hashes : alternatives) {
                boolean all = true;
                for (long hash : hashes) {
                    if (!SkipIndexWriter.Bloom.mayContain(filterWords, filterOffsets[entry], filterLengths[entry],
                            filterFunctions[entry], hash)) {
                        all = false;
                        break;
                    }
                }
                if (all) {
                    return true;
                }
            }
            return false;
        };
    }
}
